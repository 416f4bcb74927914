import { EOF, type IParserErrorMessageProvider, type IToken, type TokenType } from "chevrotain";

/** What the user would call each grammar rule when the parser cannot pick an alternative. */
const ruleWhat: Record<string, string> = {
  file: "a statement or declaration",
  item: "a statement or declaration (target, import, proc, let, iface, load, up, down, enslave, mount, handoff, on failure, or a procedure call)",
  statement: "a statement (let, iface, load, up, down, enslave, mount, handoff, on failure, or a procedure call)",
  block: "a statement or '}'",
  expr: "a value (a name, address, number or string)",
  exprList: "a value",
  mountStmt: "what to mount (proc)",
  ifaceStmt: "an interface name",
};

function describeToken(t: IToken): string {
  if (t.tokenType === EOF) return "the end of the file";
  return `\`${t.image}\``;
}

function describeType(t: TokenType): string {
  // The parser expects the end of the file only where no statement can start.
  if (t === EOF) return ruleWhat["file"]!;
  if (typeof t.LABEL === "string") return t.LABEL;
  if (t.name === "Ident") return "a name";
  if (t.name === "StringLit") return 'a string ("...")';
  return `\`${t.name.toLowerCase()}\``;
}

export const syntaxMessages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage: ({ expected, actual }) =>
    `expected ${describeType(expected)}, found ${describeToken(actual)}`,
  buildNotAllInputParsedMessage: ({ firstRedundant }) => `unexpected ${describeToken(firstRedundant)}`,
  buildNoViableAltMessage: ({ actual, ruleName }) =>
    `expected ${ruleWhat[ruleName] ?? "something else"}, found ${actual[0] ? describeToken(actual[0]) : "nothing"}`,
  buildEarlyExitMessage: ({ actual, ruleName }) =>
    `expected ${ruleWhat[ruleName] ?? "something else"}, found ${actual[0] ? describeToken(actual[0]) : "nothing"}`,
};
