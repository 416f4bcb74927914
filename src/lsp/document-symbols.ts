import { SymbolKind, type DocumentSymbol } from "vscode-languageserver/node.js";
import type { Span } from "../diagnostics/span.js";
import type * as A from "../syntax/ast.js";
import { toRange } from "./convert.js";

/*
 * The outline: the target, procedures (with their parameters and lets), top-level lets and
 * declared interfaces. Read from the AST, so procedures nobody calls are listed too.
 */

function symbol(
  name: string,
  kind: SymbolKind,
  span: Span,
  selection: Span,
  detail: string,
  children: DocumentSymbol[] = [],
): DocumentSymbol {
  return {
    name,
    kind,
    detail,
    range: toRange(span),
    selectionRange: toRange(selection),
    ...(children.length > 0 ? { children } : {}),
  };
}

function statementSymbols(stmt: A.Item): DocumentSymbol[] {
  switch (stmt.kind) {
    case "TargetDecl":
      return stmt.name.name ? [symbol(stmt.name.name, SymbolKind.Module, stmt.span, stmt.name.span, "target")] : [];
    case "ProcDecl": {
      if (!stmt.name.name) return [];
      const params = stmt.params
        .filter((p) => p.name.name)
        .map((p) => symbol(p.name.name, SymbolKind.Variable, p.span, p.name.span, p.type.name));
      const detail = `(${stmt.params.map((p) => `${p.name.name}: ${p.type.name}`).join(", ")})`;
      return [
        symbol(stmt.name.name, SymbolKind.Function, stmt.span, stmt.name.span, detail, [
          ...params,
          ...stmt.body.flatMap(statementSymbols),
        ]),
      ];
    }
    case "LetStmt":
      return stmt.name.name
        ? [symbol(stmt.name.name, SymbolKind.Variable, stmt.span, stmt.name.span, stmt.type?.name ?? "let")]
        : [];
    case "IfaceStmt":
      return stmt.names.filter((n) => n.name).map((n) => symbol(n.name, SymbolKind.Interface, n.span, n.span, "iface"));
    default:
      return [];
  }
}

export function documentSymbols(file: A.BondFile): DocumentSymbol[] {
  return file.items.flatMap(statementSymbols);
}
