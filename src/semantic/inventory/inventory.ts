import type { Span } from "../../diagnostics/span.js";
import type { LineIndex } from "../../diagnostics/span.js";
import type { InventorySpec } from "./settings.js";

/*
 * The cluster's nodes, as an admin keeps them in git (docs/cluster.md): one CSV row per node with
 * its name, its address, its NICs' MACs and its role. Every value keeps the span of its CSV cell,
 * so the checks report at file:line:col of the cell, as they do for a .bond literal.
 */

/**
 * The kernel command-line parameter that names a client on its boot entry (`bondc.node=node2`):
 * the one image's /init finds its own row by it (docs/cluster.md).
 */
export const NODE_PARAMETER = "bondc.node";

export type NodeRole = "client" | "server";
export const nodeRoles: readonly NodeRole[] = ["client", "server"];

/** The columns of the inventory's header; `role` may be left out (every node a client). */
export const inventoryColumns = ["name", "address", "macs", "role"] as const;
export type InventoryColumn = (typeof inventoryColumns)[number];
export const requiredColumns: readonly InventoryColumn[] = ["name", "address", "macs"];

export interface Located<T> {
  readonly value: T;
  readonly span: Span;
}

export interface InventoryNode {
  readonly name: Located<string>;
  /** The address as a number, and as written (normalised: no leading zeros). */
  readonly address: Located<number> & { readonly text: string };
  /** Upper case, colon-separated, in the order written; the first is the NIC the node boots from. */
  readonly macs: readonly Located<string>[];
  readonly role: NodeRole;
  /** The whole row. */
  readonly span: Span;
}

export interface Inventory {
  readonly spec: InventorySpec;
  /** The CSV file's resolved path and its lines, for reports that quote it. */
  readonly path: string;
  readonly lines: LineIndex;
  /** The rows that passed every per-row check, in file order. */
  readonly nodes: readonly InventoryNode[];
}
