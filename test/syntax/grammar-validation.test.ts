import { Lexer } from "chevrotain";
import { describe, expect, it } from "vitest";
import { lexerConfig } from "../../src/syntax/parse.js";
import { validateGrammar } from "../../src/syntax/parser.js";
import { allTokens } from "../../src/syntax/tokens.js";

/*
 * The shipped parser and lexer skip chevrotain's definition checks to start faster; these run
 * them, so a grammar change that introduces an ambiguity or a broken token still fails here.
 */
describe("grammar validation (skipped at run time)", () => {
  it("the parser's grammar passes chevrotain's validations", () => {
    expect(() => validateGrammar()).not.toThrow();
  });

  it("the lexer's token definitions pass chevrotain's validations", () => {
    const lexer = new Lexer([...allTokens], { ...lexerConfig, skipValidations: false });
    expect(lexer.lexerDefinitionErrors).toEqual([]);
  });
});
