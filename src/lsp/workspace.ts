import { TextDocument } from "vscode-languageserver-textdocument";
import { TextDocuments } from "vscode-languageserver/node.js";
import { reaches, type CheckLevel, type CheckResult } from "../api/check.js";
import { CheckSession } from "../api/session.js";
import { configRoot } from "../config/load.js";
import { diskHost, type CompileHost } from "../semantic/sources.js";
import { pathToUri, uriToPath } from "./paths.js";

/** One open document checked at one version. Only the latest analysis of a document is kept. */
export interface Analysis {
  readonly uri: string;
  readonly path: string;
  readonly version: number;
  readonly document: TextDocument;
  readonly result: CheckResult;
}

/**
 * The open documents and their analyses. The compiler reads imported files through a host that
 * serves open buffers before the disk, so an unsaved edit to a library is seen by its importers.
 * Any edit anywhere invalidates every cached analysis (a cheap re-check on next use), because an
 * open document may import the one that changed.
 */
export class Workspace {
  readonly documents = new TextDocuments(TextDocument);
  private readonly analyses = new Map<string, Analysis & { readonly generation: number }>();
  private readonly uriByPath = new Map<string, string>();
  /** Each open document's check session: an edit re-does only the work it invalidates. */
  private readonly sessions = new Map<string, CheckSession>();
  private generation = 0;
  /**
   * The CPU time the last text's check took, in milliseconds, its parts at several levels added
   * up; the diagnostics pause scales with it. CPU, not wall time: on a loaded machine a cheap
   * check can take long to finish, and pausing for the machine's load would only add to what the
   * user waits.
   */
  lastCheckMs = 0;

  readonly host: CompileHost = {
    readFile: (path) => {
      const uri = this.uriByPath.get(path);
      const open = uri === undefined ? undefined : this.documents.get(uri);
      return open ? open.getText() : diskHost.readFile(path);
    },
    stdlibDir: diskHost.stdlibDir,
    // Open buffers have no symbolic links to follow; files on disk may, out of the project.
    realPath: (path) => diskHost.realPath?.(path),
  };

  /** Call on open, change and close: the documents collection has already been updated. */
  touched(uri: string, open: boolean): void {
    this.generation++;
    if (open) this.uriByPath.set(uriToPath(uri), uri);
    else {
      this.uriByPath.delete(uriToPath(uri));
      this.analyses.delete(uri);
      this.sessions.delete(uri);
    }
  }

  /** The URI an editor knows a compiler path by: the one it opened it with, if it did. */
  uriFor(path: string): string {
    return this.uriByPath.get(path) ?? pathToUri(path);
  }

  /** Open documents whose latest analysis read `path` as an import. */
  importersOf(path: string): string[] {
    return [...this.analyses.values()].filter((a) => a.result.imports.some((s) => s.path === path)).map((a) => a.uri);
  }

  /** Imports stay in the project, as for `bondc check`: the directory of bondc.json, else the file's. */
  private hostFor(path: string): CompileHost {
    const root = configRoot(path);
    return root === undefined ? this.host : { ...this.host, root };
  }

  /**
   * The analysis of the document's current text; undefined when it is not open (or was opened
   * with no text). `needs`: how far the request needs the check to have gone (CheckLevel):
   * completion reads only the program and its symbols, a hover the boot states too, the
   * diagnostics everything. After an edit of a large file a lower level costs a fraction of the
   * whole check, and a cached analysis of the same text that stopped short is carried on from
   * where it stopped (CheckSession.deepen), not made again.
   */
  analysis(uri: string, needs: CheckLevel = "all"): Analysis | undefined {
    const document = this.documents.get(uri);
    // A client that sends a didOpen whose text is not a string gets no analysis, not a crash.
    const text: unknown = document?.getText();
    if (!document || typeof text !== "string") return undefined;
    const cached = this.analyses.get(uri);
    const current = cached && cached.version === document.version && cached.generation === this.generation;
    if (current && reaches(cached.result.level, needs)) return cached;
    const path = uriToPath(uri);
    const started = process.cpuUsage();
    let session = this.sessions.get(uri);
    if (session?.file !== path) this.sessions.set(uri, (session = new CheckSession(path)));
    const deeper = current ? session.deepen(cached.result, needs) : undefined;
    const result = deeper ?? session.check(text, this.hostFor(path), { level: needs });
    const used = process.cpuUsage(started);
    this.lastCheckMs = (deeper ? this.lastCheckMs : 0) + (used.user + used.system) / 1000;
    const analysis = {
      uri,
      path,
      version: document.version,
      document,
      result,
      generation: this.generation,
    };
    this.analyses.set(uri, analysis);
    return analysis;
  }
}
