import type { Expr } from "./expr.js";
import type { Production } from "./ebnf.js";

/*
 * A lexical rule of grammar/bond.ebnf as a JavaScript regular expression matching whole strings,
 * so each rule can be compared with what the real lexer does on the same input. Names inside a
 * lexical rule are other lexical rules (NAME, DIGIT, ...) and are inlined.
 */

const escapeLiteral = (text: string) => text.replace(/[\\^$.|?*+()[\]{}/-]/g, "\\$&");

/** W3C #xN escapes become \u{N}; the rest of a class is already regex syntax. */
const classToRegex = (source: string) => source.replace(/#x([0-9A-Fa-f]+)/g, "\\u{$1}");

function toSource(e: Expr, rules: ReadonlyMap<string, Expr>, seen: readonly string[]): string {
  switch (e.kind) {
    case "seq":
      return e.items.map((i) => toSource(i, rules, seen)).join("");
    case "alt":
      return `(?:${e.alts.map((a) => toSource(a, rules, seen)).join("|")})`;
    case "opt":
      return `(?:${toSource(e.body, rules, seen)})?`;
    case "star":
      return `(?:${toSource(e.body, rules, seen)})*`;
    case "plus":
      return `(?:${toSource(e.body, rules, seen)})+`;
    case "literal":
      return escapeLiteral(e.text);
    case "charClass":
      return classToRegex(e.source);
    case "name": {
      const body = rules.get(e.name);
      if (!body) throw new Error(`lexical rule ${e.name} is not defined`);
      if (seen.includes(e.name)) throw new Error(`lexical rule ${e.name} refers to itself`);
      return `(?:${toSource(body, rules, [...seen, e.name])})`;
    }
    case "diff":
      // A lookahead at the start is only right when the difference spans the whole string.
      throw new Error("`A - B` is only supported as the whole body of a token's rule");
  }
}

/** The rule `name` as an anchored, whole-string RegExp (`A - B` allowed at its top). */
export function lexicalRegExp(name: string, productions: readonly Production[]): RegExp {
  const rules = new Map(productions.map((p) => [p.name, p.body]));
  const body = rules.get(name);
  if (!body) throw new Error(`lexical rule ${name} is not defined`);
  const source =
    body.kind === "diff"
      ? `(?!${toSource(body.right, rules, [name])}$)${toSource(body.left, rules, [name])}`
      : toSource(body, rules, [name]);
  return new RegExp(`^(?:${source})$`, "u");
}
