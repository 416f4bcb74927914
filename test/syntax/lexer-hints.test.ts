import { Lexer, type IToken, type TokenType } from "chevrotain";
import fc from "fast-check";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lexerConfig } from "../../src/syntax/parse.js";
import { allTokens } from "../../src/syntax/tokens.js";
import { anyText, tokenSoup } from "../property/inputs.js";
import { repoRoot } from "../support/repo.js";

/*
 * The tokens carry start_chars_hint and line_breaks so that chevrotain need not analyse their
 * regular expressions at start-up. A wrong hint would silently change tokenization, so this
 * compares the lexer with a twin built from the same tokens minus the hints, which chevrotain
 * then works out itself, on the examples and on arbitrary text.
 */

type Hinted = TokenType & { START_CHARS_HINT?: unknown; LINE_BREAKS?: unknown; LONGER_ALT?: TokenType | TokenType[] };

function withoutHints(tokens: readonly TokenType[]): TokenType[] {
  const copies = new Map<TokenType, Hinted>(
    tokens.map((t) => {
      const { START_CHARS_HINT: _hint, LINE_BREAKS: _breaks, ...rest } = t as Hinted;
      return [t, rest];
    }),
  );
  for (const copy of copies.values()) {
    const alt = copy.LONGER_ALT;
    if (alt) copy.LONGER_ALT = Array.isArray(alt) ? alt.map((a) => copies.get(a)!) : copies.get(alt)!;
  }
  return tokens.map((t) => copies.get(t)!);
}

const hinted = new Lexer([...allTokens], { ...lexerConfig, skipValidations: false });
const unhinted = new Lexer(withoutHints(allTokens), { ...lexerConfig, skipValidations: false });

const view = (t: IToken) => [
  t.tokenType.name,
  t.image,
  t.startOffset,
  t.endOffset,
  t.startLine,
  t.endLine,
  t.startColumn,
  t.endColumn,
];

function sameTokens(text: string): void {
  const a = hinted.tokenize(text);
  const b = unhinted.tokenize(text);
  expect(a.tokens.map(view)).toEqual(b.tokens.map(view));
  expect((a.groups["comments"] ?? []).map(view)).toEqual((b.groups["comments"] ?? []).map(view));
  expect(a.errors).toEqual(b.errors);
}

describe("lexer start-character and line-break hints", () => {
  it("the twin without hints really is the unoptimised analysis (no hints left on it)", () => {
    expect(withoutHints(allTokens).some((t) => "START_CHARS_HINT" in t || "LINE_BREAKS" in t)).toBe(false);
    expect(unhinted.lexerDefinitionErrors).toEqual([]);
  });

  it("change no token of any example or mistake", () => {
    const dirs = [join(repoRoot, "examples"), join(repoRoot, "examples", "mistakes"), join(repoRoot, "stdlib")];
    for (const dir of dirs)
      for (const f of readdirSync(dir).filter((n) => n.endsWith(".bond")))
        sameTokens(readFileSync(join(dir, f), "utf8"));
  });

  it("change no token of arbitrary text", () => {
    fc.assert(
      fc.property(
        fc.oneof(anyText, tokenSoup, fc.string({ unit: fc.constantFrom(...'\r\n\t #"{}8:.a0/=-+é\u2028') })),
        sameTokens,
      ),
      { numRuns: 500 },
    );
  });
});
