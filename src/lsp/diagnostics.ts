import type { Connection } from "vscode-languageserver/node.js";
import { toLspDiagnostic } from "./convert.js";
import type { Workspace } from "./workspace.js";

/**
 * Publishes diagnostics after edits settle. Each edit re-arms a per-document timer, so a burst of
 * keystrokes that arrives together costs one check. A file whose check fits the 50 ms latency
 * goal is checked at once (edits re-check incrementally, so that is most files); for a large one
 * the pause grows with the CPU time the last check cost, so it is not re-checked back to back
 * while the user is still typing. The check runs synchronously on the document's text at the moment the timer fires and is published with that version, so a result
 * can never describe an older text than the newest one the server had received.
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
    const publish = () => this.publish(uri);
    if (cost < 50) {
      // No pause, but after the messages already read: the connection handles one message per
      // turn of the event loop, so the check waits two turns, and the next message of a burst
      // cancels it (a burst that arrived together is one check). Not setTimeout(0), which waits
      // a millisecond: a fifth of the seed example's goal.
      let cancelled = false;
      setImmediate(() => setImmediate(() => cancelled || publish()));
      this.timers.set(uri, () => (cancelled = true));
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

  private publish(uri: string): void {
    this.timers.delete(uri);
    try {
      const analysis = this.workspace.analysis(uri);
      if (!analysis) return;
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
