import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { grammarDifferences } from "./compare.js";

const ebnfText = readFileSync(new URL("../../grammar/bond.ebnf", import.meta.url), "utf8");

describe("the syntactic rules of grammar/bond.ebnf", () => {
  it("match the parser's rules one for one, structure included", () => {
    expect(grammarDifferences(ebnfText)).toEqual([]);
  });

  // The comparison must notice drift, or the test above proves nothing.
  it.each([
    [
      "an optional made mandatory",
      "upStmt        ::= 'up' expr settingsBlock?",
      "upStmt        ::= 'up' expr settingsBlock",
      "upStmt (line",
    ],
    ["a repetition made one-or-more", "file          ::= item*", "file          ::= item+", "file (line"],
    ["a keyword misspelt", "'enslave' exprList 'to' expr", "'enslave' exprList 'into' expr", "enslaveStmt (line"],
    [
      "two alternatives swapped",
      "| MAC_LIT\n                | INT_LIT",
      "| INT_LIT\n                | MAC_LIT",
      "expr (line",
    ],
    [
      "a separator list made optional",
      "exprList      ::= expr ( ',' expr )*",
      "exprList      ::= ( expr ( ',' expr )* )?",
      "exprList (line",
    ],
    ["a rule renamed", "moduleOption  ::=", "moduleParam   ::=", "syntactic rules differ"],
    [
      "a token's lexical rule removed",
      "PREFIX_LIT    ::= '/' DIGIT+",
      "",
      "the token PrefixLit has no lexical rule PREFIX_LIT",
    ],
    ["an unused lexical rule", "DIGIT         ::= [0-9]", "DIGIT         ::= [0-9]\nOCTAL ::= [0-7]", "OCTAL"],
    [
      "a rule defined twice",
      "param         ::= IDENT ':' IDENT",
      "param         ::= IDENT ':' IDENT\nparam ::= IDENT",
      "param is defined twice",
    ],
  ])("report %s", (_what, from, to, mentioned) => {
    expect(ebnfText).toContain(from);
    expect(grammarDifferences(ebnfText.replace(from, to)).join("\n")).toContain(mentioned);
  });
});
