import { Lexer } from "chevrotain";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { largeProgram } from "../../src/bench/large-program.js";
import { LineIndex } from "../../src/diagnostics/span.js";
import { withoutTokenlessLines } from "../../src/syntax/incremental/chunks.js";
import { editAddsLoneCarriageReturn, editBetween } from "../../src/syntax/incremental/edit.js";
import { IncrementalParser } from "../../src/syntax/incremental/incremental-parse.js";
import { lexerConfig, parse } from "../../src/syntax/parse.js";
import { allTokens } from "../../src/syntax/tokens.js";
import { tokenSoup } from "../property/inputs.js";
import { examples } from "../support/repo.js";

/*
 * The incremental parser's own shortcuts, each against the slow way it replaces: where two texts
 * differ (compared by blocks), a lone carriage return looked for only where the edit was, the
 * lookahead a chunk is parsed with (its blank and comment-only lines left out), the line index of
 * an edited text (made from the previous one), and the parse of a text after a sequence of edits
 * (chunks reused and moved, the result's items spliced from the previous ones). The edits reach
 * the very start and end of the text and bring line breaks of every kind: `\n`, `\r\n`, a lone
 * `\r`, and the halves of a `\r\n` split or joined by the edit.
 */

/**
 * A text edit: replace the characters from `at` (modulo the length + 1), `removed` of them, by
 * `inserted`; or, with `lines`, the lines from line `at`, `removed` of them, by `inserted`.
 */
type Edit = { lines: boolean; at: number; removed: number; inserted: string };

/** Line breaks of every kind and the characters around them, in runs that cross block boundaries. */
const breaks = fc.constantFrom("\n", "\r\n", "\r", "x", "up bond0 {", "}", "# c", " ");
const inserted = fc.oneof(
  fc.constantFrom("", "\n", "\r", "\r\n", "\n\r", "0", "# an edit\n", "load bonding\n", "up bond1 {\n"),
  fc.array(breaks, { maxLength: 6 }).map((parts) => parts.join("")),
  tokenSoup,
);
/** Whole lines that keep a program free of syntax errors, so that its chunks are what is returned. */
const cleanLines = fc
  .tuple(
    fc.constantFrom(
      "",
      "# a comment",
      "load bonding",
      "iface eth7",
      "mount proc",
      "up bond3 { miimon 100 }",
      "let x = 1",
    ),
    fc.constantFrom("\n", "\r\n"),
  )
  .map(([line, end]) => line + end);
const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({
    lines: fc.constant(false),
    // The start and the end of the text, as often as anywhere else.
    at: fc.oneof(fc.constant(0), fc.constant(Number.MAX_SAFE_INTEGER), fc.nat()),
    removed: fc.oneof(fc.constant(0), fc.nat(3), fc.nat(2000)),
    inserted,
  }),
  fc.record({
    lines: fc.constant(true),
    at: fc.oneof(fc.constant(0), fc.constant(Number.MAX_SAFE_INTEGER), fc.nat()),
    removed: fc.nat(2),
    inserted: fc.array(cleanLines, { maxLength: 3 }).map((lines) => lines.join("")),
  }),
);

function applyEdit(text: string, { lines, at, removed, inserted }: Edit): string {
  if (lines) {
    // Line starts: 0 and every offset after a `\n`, the text's end included when it ends with one.
    const starts = [0, ...[...text.matchAll(/\n/g)].map((m) => m.index + 1)];
    const first = at === Number.MAX_SAFE_INTEGER ? starts.length - 1 : at % starts.length;
    const start = starts[first]!;
    return text.slice(0, start) + inserted + text.slice(starts[first + removed] ?? text.length);
  }
  const start = at === Number.MAX_SAFE_INTEGER ? text.length : at % (text.length + 1);
  return text.slice(0, start) + inserted + text.slice(Math.min(text.length, start + removed));
}

/** Texts longer than the comparison's blocks, with line breaks of every kind. */
const text = fc.array(breaks, { maxLength: 1500 }).map((parts) => parts.join(""));

