import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { keywordWords } from "../../src/syntax/tokens.js";
import { tokenRules } from "./compare.js";
import { corpusImages, grammarTokenKinds, lexedTokenKinds, type TokenKinds } from "./token-kinds.js";

const ebnfText = readFileSync(new URL("../../grammar/bond.ebnf", import.meta.url), "utf8");
const corpus = corpusImages();

/** Pieces that meet at the edges where the lexer's rules are subtle: octets, dashes, keywords. */
const pieces = [
  "a",
  "f",
  "g",
  "Z",
  "_",
  "-",
  "+",
  "0",
  "7",
  "9",
  ".",
  ":",
  "/",
  '"',
  "#",
  " ",
  "\n",
  "\t",
  "\r",
  "{",
  ",",
  "=",
  "$",
  "ad",
  "802.3ad",
  "00:1b",
  "10.0",
  ...keywordWords,
];
const generated = fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 6 }).map((p) => p.join(""));

const firstDisagreement = (kinds: TokenKinds, samples: readonly string[]) =>
  samples.find((s) => kinds(s).join() !== lexedTokenKinds(s).join());

describe("the lexical rules of grammar/bond.ebnf", () => {
  const kinds = grammarTokenKinds(ebnfText);

  it("name one rule per token that is not a fixed string", () => {
    expect([...tokenRules.keys()].sort()).toEqual([
      "COMMENT",
      "IDENT",
      "INT_LIT",
      "IPV4_LIT",
      "MAC_LIT",
      "PREFIX_LIT",
      "STRING_LIT",
      "UNTERMINATED_STRING",
      "WHITE_SPACE",
    ]);
  });

  it("read keywords as the lexer does, and words that merely start with one as names", () => {
    for (const word of keywordWords) expect(kinds(word)).toEqual([`${word[0]!.toUpperCase()}${word.slice(1)}`]);
    for (const word of ["procs", "up-link", "on+off", "to_do"]) expect(kinds(word)).toEqual(["Ident"]);
  });

  it("accept exactly what the lexer reads as one token, for every token of the examples and stdlib", () => {
    expect(corpus.length).toBeGreaterThan(100);
    for (const image of corpus) expect(kinds(image), JSON.stringify(image)).toEqual(lexedTokenKinds(image));
  });

  it("accept exactly what the lexer reads as one token, for generated strings", () => {
    fc.assert(
      fc.property(generated, (s) => {
        expect(kinds(s), JSON.stringify(s)).toEqual(lexedTokenKinds(s));
      }),
      { numRuns: 5000 },
    );
  });

  // A wrong lexical rule must be caught, or the agreement above proves nothing.
  const samples = [...corpus, ...fc.sample(generated, { numRuns: 5000, seed: 42 })];
  it.each([
    ["keywords allowed as names", "IDENT         ::= NAME - KEYWORD", "IDENT         ::= NAME"],
    [
      "a MAC without a colon",
      "MAC_LIT       ::= HEX_DIGIT+ ( ':' HEX_DIGIT+ )+",
      "MAC_LIT       ::= HEX_DIGIT+ ( ':' HEX_DIGIT+ )*",
    ],
    ["a comment running past its line", "COMMENT       ::= '#' [^#xA]*", "COMMENT       ::= '#' [^#x0]*"],
    ["dashes dropped from names", "( [-+] [A-Za-z0-9_]+ )*", "( [+] [A-Za-z0-9_]+ )*"],
    ["a keyword missing", "| 'to' |", "|"],
  ])("disagree with the lexer when %s", (_what, from, to) => {
    expect(ebnfText).toContain(from);
    expect(firstDisagreement(grammarTokenKinds(ebnfText.replace(from, to)), samples)).toBeDefined();
  });
});
