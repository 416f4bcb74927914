import fc from "fast-check";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { check } from "../../src/api/check.js";
import { compileChecked } from "../../src/api/compile.js";
import { largeProgram } from "../../src/bench/large-program.js";
import { CheckSession } from "../../src/api/session.js";
import { applyEdit, editStep, tokenSoup, type EditStep } from "../property/inputs.js";
import { examples, repoRoot } from "../support/repo.js";
import { readdirSync, readFileSync } from "node:fs";

/*
 * The language server's incremental check must be indistinguishable from a fresh full one: after
 * every edit of a random sequence (one CheckSession, so what it keeps carries over from edit to
 * edit: chunk parses, imported files' parses, the lowering of the statements before the edit),
 * the AST, the syntax diagnostics and the whole check() result (diagnostics, symbols, the
 * program, boot states: what diagnostics, hover, completion and semantic tokens are answered
 * from) and the script equal those of check() on the same text.
 */

const mistakesDir = join(repoRoot, "examples", "mistakes");
const documents = [
  ...examples().map((e) => ({ path: e.path, text: e.text })),
  ...readdirSync(mistakesDir).map((f) => ({
    path: join(mistakesDir, f),
    text: readFileSync(join(mistakesDir, f), "utf8"),
  })),
  { path: join(repoRoot, "examples", "generated-flat.bond"), text: largeProgram("flat", 400) },
  { path: join(repoRoot, "examples", "generated-procs.bond"), text: largeProgram("procedures", 400) },
];

/** Edits a person makes, plus whole statements and blocks pasted in or cut out. */
const step: fc.Arbitrary<EditStep> = fc.oneof(
  editStep,
  fc.tuple(
    fc.constantFrom("insertLine", "deleteLine", "insertChar"),
    fc.nat(),
    fc.nat(),
    fc.oneof(
      tokenSoup,
      fc.constantFrom(
        "up bond0 {",
        "}",
        "{",
        "proc p(a: interface) {",
        "down eth0,",
        "  address ip",
        "# bondc:allow BOND0507",
        '"open',
        "\r",
        "eth0\r",
      ),
    ),
  ),
);

/** A session as the server has one per document, but chunking every file (the server parses small ones whole). */
const editor = (path: string) => new CheckSession(path, { chunkedFrom: 0 });

function sameAsFull(session: CheckSession, text: string, path: string): void {
  const a = session.check(text);
  const b = check(text, path);
  expect(a.source.ast).toEqual(b.source.ast);
  expect(a.source.diagnostics).toEqual(b.source.diagnostics);
  expect(a.imports).toEqual(b.imports);
  expect(a.diagnostics).toEqual(b.diagnostics);
  expect(a.symbols).toEqual(b.symbols);
  expect(a.program).toEqual(b.program);
  expect(a.states).toEqual(b.states);
  // Hovers show the generated commands, from the script of the same result.
  expect(compileChecked(a).script).toBe(compileChecked(b).script);
}

describe("incremental parsing equals a full parse and check", () => {
  // Chunking from the first byte (the server parses small files whole), so every file here is chunked.
  it("on every example and mistake, parsed from scratch", () => {
    for (const d of documents) sameAsFull(editor(d.path), d.text, d.path);
  });

  it("when an inventory is declared after a `discover node.…` that had none, or taken away again", () => {
    const doc = join(repoRoot, "examples", "fixed", "BOND0135.bond");
    const declared = readFileSync(doc, "utf8");
    const declaration = declared.split("\n").find((l) => l.startsWith("inventory "))!;
    const without = declared.replace(`${declaration}\n`, "");
    const session = editor(doc);
    // The declaration comes last, after the statements whose lowering the session keeps.
    for (const text of [without, `${without}${declaration}\n`, without]) sameAsFull(session, text, doc);
  });

  it("after each edit of random edit sequences", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...documents),
        fc.array(step, { minLength: 1, maxLength: 8 }),
        async (doc, steps) => {
          const session = editor(doc.path);
          let text = doc.text;
          session.check(text);
          for (const s of steps) {
            text = applyEdit(text, s);
            sameAsFull(session, text, doc.path);
          }
          // A long synchronous run starves the test worker's messages to vitest on a busy machine.
          await new Promise((resolve) => setImmediate(resolve));
        },
      ),
      { numRuns: 100 },
    );
    // Hundreds of full checks: minutes on a machine shared with kernel builds.
  }, 600_000);
});
