import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Lexer, type IToken } from "chevrotain";
import { allTokens } from "../../src/syntax/tokens.js";
import { readEbnf } from "./ebnf.js";
import { lexicalRegExp } from "./lexical.js";
import { literalText, upperSnake } from "./terminals.js";

/*
 * Both sides of the lexical comparison, as functions from a string to the token kinds that
 * accept the whole of it: what grammar/bond.ebnf says, and what the real lexer does.
 */

export type TokenKinds = (s: string) => string[];

/** The token kinds whose EBNF rule (or fixed spelling) accepts the whole of `s`. */
export function grammarTokenKinds(ebnfText: string): TokenKinds {
  const productions = readEbnf(ebnfText);
  const matchers = allTokens.map((token) => {
    const text = literalText(token);
    if (text !== undefined) return { name: token.name, accepts: (s: string) => s === text };
    const re = lexicalRegExp(upperSnake(token.name), productions);
    return { name: token.name, accepts: (s: string) => re.test(s) };
  });
  return (s) => matchers.filter((m) => m.accepts(s)).map((m) => m.name);
}

const lexer = new Lexer([...allTokens], { ensureOptimizations: false });

function lexAll(text: string): { tokens: IToken[]; errors: number } {
  const { tokens, groups, errors } = lexer.tokenize(text);
  return { tokens: [...tokens, ...Object.values(groups).flat()], errors: errors.length };
}

/** The token the real lexer reads the whole of `s` as, when it reads it as exactly one token. */
export const lexedTokenKinds: TokenKinds = (s) => {
  const { tokens, errors } = lexAll(s);
  if (errors > 0) return [];
  // Whitespace is skipped, so a non-empty string that yields nothing at all was one WhiteSpace.
  if (tokens.length === 0) return s === "" ? [] : ["WhiteSpace"];
  return tokens.length === 1 && tokens[0]!.image === s ? [tokens[0]!.tokenType.name] : [];
};

const repo = fileURLToPath(new URL("../../", import.meta.url));

/** Every token image in the examples (mistakes included) and the stdlib: real spellings. */
export function corpusImages(): string[] {
  const dirs = ["examples", "examples/mistakes", "stdlib"].map((d) => join(repo, d));
  const files = dirs.flatMap((dir) =>
    readdirSync(dir)
      .filter((f) => f.endsWith(".bond"))
      .map((f) => join(dir, f)),
  );
  return [...new Set(files.flatMap((f) => lexAll(readFileSync(f, "utf8")).tokens.map((t) => t.image)))];
}
