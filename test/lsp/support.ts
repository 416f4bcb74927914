import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";
import { TextDocument } from "vscode-languageserver-textdocument";
import type { Diagnostic, TextEdit } from "vscode-languageserver-protocol";
import { LspClient } from "../../src/lsp/stdio-client.js";
import { cliPath, ensureBuilt } from "../support/bondc.js";
import { expectations, type Expectation, type Finding } from "../support/expectations.js";
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

export interface Mistake {
  readonly name: string;
  readonly path: string;
  readonly text: string;
  /** From the `# expect:` comments on the offending lines (test/support/expectations.ts). */
  readonly expected: readonly Expectation[];
}

/** Every examples/mistakes/*.bond present when the tests run. */
/**
 * The expectations of the inventory CSV beside a mistake, as the editor shows them: on the
 * `inventory` line of the open document (it can only underline that one), each message led by the
 * cell's file:line:col.
 */
function inventoryExpectations(path: string, text: string): Expectation[] {
  const csv = path.replace(/\.bond$/, ".csv");
  if (!existsSync(csv)) return [];
  const line = text.split("\n").findIndex((l) => l.startsWith("inventory ")) + 1;
  return expectations(readFileSync(csv, "utf8")).map((e) => ({
    ...e,
    line,
    column: 1,
    message: `${csv}:${e.line}:${e.column}: ${e.message}`,
  }));
}

export function mistakes(): Mistake[] {
  const dir = join(repoRoot, "examples", "mistakes");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".bond"))
    .sort()
    .map((f) => {
      const path = join(dir, f);
      const text = readFileSync(path, "utf8");
      return {
        name: basename(f, ".bond"),
        path,
        text,
        expected: [...expectations(text), ...inventoryExpectations(path, text)],
      };
    });
}

/**
 * Each published diagnostic as the `# expect:` comments describe one: 1-based, its message and
 * help taken back apart from the note and help lines the server appends to the message.
 */
export function findings(diagnostics: readonly Diagnostic[]): Finding[] {
  return diagnostics.map((d) => {
    const [message, ...extra] = d.message.split("\n");
    const help = extra.find((l) => l.startsWith("help: "))?.slice("help: ".length);
    return {
      line: d.range.start.line + 1,
      column: d.range.start.character + 1,
      code: String(d.code),
      message: message!,
      ...(help !== undefined ? { help } : {}),
    };
  });
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
