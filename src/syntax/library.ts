import type { BondFile } from "./ast.js";

/**
 * A library is a file that declares things for node programs to use (procedures, imports) and
 * boots nothing itself: no target block and no statement outside a procedure. An empty file is not
 * one: it is a node program that does nothing, and says so (BOND0312).
 */
export function isLibrary(file: BondFile): boolean {
  const declares = file.items.some((i) => i.kind === "ProcDecl" || i.kind === "ImportDecl");
  return declares && file.items.every((i) => i.kind === "ProcDecl" || i.kind === "ImportDecl");
}
