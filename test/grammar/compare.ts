import { allTokens } from "../../src/syntax/tokens.js";
import { readEbnf, type Production } from "./ebnf.js";
import { canonical, print, referencedNames } from "./expr.js";
import { fromGast, parserRules } from "./gast.js";
import { literalText, upperSnake } from "./terminals.js";

/*
 * Every way grammar/bond.ebnf and the chevrotain parser disagree, as sentences; [] when they are
 * in step. Syntactic rules (lowerCamel) must match the parser's rules one for one, in order, with
 * the same structure; lexical rules (UPPER_SNAKE) must cover every token that is not a fixed
 * string, and every other lexical rule must be used by one.
 */

const isSyntactic = (p: Production) => /^[a-z]/.test(p.name);

/** The lexical rule each token that is not a fixed string must have. */
export const tokenRules: ReadonlyMap<string, string> = new Map(
  allTokens.filter((t) => literalText(t) === undefined).map((t) => [upperSnake(t.name), t.name]),
);

export function grammarDifferences(ebnfText: string): string[] {
  const productions = readEbnf(ebnfText);
  const problems: string[] = [];
  const defined = new Map<string, Production>();
  for (const p of productions) {
    if (defined.has(p.name))
      problems.push(`${p.name} is defined twice (lines ${defined.get(p.name)!.line} and ${p.line})`);
    defined.set(p.name, p);
  }

  const rules = parserRules();
  const parserNames = rules.map((r) => r.name);
  const ebnfNames = productions.filter(isSyntactic).map((p) => p.name);
  if (ebnfNames.join(" ") !== parserNames.join(" ")) {
    problems.push(
      `syntactic rules differ:\n  grammar/bond.ebnf: ${ebnfNames.join(" ")}\n  parser:            ${parserNames.join(" ")}`,
    );
  }
  for (const rule of rules) {
    const p = defined.get(rule.name);
    if (!p) continue;
    const ebnf = print(canonical(p.body));
    const parser = print(canonical(fromGast(rule)));
    if (ebnf !== parser)
      problems.push(`${rule.name} (line ${p.line}):\n  grammar/bond.ebnf: ${ebnf}\n  parser:            ${parser}`);
  }

  const used = new Set(productions.flatMap((p) => referencedNames(p.body)));
  for (const name of used) if (!defined.has(name)) problems.push(`${name} is used but never defined`);
  for (const [rule, token] of tokenRules)
    if (!defined.has(rule)) problems.push(`the token ${token} has no lexical rule ${rule}`);
  for (const p of productions) {
    if (isSyntactic(p) || tokenRules.has(p.name) || used.has(p.name)) continue;
    problems.push(`the lexical rule ${p.name} (line ${p.line}) is neither a token nor used by one`);
  }
  return problems;
}
