import type { CstNode, IToken } from "chevrotain";
import type { LineIndex, Span } from "../diagnostics/span.js";
import type * as A from "./ast.js";

type Children = Record<string, (CstNode | IToken)[] | undefined>;

/**
 * Turns chevrotain's concrete tree into the AST. The CST may be partial after error recovery:
 * every accessor tolerates missing children and substitutes MissingExpr / empty names whose
 * spans sit where the missing text should have been, so later passes never see undefined.
 */
export class AstBuilder {
  constructor(
    private readonly file: string,
    private readonly lines: LineIndex,
  ) {}

  build(root: CstNode, comments: readonly IToken[]): A.BondFile {
    const items = this.nodes(root, "item").map((n) => this.item(n));
    return {
      kind: "BondFile",
      items: items.filter((i): i is A.Item => i !== undefined),
      comments: comments.map((c) => ({ text: c.image, span: this.tokenSpan(c) })),
      span: this.lines.span(this.file, 0, this.lines.text.length),
    };
  }

  // ---- helpers over the CST -------------------------------------------------------------

  private kids(node: CstNode): Children {
    return node.children;
  }

  private nodes(node: CstNode, name: string): CstNode[] {
    return (this.kids(node)[name] ?? []) as CstNode[];
  }

  private node(node: CstNode, name: string): CstNode | undefined {
    return this.nodes(node, name)[0];
  }

  private tokens(node: CstNode, name: string): IToken[] {
    return ((this.kids(node)[name] ?? []) as IToken[]).filter((t) => !t.isInsertedInRecovery);
  }

  private token(node: CstNode, name: string, index = 0): IToken | undefined {
    return this.tokens(node, name)[index];
  }

  private tokenSpan(t: IToken): Span {
    return this.lines.span(this.file, t.startOffset, (t.endOffset ?? t.startOffset) + 1);
  }

  private nodeSpan(node: CstNode): Span {
    const loc = node.location;
    if (!loc || Number.isNaN(loc.startOffset)) return this.lines.span(this.file, 0, 0);
    const end = loc.endOffset === undefined || Number.isNaN(loc.endOffset) ? loc.startOffset : loc.endOffset + 1;
    return this.lines.span(this.file, loc.startOffset, end);
  }

  /** An empty span at the end of `node`, where a missing piece would have gone. */
  private endOf(node: CstNode): Span {
    const s = this.nodeSpan(node);
    return this.lines.span(this.file, s.end, s.end);
  }

  private ident(t: IToken | undefined, fallback: Span): A.Ident {
    if (!t) return { kind: "Ident", name: "", span: fallback };
    return { kind: "Ident", name: t.image, span: this.tokenSpan(t) };
  }

  // ---- items ----------------------------------------------------------------------------

  private item(n: CstNode): A.Item | undefined {
    const target = this.node(n, "targetDecl");
    if (target) return this.targetDecl(target);
    const imp = this.node(n, "importDecl");
    if (imp) return this.importDecl(imp);
    const proc = this.node(n, "procDecl");
    if (proc) return this.procDecl(proc);
    const inventory = this.node(n, "inventoryDecl");
    if (inventory) return this.inventoryDecl(inventory);
    const stmt = this.node(n, "statement");
    return stmt ? this.statement(stmt) : undefined;
  }

  private targetDecl(n: CstNode): A.TargetDecl {
    const block = this.node(n, "settingsBlock");
    return {
      kind: "TargetDecl",
      name: this.ident(this.token(n, "Ident"), this.endOf(n)),
      settings: block ? this.settings(block) : [],
      span: this.nodeSpan(n),
    };
  }

  private importDecl(n: CstNode): A.ImportDecl {
    return { kind: "ImportDecl", path: this.pathOf(n), span: this.nodeSpan(n) };
  }

  private inventoryDecl(n: CstNode): A.InventoryDecl {
    const block = this.node(n, "settingsBlock");
    return {
      kind: "InventoryDecl",
      path: this.pathOf(n),
      ...(block ? { settings: this.settings(block) } : {}),
      span: this.nodeSpan(n),
    };
  }

  /** The quoted file name of an import or an inventory ("" where the parser found none). */
  private pathOf(n: CstNode): A.StringLit {
    const t = this.token(n, "StringLit");
    return t
      ? { kind: "StringLit", value: t.image.slice(1, -1), span: this.tokenSpan(t) }
      : { kind: "StringLit", value: "", span: this.endOf(n) };
  }

  private procDecl(n: CstNode): A.ProcDecl {
    const body = this.node(n, "block");
    return {
      kind: "ProcDecl",
      name: this.ident(this.token(n, "Ident"), this.endOf(n)),
      params: this.nodes(n, "param").map((p) => ({
        kind: "Param",
        name: this.ident(this.token(p, "Ident", 0), this.endOf(p)),
        type: this.ident(this.token(p, "Ident", 1), this.endOf(p)),
        span: this.nodeSpan(p),
      })),
      body: body ? this.statements(body) : [],
      span: this.nodeSpan(n),
    };
  }

  private statements(block: CstNode): A.Statement[] {
    return this.nodes(block, "statement")
      .map((s) => this.statement(s))
      .filter((s): s is A.Statement => s !== undefined);
  }

  // ---- statements -----------------------------------------------------------------------

