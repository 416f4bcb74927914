import type { Connection } from "vscode-languageserver/node.js";
import { toLspDiagnostic } from "./convert.js";
import type { Workspace } from "./workspace.js";

/**
 * Publishes diagnostics after edits settle. Each edit re-arms a per-document timer, so a burst of
 * keystrokes that arrives together costs one check. A file whose check fits the 50 ms latency
 * goal is checked at once (edits re-parse incrementally, so that is most files); for a large one the pause grows with what
 * the last check cost, so it is not re-checked back to back while the user is still typing. The check runs synchronously on the
 * document's text at the moment the timer fires and is published with that version, so a result
 * can never describe an older text than the newest one the server had received.
 */
export class DiagnosticsPublisher {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly workspace: Workspace,
    private readonly connection: Connection,
  ) {}

  schedule(uri: string): void {
    clearTimeout(this.timers.get(uri));
    const cost = this.workspace.lastCheckMs;
    const delay = cost < 50 ? 0 : Math.min(250, cost / 2);
    this.timers.set(
      uri,
      setTimeout(() => this.publish(uri), delay),
    );
  }

  /** The document closed: drop any pending check and clear what the editor shows. */
  clear(uri: string): void {
    clearTimeout(this.timers.get(uri));
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
