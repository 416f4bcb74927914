import type { Span } from "../diagnostics/span.js";

/*
 * The abstract syntax tree. Every node has a span; nodes the parser had to invent while
 * recovering from a syntax error are marked `recovered` so later passes stay quiet about them
 * (one mistake, one message). The formatter prints from this tree plus the comment list.
 */

export interface Ident {
  readonly kind: "Ident";
  readonly name: string;
  readonly span: Span;
}

export interface Comment {
  readonly text: string;
  readonly span: Span;
}

// ---- expressions -------------------------------------------------------------------------

export interface NameExpr {
  readonly kind: "NameExpr";
  readonly name: Ident;
  readonly span: Span;
}
export interface IfaceExpr {
  readonly kind: "IfaceExpr";
  readonly name: Ident;
  readonly span: Span;
}
export interface DiscoverExpr {
  readonly kind: "DiscoverExpr";
  readonly target: Ident;
  readonly field: Ident;
  readonly span: Span;
}
export interface Ipv4Lit {
  readonly kind: "Ipv4Lit";
  readonly text: string;
  readonly span: Span;
}
export interface MacLit {
  readonly kind: "MacLit";
  readonly text: string;
  readonly span: Span;
}
export interface IntLit {
  readonly kind: "IntLit";
  readonly text: string;
  readonly span: Span;
}
export interface PrefixLit {
  readonly kind: "PrefixLit";
  readonly text: string;
  readonly span: Span;
}
export interface StringLit {
  readonly kind: "StringLit";
  /** Without the quotes. */
  readonly value: string;
  readonly span: Span;
}
export interface BoolLit {
  readonly kind: "BoolLit";
  readonly value: boolean;
  readonly span: Span;
}
/** Stands in for an expression the parser could not read. */
export interface MissingExpr {
  readonly kind: "MissingExpr";
  readonly span: Span;
}

export type Expr =
  NameExpr | IfaceExpr | DiscoverExpr | Ipv4Lit | MacLit | IntLit | PrefixLit | StringLit | BoolLit | MissingExpr;

/** `name value[, value…]` in a block, or `name=value` after `load MODULE`. */
export interface Setting {
  readonly kind: "Setting";
  readonly name: Ident;
  readonly values: readonly Expr[];
  readonly span: Span;
}

// ---- statements --------------------------------------------------------------------------

export interface LetStmt {
  readonly kind: "LetStmt";
  readonly name: Ident;
  readonly type?: Ident;
  readonly value: Expr;
  readonly span: Span;
}
export interface IfaceStmt {
  readonly kind: "IfaceStmt";
  readonly names: readonly Ident[];
  readonly span: Span;
}
export interface LoadStmt {
  readonly kind: "LoadStmt";
  readonly module: Expr;
  readonly options: readonly Setting[];
  readonly span: Span;
}
export interface UpStmt {
  readonly kind: "UpStmt";
  readonly target: Expr;
  /** Undefined when written without a block (`up eth1`). */
  readonly settings?: readonly Setting[];
  readonly span: Span;
}
export interface DownStmt {
  readonly kind: "DownStmt";
  readonly targets: readonly Expr[];
  readonly span: Span;
}
export interface EnslaveStmt {
  readonly kind: "EnslaveStmt";
  readonly slaves: readonly Expr[];
  readonly bond: Expr;
  readonly span: Span;
}
export interface MountStmt {
  readonly kind: "MountStmt";
  readonly what: Ident;
  readonly span: Span;
}
export interface HandoffStmt {
  readonly kind: "HandoffStmt";
  readonly root: Expr;
  readonly settings?: readonly Setting[];
  readonly span: Span;
}
/** `wait clients { deadline 600  then bond }`: a server's wait for the inventory's clients. */
export interface WaitStmt {
  readonly kind: "WaitStmt";
  readonly what: Ident;
  readonly settings?: readonly Setting[];
  readonly span: Span;
}
export interface OnFailureStmt {
  readonly kind: "OnFailureStmt";
  readonly policy: Ident;
  readonly span: Span;
}
export interface CallStmt {
  readonly kind: "CallStmt";
  readonly callee: Ident;
  readonly args: readonly Expr[];
  readonly span: Span;
}

export type Statement =
  | LetStmt
  | IfaceStmt
  | LoadStmt
  | UpStmt
  | DownStmt
  | EnslaveStmt
  | MountStmt
  | HandoffStmt
  | WaitStmt
  | OnFailureStmt
  | CallStmt;

// ---- declarations ------------------------------------------------------------------------

export interface TargetDecl {
  readonly kind: "TargetDecl";
  readonly name: Ident;
  readonly settings: readonly Setting[];
  readonly span: Span;
}
export interface ImportDecl {
  readonly kind: "ImportDecl";
  readonly path: StringLit;
  readonly span: Span;
}
export interface Param {
  readonly kind: "Param";
  readonly name: Ident;
  readonly type: Ident;
  readonly span: Span;
}
export interface ProcDecl {
  readonly kind: "ProcDecl";
  readonly name: Ident;
  readonly params: readonly Param[];
  readonly body: readonly Statement[];
  readonly span: Span;
}

/** `inventory "nodes.csv" { network 10.0.2.0  netmask /24 }`: the cluster's nodes, in a CSV file. */
export interface InventoryDecl {
  readonly kind: "InventoryDecl";
  readonly path: StringLit;
  /** Undefined when written without a block. */
  readonly settings?: readonly Setting[];
  readonly span: Span;
}

export type Item = TargetDecl | ImportDecl | ProcDecl | InventoryDecl | Statement;

export interface BondFile {
  readonly kind: "BondFile";
  readonly items: readonly Item[];
  readonly comments: readonly Comment[];
  readonly span: Span;
}

export type Node = BondFile | Item | Expr | Setting | Param | Ident;
