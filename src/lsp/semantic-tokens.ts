import type { IToken, TokenType } from "chevrotain";
import { SemanticTokensBuilder, type SemanticTokens, type SemanticTokensLegend } from "vscode-languageserver/node.js";
import type { CheckResult } from "../api/check.js";
import type { ValueType } from "../semantic/types.js";
import { bondOptionSpec } from "../semantic/bonding.js";
import type { DefinitionKind } from "../semantic/symbols.js";
import * as T from "../syntax/tokens.js";
import { bondLexer } from "./lex.js";
import { identSites, type IdentRole, type IdentSite } from "./syntax-walk.js";

/*
 * Semantic highlighting: the lexer says what each token is, the AST and the symbol table say
 * what each name means (a binding, a parameter, a procedure, a bonding mode, a setting).
 */

const tokenTypes = [
  "keyword",
  "variable",
  "function",
  "parameter",
  "number",
  "string",
  "comment",
  "type",
  "enumMember",
  "property",
] as const;
type TokenKind = (typeof tokenTypes)[number];
const tokenModifiers = ["declaration"] as const;

export const semanticTokensLegend: SemanticTokensLegend = {
  tokenTypes: [...tokenTypes],
  tokenModifiers: [...tokenModifiers],
};

interface Classified {
  readonly kind: TokenKind;
  readonly declaration: boolean;
}

const byRole: Partial<Record<IdentRole, Classified>> = {
  "target-name": { kind: "type", declaration: false },
  "proc-name": { kind: "function", declaration: true },
  callee: { kind: "function", declaration: false },
  "param-name": { kind: "parameter", declaration: true },
  "type-name": { kind: "type", declaration: false },
  "let-name": { kind: "variable", declaration: true },
  "iface-decl": { kind: "variable", declaration: true },
  "setting-name": { kind: "property", declaration: false },
  "discover-field": { kind: "property", declaration: false },
  policy: { kind: "enumMember", declaration: false },
};

const byDefinition: Record<DefinitionKind, TokenKind> = {
  let: "variable",
  param: "parameter",
  proc: "function",
  iface: "variable",
};
const byValueType: Partial<Record<ValueType, TokenKind>> = {
  mode: "enumMember",
  rootdev: "enumMember",
  interface: "variable",
};

function literalKind(type: TokenType): TokenKind | undefined {
  if (T.keywords.includes(type)) return "keyword";
  if (type === T.Comment) return "comment";
  if (type === T.StringLit || type === T.UnterminatedString) return "string";
  if (type === T.Ipv4Lit || type === T.MacLit || type === T.IntLit || type === T.PrefixLit) return "number";
  if (type === T.Mode8023ad) return "enumMember";
  return undefined;
}

interface NameFacts {
  readonly definitions: ReadonlyMap<number, DefinitionKind>;
  readonly types: ReadonlyMap<number, ValueType>;
}

/** Where each name in the document refers to and what type each expression has, by start offset. */
function nameFacts(result: CheckResult): NameFacts {
  const file = result.source.path;
  const definitions = new Map<number, DefinitionKind>();
  for (const r of result.symbols.references) if (r.span.file === file) definitions.set(r.span.start, r.definition.kind);
  const types = new Map<number, ValueType>();
  for (const t of result.symbols.types) if (t.span.file === file) types.set(t.span.start, t.type);
  return { definitions, types };
}

/** What a use of a name means: its definition, else its type, else (in a procedure nobody calls) its parameter. */
function classifyName(site: IdentSite, facts: NameFacts): Classified | undefined {
  const start = site.ident.span.start;
  const definition = facts.definitions.get(start);
  if (definition) return { kind: byDefinition[definition], declaration: false };
  const option = site.setting ? bondOptionSpec(site.setting.name.name) : undefined;
  if (option?.value.kind === "enum" || option?.value.kind === "mode") return { kind: "enumMember", declaration: false };
  const type = facts.types.get(start);
  const kind = type ? byValueType[type] : undefined;
  if (kind) return { kind, declaration: false };
  if (site.proc?.params.some((p) => p.name.name === site.ident.name)) return { kind: "parameter", declaration: false };
  return undefined;
}

function classifyIdents(result: CheckResult): Map<number, Classified> {
  const facts = nameFacts(result);
  const out = new Map<number, Classified>();
  for (const site of identSites(result.source.ast)) {
    const c = site.role === "name" ? classifyName(site, facts) : byRole[site.role];
    if (c) out.set(site.ident.span.start, c);
  }
  return out;
}

function classifyToken(t: IToken, idents: ReadonlyMap<number, Classified>): Classified | undefined {
  if (t.tokenType === T.Ident) return idents.get(t.startOffset);
  const kind = literalKind(t.tokenType);
  return kind ? { kind, declaration: false } : undefined;
}

export function semanticTokens(result: CheckResult): SemanticTokens {
  const idents = classifyIdents(result);
  const lexed = bondLexer.tokenize(result.source.text);
  const tokens: IToken[] = [...lexed.tokens, ...(lexed.groups["comments"] ?? [])].sort(
    (a, b) => a.startOffset - b.startOffset,
  );
  const builder = new SemanticTokensBuilder();
  for (const t of tokens) {
    const c = classifyToken(t, idents);
    if (!c) continue;
    builder.push(
      (t.startLine ?? 1) - 1,
      (t.startColumn ?? 1) - 1,
      t.image.length,
      tokenTypes.indexOf(c.kind),
      c.declaration ? 1 : 0,
    );
  }
  return builder.build();
}
