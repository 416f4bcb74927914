import type { TokenType } from "chevrotain";
import { allTokens } from "../../src/syntax/tokens.js";
import type { Expr } from "./expr.js";

/*
 * How a token of src/syntax/tokens.ts is written in grammar/bond.ebnf. A token whose pattern is a
 * fixed string (keywords, punctuation, 802.3ad) is that string, quoted: 'let', '{', '802.3ad'.
 * Any other token is a lexical rule named after it in UPPER_SNAKE case: StringLit is STRING_LIT,
 * Ipv4Lit is IPV4_LIT.
 */

/** Regex syntax characters; a pattern free of them (or with them escaped) is a fixed string. */
const fixedString = /^(?:[^\\^$.|?*+()[\]{}]|\\[^A-Za-z0-9])+$/;
/** Keywords end in a negative lookahead that keeps `procs` a name; it is not part of the spelling. */
const trailingLookahead = /\(\?![^()]*\)$/;

export function tokenByName(name: string): TokenType {
  const token = allTokens.find((t) => t.name === name);
  if (!token) throw new Error(`no token named ${name} in src/syntax/tokens.ts`);
  return token;
}

/** The fixed spelling of a token, or undefined when its pattern matches more than one string. */
export function literalText(token: TokenType): string | undefined {
  const pattern = token.PATTERN;
  if (!(pattern instanceof RegExp)) return undefined;
  const source = pattern.source.replace(trailingLookahead, "");
  return fixedString.test(source) ? source.replace(/\\(.)/g, "$1") : undefined;
}

export const upperSnake = (name: string): string => name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase();

/** The EBNF terminal for a token: a quoted literal or the name of its lexical rule. */
export function ebnfTerminal(token: TokenType): Expr {
  const text = literalText(token);
  return text !== undefined ? { kind: "literal", text } : { kind: "name", name: upperSnake(token.name) };
}