describe("where two texts differ", () => {
  it("is the longest common prefix, and the longest common suffix that does not overlap it", () => {
    fc.assert(
      fc.property(text, fc.array(edit, { minLength: 1, maxLength: 3 }), (before, edits) => {
        const after = edits.reduce(applyEdit, before);
        const { prefix, suffix } = editBetween(before, after);
        const shorter = Math.min(before.length, after.length);
        expect(before.slice(0, prefix)).toBe(after.slice(0, prefix));
        expect(prefix === shorter || before[prefix] !== after[prefix]).toBe(true);
        expect(prefix + suffix).toBeLessThanOrEqual(shorter);
        expect(before.slice(before.length - suffix)).toBe(after.slice(after.length - suffix));
        const s = suffix + 1;
        expect(prefix + suffix === shorter || before[before.length - s] !== after[after.length - s]).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe("a lone carriage return brought by an edit", () => {
  it("is found by reading the edit's neighbourhood as by reading the whole text", () => {
    fc.assert(
      fc.property(text, fc.array(edit, { minLength: 1, maxLength: 3 }), (raw, edits) => {
        const before = raw.replace(/\r(?!\n)/g, "");
        const after = edits.reduce(applyEdit, before);
        expect(editAddsLoneCarriageReturn(after, editBetween(before, after))).toBe(/\r(?!\n)/.test(after));
      }),
      { numRuns: 500 },
    );
  });
});

describe("a lookahead without its blank and comment-only lines", () => {
  const lexer = new Lexer([...allTokens], lexerConfig);
  /** What a clean parse reads: each token, and whether it is on the line of the one before it. */
  const tokens = (text: string) =>
    lexer.tokenize(text).tokens.map((t, i, all) => [t.tokenType.name, t.image, t.startLine === all[i - 1]?.endLine]);
  const line = fc.oneof(
    tokenSoup.map((soup) => soup.replace(/[\r\n]/g, " ")),
    fc.constantFrom("", "  ", "\t", "# a comment", "  # an indented one", "#", "\r"),
  );
  it("has the same tokens, in the same order, on lines in the same order", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(line, fc.constantFrom("\n", "\r\n", "")), { maxLength: 12 }), (lines) => {
        const context = lines.map(([l, end]) => l + end).join("");
        expect(tokens(withoutTokenlessLines(context))).toEqual(tokens(context));
      }),
      { numRuns: 500 },
    );
  });
});

describe("the line index of an edited text", () => {
  it("equals the one made from the text, for the least edit and for any wider one", () => {
    fc.assert(
      fc.property(text, edit, fc.nat(), fc.nat(), (before, e, narrowPrefix, narrowSuffix) => {
        const after = applyEdit(before, e);
        const fresh = new LineIndex(after);
        const { prefix, suffix } = editBetween(before, after);
        expect(new LineIndex(before).edited(after, prefix, suffix)).toEqual(fresh);
        // Any common prefix and suffix will do, not only the longest ones.
        const p = narrowPrefix % (prefix + 1);
        const s = narrowSuffix % (suffix + 1);
        expect(new LineIndex(before).edited(after, p, s)).toEqual(fresh);
      }),
      { numRuns: 500 },
    );
  });
});

const documents = [
  ...examples().map((e) => ({ path: e.path, text: e.text })),
  { path: "/generated-flat.bond", text: largeProgram("flat", 300) },
  { path: "/generated-procs.bond", text: largeProgram("procedures", 300) },
];

describe("the incremental parse after each edit of a sequence", () => {
  it("equals the whole parse: the tree, the diagnostics and the line index", () => {
    fc.assert(
      fc.property(fc.constantFrom(...documents), fc.array(edit, { minLength: 1, maxLength: 8 }), (doc, edits) => {
        const parser = new IncrementalParser();
        let current = doc.text;
        expect(parser.parse(current, doc.path)).toEqual(parse(current, doc.path));
        for (const e of edits) {
          current = applyEdit(current, e);
          expect(parser.parse(current, doc.path)).toEqual(parse(current, doc.path));
        }
      }),
      { numRuns: 150 },
    );
  }, 300_000);
});

describe("the incremental parse after edits inside a block", () => {
  // The chunks before a block hold it in their lookahead (to its end), and are taken again when
  // only the part past their first three token lines changed: the parse must still be parse()'s.
  const blockLines = (text: string) =>
    text.split("\n").flatMap((line, i) => (/^[ \t]+\S/.test(line) && !line.trim().startsWith("#") ? [i] : []));
  const blockEdit = fc.record({
    line: fc.nat(),
    at: fc.nat(),
    inserted: fc.oneof(fc.constantFrom("0", "1", " x", "}", "{", "\n  miimon 100", "\n"), tokenSoup),
    removed: fc.nat(4),
  });
  it("equals the whole parse, whatever the edits in blocks leave", () => {
    fc.assert(
      fc.property(fc.constantFrom(...documents), fc.array(blockEdit, { minLength: 1, maxLength: 8 }), (doc, edits) => {
        const parser = new IncrementalParser();
        let current = doc.text;
        parser.parse(current, doc.path);
        for (const e of edits) {
          const lines = blockLines(current);
          if (lines.length === 0) break;
          const line = lines[e.line % lines.length]!;
          const start = current.split("\n").slice(0, line).join("\n").length + (line > 0 ? 1 : 0);
          const length = current.split("\n")[line]!.length;
          const at = start + (e.at % (length + 1));
          current = current.slice(0, at) + e.inserted + current.slice(Math.min(start + length, at + e.removed));
          expect(parser.parse(current, doc.path)).toEqual(parse(current, doc.path));
        }
      }),
      { numRuns: 150 },
    );
  }, 300_000);

  it("keeps the statements before the one typed in the same objects", () => {
    const text = "load bonding\niface eth0\nlet a = 1\nup bond0 {\n  miimon 100\n  mode active-backup\n  hwaddr a\n}\n";
    const parser = new IncrementalParser();
    const before = parser.parse(text, "/block.bond").ast.items;
    const after = parser.parse(text.replace("hwaddr a", "hwaddr a1"), "/block.bond").ast.items;
    expect(after.slice(0, 3).every((item, i) => item === before[i])).toBe(true);
    expect(after[3]).not.toBe(before[3]);
  });
});

describe("the statements an edit did not touch", () => {
  it("stay the same objects when lines above them come and go, the first statement of the file included", () => {
    // What a session reuses of a statement hangs on its object (api/session.ts): a comment line
    // typed at the top and deleted again must not make the target block (or anything) anew.
    const text = largeProgram("flat", 300);
    const parser = new IncrementalParser();
    let previous = parser.parse(text, "/top.bond").ast.items;
    for (const next of [`# x\n${text}`, text, `\n\n${text}`, text]) {
      const items = parser.parse(next, "/top.bond").ast.items;
      expect(items.filter((item, i) => item !== previous[i])).toEqual([]);
      previous = items;
    }
  });
});
