import type * as A from "../syntax/ast.js";
import { firstWhere } from "../lists.js";

/*
 * Walks over the AST for the editor features that look at syntax rather than at the checked
 * program: they must also work inside procedures nobody calls and in files with syntax errors.
 */

/** What a name is doing where it is written. */
export type IdentRole =
  | "target-name"
  | "proc-name"
  | "callee"
  | "param-name"
  | "type-name"
  | "let-name"
  | "iface-decl"
  | "setting-name"
  | "name"
  | "discover-field"
  | "policy"
  | "mount-what";

export interface IdentSite {
  readonly ident: A.Ident;
  readonly role: IdentRole;
  /** The procedure the name is written in, if any. */
  readonly proc?: A.ProcDecl;
  /** The setting the name is the name or a value of, if any. */
  readonly setting?: A.Setting;
  /** The statement or declaration around it, whose keyword says what block a setting is in. */
  readonly owner: A.Item;
}

export interface StatementSite {
  readonly stmt: A.Item;
  readonly proc?: A.ProcDecl;
}

/** Whether the cursor at `offset` touches the span (its end included: the cursor may sit just after a name). */
export function contains(span: { start: number; end: number }, offset: number): boolean {
  return span.start <= offset && offset <= span.end;
}

/** Top-level items and the statements of every procedure body, in source order. */
export function statementSites(file: A.BondFile): readonly StatementSite[] {
  const out: StatementSite[] = [];
  for (const item of file.items) {
    out.push({ stmt: item });
    if (item.kind === "ProcDecl") for (const stmt of item.body) out.push({ stmt, proc: item });
  }
  return out;
}

/**
 * The indices of the statements of `list` whose spans reach from `from` to `to` (their ends
 * included), ascending. A file's items, and a body's statements, are in source order and never
 * overlap (one may end where the next begins), so this is a binary search and a walk back over
 * those found, not a look at every statement.
 */
function between(list: readonly A.Item[], from: number, to: number): number[] {
  const out: number[] = [];
  for (let k = firstWhere(list.length, (i) => list[i]!.span.start > to) - 1; k >= 0; k--) {
    if (list[k]!.span.end < from) break;
    out.push(k);
  }
  return out.reverse();
}

const around = (list: readonly A.Item[], offset: number) => between(list, offset, offset);

/** The indices of the file's top-level items whose spans reach from `from` to `to`, ascending. */
export function topLevelBetween(file: A.BondFile, from: number, to: number): number[] {
  return between(file.items, from, to);
}

/** The statement sites whose spans contain `offset`, in source order (a procedure before its body's statements). */
function sitesAround(file: A.BondFile, offset: number): StatementSite[] {
  return around(file.items, offset).flatMap((k): StatementSite[] => {
    const item = file.items[k]!;
    if (item.kind !== "ProcDecl") return [{ stmt: item }];
    return [{ stmt: item }, ...around(item.body, offset).map((b) => ({ stmt: item.body[b]!, proc: item }))];
  });
}

/** The innermost statement whose span contains `offset` (a procedure's body statement before the procedure). */
export function statementAt(file: A.BondFile, offset: number): StatementSite | undefined {
  const containing = sitesAround(file, offset);
  return containing.find((s) => s.proc) ?? containing[0];
}

function exprIdents(e: A.Expr, add: (ident: A.Ident, role: IdentRole) => void): void {
  if (e.kind === "NameExpr") add(e.name, "name");
  else if (e.kind === "IfaceExpr") add(e.name, "iface-decl");
  else if (e.kind === "DiscoverExpr") {
    add(e.target, "name");
    add(e.field, "discover-field");
  }
}

function statementIdents(stmt: A.Item, add: (ident: A.Ident, role: IdentRole, setting?: A.Setting) => void): void {
  const expr = (e: A.Expr, setting?: A.Setting) => exprIdents(e, (ident, role) => add(ident, role, setting));
  const settings = (list: readonly A.Setting[] | undefined) => {
    for (const s of list ?? []) {
      add(s.name, "setting-name", s);
      for (const v of s.values) expr(v, s);
    }
  };
  switch (stmt.kind) {
    case "TargetDecl":
      add(stmt.name, "target-name");
      return settings(stmt.settings);
    case "ImportDecl":
      return;
    case "InventoryDecl":
      return settings(stmt.settings);
    case "ProcDecl":
      add(stmt.name, "proc-name");
      for (const p of stmt.params) {
        add(p.name, "param-name");
        add(p.type, "type-name");
      }
      return;
    case "LetStmt":
      add(stmt.name, "let-name");
      if (stmt.type) add(stmt.type, "type-name");
      return expr(stmt.value);
    case "IfaceStmt":
      for (const n of stmt.names) add(n, "iface-decl");
      return;
    case "LoadStmt":
      expr(stmt.module);
      return settings(stmt.options);
    case "UpStmt":
      expr(stmt.target);
      return settings(stmt.settings);
    case "DownStmt":
      return stmt.targets.forEach((t) => expr(t));
    case "EnslaveStmt":
      stmt.slaves.forEach((s) => expr(s));
      return expr(stmt.bond);
    case "MountStmt":
      return add(stmt.what, "mount-what");
    case "HandoffStmt":
      expr(stmt.root);
      return settings(stmt.settings);
    case "WaitStmt":
      return settings(stmt.settings);
    case "OnFailureStmt":
      return add(stmt.policy, "policy");
    case "CallStmt":
      add(stmt.callee, "callee");
      return stmt.args.forEach((a) => expr(a));
  }
}

/** Every name written in the file (names the parser had to invent while recovering are skipped). */
export function identSites(file: A.BondFile): IdentSite[] {
  return identSitesIn(statementSites(file));
}

/**
 * The names the cursor at `offset` touches. Only the statements around it are walked (a name
 * lies inside its statement), which keeps a hover on a large file from walking all of it.
 */
export function identSitesAt(file: A.BondFile, offset: number): IdentSite[] {
  return identSitesIn(sitesAround(file, offset)).filter((s) => contains(s.ident.span, offset));
}

function identSitesIn(sites: readonly StatementSite[]): IdentSite[] {
  const out: IdentSite[] = [];
  for (const site of sites) {
    // A procedure's own name and parameters are written in it too.
    const proc = site.stmt.kind === "ProcDecl" ? site.stmt : site.proc;
    statementIdents(site.stmt, (ident, role, setting) => {
      if (ident.name === "") return;
      out.push({ ident, role, owner: site.stmt, ...(proc ? { proc } : {}), ...(setting ? { setting } : {}) });
    });
  }
  return out;
}
