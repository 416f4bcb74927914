import type { BondFile, ImportDecl, InventoryDecl, Item, ProcDecl } from "./ast.js";

/** What a library may hold: declarations, which run nothing where the file is imported. */
export const isDeclaration = (i: Item): i is ImportDecl | ProcDecl | InventoryDecl =>
  i.kind === "ProcDecl" || i.kind === "ImportDecl" || i.kind === "InventoryDecl";

/**
 * A library is a file that declares things for node programs to use (procedures, imports, an
 * inventory of the cluster's nodes) and
 * boots nothing itself: no target block and no statement outside a procedure. An empty file is not
 * one: it is a node program that does nothing, and says so (BOND0312).
 */
export function isLibrary(file: BondFile): boolean {
  // every() first: a node program's first item is no declaration, so a long one is not scanned.
  return file.items.every(isDeclaration) && file.items.some(isDeclaration);
}