  private statement(n: CstNode): A.Statement | undefined {
    const [name, inner] = Object.entries(this.kids(n))[0] ?? [];
    const node = inner?.[0] as CstNode | undefined;
    if (!name || !node) return undefined;
    const span = this.nodeSpan(node);
    switch (name) {
      case "letStmt": {
        const typeTok = this.token(node, "Ident", 1);
        return {
          kind: "LetStmt",
          name: this.ident(this.token(node, "Ident", 0), this.endOf(node)),
          ...(typeTok ? { type: this.ident(typeTok, span) } : {}),
          value: this.expr(this.node(node, "expr"), node),
          span,
        };
      }
      case "ifaceStmt":
        return { kind: "IfaceStmt", names: this.tokens(node, "Ident").map((t) => this.ident(t, span)), span };
      case "loadStmt":
        return {
          kind: "LoadStmt",
          module: this.expr(this.node(node, "expr"), node),
          options: this.nodes(node, "moduleOption").map((o) => ({
            kind: "Setting",
            name: this.ident(this.token(o, "Ident"), this.endOf(o)),
            values: [this.expr(this.node(o, "expr"), o)],
            span: this.nodeSpan(o),
          })),
          span,
        };
      case "upStmt": {
        const block = this.node(node, "settingsBlock");
        return {
          kind: "UpStmt",
          target: this.expr(this.node(node, "expr"), node),
          ...(block ? { settings: this.settings(block) } : {}),
          span,
        };
      }
      case "downStmt":
        return { kind: "DownStmt", targets: this.exprList(this.node(node, "exprList"), node), span };
      case "enslaveStmt":
        return {
          kind: "EnslaveStmt",
          slaves: this.exprList(this.node(node, "exprList"), node),
          bond: this.expr(this.node(node, "expr"), node),
          span,
        };
      case "mountStmt":
        return {
          kind: "MountStmt",
          what: this.ident(this.token(node, "Proc") ?? this.token(node, "Ident"), this.endOf(node)),
          span,
        };
      case "handoffStmt": {
        const block = this.node(node, "settingsBlock");
        return {
          kind: "HandoffStmt",
          root: this.expr(this.node(node, "expr"), node),
          ...(block ? { settings: this.settings(block) } : {}),
          span,
        };
      }
      case "waitStmt": {
        const block = this.node(node, "settingsBlock");
        return {
          kind: "WaitStmt",
          what: this.ident(this.token(node, "Ident"), this.endOf(node)),
          ...(block ? { settings: this.settings(block) } : {}),
          span,
        };
      }
      case "onFailureStmt":
        return { kind: "OnFailureStmt", policy: this.ident(this.token(node, "Ident"), this.endOf(node)), span };
      case "callStmt":
        return {
          kind: "CallStmt",
          callee: this.ident(this.token(node, "Ident"), this.endOf(node)),
          args: this.nodes(node, "expr").map((e) => this.expr(e, node)),
          span,
        };
      default:
        return undefined;
    }
  }

  private settings(block: CstNode): A.Setting[] {
    return this.nodes(block, "setting").map((s) => ({
      kind: "Setting",
      name: this.ident(this.token(s, "Ident"), this.endOf(s)),
      values: this.exprList(this.node(s, "exprList"), s),
      span: this.nodeSpan(s),
    }));
  }

  private exprList(list: CstNode | undefined, parent: CstNode): A.Expr[] {
    if (!list) return [{ kind: "MissingExpr", span: this.endOf(parent) }];
    const exprs = this.nodes(list, "expr").map((e) => this.expr(e, list));
    return exprs.length > 0 ? exprs : [{ kind: "MissingExpr", span: this.endOf(parent) }];
  }

  // ---- expressions ----------------------------------------------------------------------

  private expr(n: CstNode | undefined, parent: CstNode): A.Expr {
    if (!n || n.recoveredNode) {
      // A node chevrotain invented while recovering may have no location; put the gap where the
      // value should have been, not at the start of the file.
      const located = n?.location !== undefined && !Number.isNaN(n.location.startOffset);
      return { kind: "MissingExpr", span: located ? this.nodeSpan(n) : this.endOf(parent) };
    }
    const span = this.nodeSpan(n);
    const idents = this.tokens(n, "Ident");
    if (this.token(n, "Iface")) return { kind: "IfaceExpr", name: this.ident(idents[0], span), span };
    if (this.token(n, "Discover")) {
      return { kind: "DiscoverExpr", target: this.ident(idents[0], span), field: this.ident(idents[1], span), span };
    }
    const lit = (name: string) => this.token(n, name)?.image;
    const ipv4 = lit("Ipv4Lit");
    if (ipv4 !== undefined) return { kind: "Ipv4Lit", text: ipv4, span };
    const mac = lit("MacLit");
    if (mac !== undefined) return { kind: "MacLit", text: mac, span };
    const int = lit("IntLit");
    if (int !== undefined) return { kind: "IntLit", text: int, span };
    const prefix = lit("PrefixLit");
    if (prefix !== undefined) return { kind: "PrefixLit", text: prefix, span };
    const str = lit("StringLit");
    if (str !== undefined) return { kind: "StringLit", value: str.slice(1, -1), span };
    const mode = lit("Mode8023ad");
    if (mode !== undefined) return { kind: "NameExpr", name: { kind: "Ident", name: mode, span }, span };
    if (this.token(n, "True")) return { kind: "BoolLit", value: true, span };
    if (this.token(n, "False")) return { kind: "BoolLit", value: false, span };
    if (idents[0]) return { kind: "NameExpr", name: this.ident(idents[0], span), span };
    return { kind: "MissingExpr", span };
  }
}
