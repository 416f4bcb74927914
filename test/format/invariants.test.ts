import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compile } from "../../src/api/compile.js";
import { formatBond } from "../../src/format/format.js";
import { examples, repoRoot } from "../support/repo.js";
import { mangle, meaning, parsesCleanly, seeded, sprinkleComments, withoutLineCitations } from "./support.js";

/*
 * The formatter's guarantees over every .bond file in the repository that parses: formatting
 * is idempotent, keeps the tree (modulo positions) and every comment in order, and never
 * changes what the compiled linuxrc does. And layout does not matter: any re-spacing of a
 * file formats to the same text, which for the examples is the committed text.
 */

function bondFiles(dir: string): string[] {
  return readdirSync(join(repoRoot, dir))
    .filter((f) => f.endsWith(".bond"))
    .sort()
    .map((f) => join(repoRoot, dir, f));
}

const corpus = ["examples", "examples/mistakes", "stdlib", "test/format/fixtures"]
  .flatMap(bondFiles)
  .map((path) => ({ path, name: relative(repoRoot, path), text: readFileSync(path, "utf8") }))
  .filter((f) => parsesCleanly(f.text));

describe("formatter invariants", () => {
  it("covers the examples, the stdlib, the parseable mistakes and the fixtures", () => {
    const dirs = new Set(corpus.map((f) => f.name.slice(0, f.name.lastIndexOf("/"))));
    expect([...dirs].sort()).toEqual(["examples", "examples/mistakes", "stdlib", "test/format/fixtures"]);
  });

  for (const file of corpus) {
    describe(file.name, () => {
      const formatted = formatBond(file.text, file.path)!;

      it("is idempotent", () => {
        expect(formatted).toBeDefined();
        expect(formatBond(formatted, file.path)).toBe(formatted);
      });

      it("keeps the tree and the comments", () => {
        expect(meaning(formatted)).toEqual(meaning(file.text));
      });

      it("has no trailing whitespace and at most one blank line in a row", () => {
        expect(formatted).not.toMatch(/[ \t]$/m);
        expect(formatted).not.toMatch(/\n\n\n/);
        expect(formatted === "" || (formatted.endsWith("\n") && !formatted.endsWith("\n\n"))).toBe(true);
      });

      it("compiles to the same linuxrc, line citations aside", () => {
        const before = compile(file.text, file.path);
        const after = compile(formatted, file.path);
        expect(after.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual(
          before.diagnostics.map((d) => `${d.code} ${d.message}`),
        );
        expect(after.script === undefined ? undefined : withoutLineCitations(after.script)).toEqual(
          before.script === undefined ? undefined : withoutLineCitations(before.script),
        );
      });

      it("keeps comments put anywhere in it, idempotently", () => {
        fc.assert(
          fc.property(fc.integer(), (seed) => {
            const commented = sprinkleComments(file.text, seeded(seed));
            // Comments and line breaks are whitespace to the parser, so this still parses.
            const out = formatBond(commented, file.path)!;
            expect(out).toBeDefined();
            expect(meaning(out)).toEqual(meaning(commented));
            expect(formatBond(out, file.path)).toBe(out);
          }),
          { numRuns: 30 },
        );
      });

      it("formats any re-spacing of it to the same text", () => {
        fc.assert(
          fc.property(fc.integer(), (seed) => {
            const mangled = mangle(file.text, seeded(seed));
            // The mangler itself must only ever move whitespace.
            expect(meaning(mangled)).toEqual(meaning(file.text));
            expect(formatBond(mangled, file.path)).toBe(formatted);
          }),
          { numRuns: 20 },
        );
      });
    });
  }
});

describe("the committed examples", () => {
  for (const example of examples()) {
    it(`${example.name}.bond is kept formatted, and mangled copies format back to it`, () => {
      expect(formatBond(example.text, example.path)).toBe(example.text);
      fc.assert(
        fc.property(fc.integer(), (seed) => {
          const mangled = mangle(example.text, seeded(seed));
          expect(mangled).not.toBe(example.text);
          expect(formatBond(mangled, example.path)).toBe(example.text);
        }),
        { numRuns: 100 },
      );
    });
  }

  it("includes the stdlib, kept formatted", () => {
    const stdlib = bondFiles("stdlib");
    expect(stdlib.length).toBeGreaterThan(0);
    for (const path of stdlib) {
      const text = readFileSync(path, "utf8");
      expect(formatBond(text, path), relative(repoRoot, path)).toBe(text);
    }
  });
});
