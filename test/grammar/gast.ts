import type { ISerializedGast } from "chevrotain";
import { bondParser } from "../../src/syntax/parser.js";
import { seq, type Expr } from "./expr.js";
import { ebnfTerminal, tokenByName } from "./terminals.js";

/*
 * The parser's serialized GAST (getSerializedGastProductions()) in the EBNF's terms. The
 * separator repetitions become what the EBNF writes out: AT_LEAST_ONE_SEP(x, ',') is
 * `x (',' x)*`, and MANY_SEP is the same made optional.
 */
export function fromGast(node: ISerializedGast): Expr {
  const children = () => seq((node.definition ?? []).map(fromGast));
  const named = node as ISerializedGast & { name: string; separator: ISerializedGast };
  switch (node.type) {
    case "Rule":
    case "Alternative":
      return children();
    case "NonTerminal":
      return { kind: "name", name: named.name };
    case "Terminal":
      return ebnfTerminal(tokenByName(named.name));
    case "Alternation":
      return { kind: "alt", alts: (node.definition ?? []).map(fromGast) };
    case "Option":
      return { kind: "opt", body: children() };
    case "Repetition":
      return { kind: "star", body: children() };
    case "RepetitionMandatory":
      return { kind: "plus", body: children() };
    case "RepetitionWithSeparator":
    case "RepetitionMandatoryWithSeparator": {
      const item = children();
      const separator = fromGast(named.separator);
      const list = seq([item, { kind: "star", body: seq([separator, item]) }]);
      return node.type === "RepetitionWithSeparator" ? { kind: "opt", body: list } : list;
    }
    default:
      throw new Error(`unknown GAST node type ${node.type}`);
  }
}

export type SerializedRule = ISerializedGast & { readonly name: string };

/** The parser's rules, in definition order; top-level serialized productions carry their name. */
export const parserRules = (): SerializedRule[] => bondParser().getSerializedGastProductions() as SerializedRule[];
