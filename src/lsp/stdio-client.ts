import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from "vscode-jsonrpc/node.js";
import type {
  ClientCapabilities,
  InitializeResult,
  PublishDiagnosticsParams,
  TextDocumentContentChangeEvent,
} from "vscode-languageserver-protocol";

/**
 * Drives `bondc lsp --stdio` in a child process the way an editor does: JSON-RPC over the
 * process's stdin/stdout. Used by the latency benchmark and the language server tests.
 */
export class LspClient {
  private readonly published = new Map<string, PublishDiagnosticsParams>();
  private waiters: {
    uri: string;
    matches: (p: PublishDiagnosticsParams) => boolean;
    resolve: (p: PublishDiagnosticsParams) => void;
  }[] = [];
  /** Every publishDiagnostics received, in order, for tests that check none was stale. */
  readonly publishLog: PublishDiagnosticsParams[] = [];
  stderr = "";

  private constructor(
    readonly process: ChildProcess,
    readonly connection: MessageConnection,
  ) {
    connection.onNotification("textDocument/publishDiagnostics", (p: PublishDiagnosticsParams) => {
      this.publishLog.push(p);
      this.published.set(p.uri, p);
      const ready = this.waiters.filter((w) => w.uri === p.uri && w.matches(p));
      this.waiters = this.waiters.filter((w) => !ready.includes(w));
      for (const w of ready) w.resolve(p);
    });
  }

  /** Starts `node SERVER_SCRIPT lsp --stdio` (SERVER_SCRIPT is dist/bin/bondc.js, the shipped bin). */
  static start(serverScript: string): LspClient {
    const child = spawn(process.execPath, [serverScript, "lsp", "--stdio"], { stdio: ["pipe", "pipe", "pipe"] });
    const connection = createMessageConnection(
      new StreamMessageReader(child.stdout),
      new StreamMessageWriter(child.stdin),
    );
    const client = new LspClient(child, connection);
    child.stderr.on("data", (chunk: Buffer) => (client.stderr += chunk.toString()));
    connection.listen();
    return client;
  }

  async initialize(capabilities: ClientCapabilities = {}): Promise<InitializeResult> {
    const result = await this.connection.sendRequest<InitializeResult>("initialize", {
      processId: process.pid,
      rootUri: null,
      capabilities,
    });
    await this.connection.sendNotification("initialized", {});
    return result;
  }

  open(uri: string, text: string, version = 1): Promise<void> {
    return this.connection.sendNotification("textDocument/didOpen", {
      textDocument: { uri, languageId: "bond", version, text },
    });
  }

  change(uri: string, version: number, contentChanges: TextDocumentContentChangeEvent[]): Promise<void> {
    return this.connection.sendNotification("textDocument/didChange", {
      textDocument: { uri, version },
      contentChanges,
    });
  }

  close(uri: string): Promise<void> {
    // What was published for the closed document must not answer for a reopened one.
    this.published.delete(uri);
    return this.connection.sendNotification("textDocument/didClose", { textDocument: { uri } });
  }

  /** The first diagnostics published for `uri` at `version` or later (already received ones count). */
  diagnostics(uri: string, version = 1): Promise<PublishDiagnosticsParams> {
    return this.publication(uri, (p) => (p.version ?? 0) >= version);
  }

  /**
   * The first diagnostics published for `uri` that `matches` accepts, the last one already received
   * included: for waiting on a specific publication (a re-check that an event caused) rather than
   * on a count of them, which races with publications that were already under way.
   */
  publication(uri: string, matches: (p: PublishDiagnosticsParams) => boolean): Promise<PublishDiagnosticsParams> {
    const last = this.published.get(uri);
    if (last && matches(last)) return Promise.resolve(last);
    return new Promise((resolve) => this.waiters.push({ uri, matches, resolve }));
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest<R>(method, params);
  }

  /** shutdown, then exit; resolves with the server's exit status. */
  async stop(): Promise<number | null> {
    const exited = once(this.process, "exit");
    await this.connection.sendRequest("shutdown");
    await this.connection.sendNotification("exit");
    const [code] = (await exited) as [number | null];
    this.connection.dispose();
    return code;
  }
}
