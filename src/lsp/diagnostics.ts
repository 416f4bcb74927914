import type { Connection } from "vscode-languageserver/node.js";
import type { CheckLevel } from "../api/check.js";
import { toLspDiagnostic } from "./convert.js";
import type { Workspace } from "./workspace.js";

/** The levels a diagnostics check goes through, one turn of the event loop each. */
const LEVELS: readonly CheckLevel[] = ["program", "states", "all"];

/** The CPU time under which a check goes through all its levels at once. */
const QUICK_CHECK_MS = 2;

/**
 * Publishes diagnostics after edits settle. Each edit re-arms a per-document timer, so a burst of
 * keystrokes that arrives together costs one check. A file whose check fits the 50 ms latency
 * goal is checked at once (edits re-check incrementally, so that is most files); for a large one
 * the pause grows with the CPU time the last check cost, so it is not re-checked back to back
 * while the user is still typing. The check runs on the document's text at the moment the timer
 * fires and is published with that version, so a result can never describe an older text than
 * the newest one the server had received.
 *
 * The check goes level by level (the program, its boot states, the checks: CheckLevel), each in
 * its own turn of the event loop: a request that arrives meanwhile (a completion typed right
 * after the edit, a hover) is answered from the levels already done, or takes the next one
 * itself, instead of waiting behind the whole check. The levels are kept (Workspace.analysis),
 * so the publisher's next step takes them over; an edit in between cancels the rest.
 */
export class DiagnosticsPublisher {
  /** Each document's pending check: a cancel for it. */
  private readonly timers = new Map<string, () => void>();

  constructor(
    private readonly workspace: Workspace,
    private readonly connection: Connection,
  ) {}

  schedule(uri: string): void {
    this.timers.get(uri)?.();
    const cost = this.workspace.lastCheckMs;
    // Levels pay where a request could wait behind a check; a check of a few milliseconds is done
    // in one go, as a request could not arrive in it anyway and the turns between levels are
    // what it would cost.
    const publish = () => this.publish(uri, cost < QUICK_CHECK_MS ? LEVELS.length - 1 : 0);
    if (cost < 50) {
      // No pause, but after the messages already read: the next message of a burst cancels it
      // (a burst that arrived together is one check).
      this.afterPendingMessages(uri, publish);
    } else {
      const timer = setTimeout(publish, Math.min(250, cost / 2));
      this.timers.set(uri, () => clearTimeout(timer));
    }
  }

  /** The document closed: drop any pending check and clear what the editor shows. */
  clear(uri: string): void {
    this.timers.get(uri)?.();
    this.timers.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /**
   * Runs `then` once the messages already received are handled: the connection handles one
   * message per turn of the event loop, so after two turns; the next edit cancels it. Not
   * setTimeout(0), which waits a millisecond: a fifth of the seed example's goal.
   */
  private afterPendingMessages(uri: string, then: () => void): void {
    let cancelled = false;
    setImmediate(() => setImmediate(() => cancelled || then()));
    this.timers.set(uri, () => (cancelled = true));
  }

  private publish(uri: string, level = 0): void {
    this.timers.delete(uri);
    try {
      const analysis = this.workspace.analysis(uri, LEVELS[level]);
      if (!analysis) return;
      if (level + 1 < LEVELS.length) {
        this.afterPendingMessages(uri, () => this.publish(uri, level + 1));
        return;
      }
      const diagnostics = analysis.result.diagnostics.map((d) => toLspDiagnostic(analysis, this.workspace, d));
      void this.connection.sendDiagnostics({ uri, version: analysis.version, diagnostics });
    } catch (e) {
      // check() never throws on text; if it ever does, that is a bondc bug to report, and one
      // document must not take the editor's whole session down with it.
      this.connection.console.error(
        `bondc: internal error while checking ${uri}: ${e instanceof Error ? e.message : String(e)} (please report this with the file)`,
      );
    }
  }
}
