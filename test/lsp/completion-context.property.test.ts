import fc from "fast-check";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { largeProgram } from "../../src/bench/large-program.js";
import { cursorAt } from "../../src/lsp/completion-context.js";
import { applyEdit, editStep, tokenSoup } from "../property/inputs.js";
import { examples, repoRoot } from "../support/repo.js";

/*
 * Completion reads the cursor's context from the tokens before it, lexed from a quiet line shortly
 * before the cursor instead of from the file's start: at every offset of the examples, the
 * mistakes, edited copies of them and token soups, the context must be what lexing the whole
 * file before the cursor gives.
 */

const mistakesDir = join(repoRoot, "examples", "mistakes");
const texts = [
  ...examples().map((e) => e.text),
  ...readdirSync(mistakesDir).map((f) => readFileSync(join(mistakesDir, f), "utf8")),
  largeProgram("procedures", 60),
];

function sameEverywhere(text: string): void {
  for (let offset = 0; offset <= text.length; offset++)
    expect(cursorAt(text, offset), `at ${offset}`).toEqual(cursorAt(text, offset, { wholeFile: true }));
}

describe("the completion context, lexed from a quiet line before the cursor", () => {
  it("is the whole file's at every offset of every example and mistake", () => {
    for (const text of texts) sameEverywhere(text);
  });

  it("is the whole file's in edited examples and token soups", () => {
    const edited = fc.tuple(fc.constantFrom(...texts), fc.array(editStep, { minLength: 1, maxLength: 6 }));
    fc.assert(
      fc.property(
        fc.oneof(
          tokenSoup,
          edited.map(([text, steps]) => steps.reduce(applyEdit, text)),
        ),
        sameEverywhere,
      ),
      { numRuns: 150 },
    );
  });
});
