import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";
import { TextDocument } from "vscode-languageserver-textdocument";
import type { Diagnostic, TextEdit } from "vscode-languageserver-protocol";
import { LspClient } from "../../src/lsp/stdio-client.js";
import { cliPath, ensureBuilt } from "../support/bondc.js";
import { repoRoot } from "../support/repo.js";

export { examples, repoRoot } from "../support/repo.js";

/** A real `node dist/bin/bondc.js lsp --stdio`, initialized as an editor with snippet support would. */
export async function startServer(): Promise<LspClient> {
  ensureBuilt();
  const client = LspClient.start(cliPath);
  await client.initialize({ textDocument: { completion: { completionItem: { snippetSupport: true } } } });
  return client;
}

export const uriOf = (path: string) => pathToFileURL(path).href;

export interface Expectation {
  /** 1-based, as written in the file. */
  readonly line: number;
  readonly code: string;
}

export interface Mistake {
  readonly name: string;
  readonly path: string;
  readonly text: string;
  /** From the `# expect: CODE` comments on the offending lines. */
  readonly expected: readonly Expectation[];
}

export function expectations(text: string): Expectation[] {
  return text.split("\n").flatMap((line, i) => {
    const m = /#\s*expect:\s*([A-Z0-9, ]+)/.exec(line);
    return m ? m[1]!.split(/[ ,]+/).filter(Boolean).map((code) => ({ line: i + 1, code })) : [];
  });
}

/** Every examples/mistakes/*.bond present when the tests run. */
export function mistakes(): Mistake[] {
  const dir = join(repoRoot, "examples", "mistakes");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".bond"))
    .sort()
    .map((f) => {
      const path = join(dir, f);
      const text = readFileSync(path, "utf8");
      return { name: basename(f, ".bond"), path, text, expected: expectations(text) };
    });
}

/** `CODE@LINE` for each diagnostic, 1-based lines, for readable assertions. */
export function codesAtLines(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${String(d.code)}@${d.range.start.line + 1}`);
}

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create("file:///x.bond", "bond", 1, text), [...edits]);
}

/** The 0-based position of the first occurrence of `needle` in `text` (plus `delta` characters). */
export function positionOf(text: string, needle: string, delta = 0): { line: number; character: number } {
  const offset = text.indexOf(needle);
  if (offset < 0) throw new Error(`\`${needle}\` is not in the text`);
  const doc = TextDocument.create("file:///x.bond", "bond", 1, text);
  return doc.positionAt(offset + delta);
}
