import type { Span } from "../diagnostics/span.js";

/*
 * The value types of .bond and the typed values name resolution produces. The IR is built from
 * these; they know nothing about actions, targets or shells.
 */

export type ValueType =
  "interface" | "mac" | "ipv4" | "netmask" | "module" | "path" | "int" | "string" | "bool" | "mode" | "rootdev";

export const valueTypes: readonly ValueType[] = [
  "interface",
  "mac",
  "ipv4",
  "netmask",
  "module",
  "path",
  "int",
  "string",
  "bool",
  "mode",
  "rootdev",
];

export type DiscoverField = "hwaddr" | "inet" | "netmask" | "broadcast";

export const discoverFieldTypes: Record<DiscoverField, ValueType> = {
  hwaddr: "mac",
  inet: "ipv4",
  netmask: "netmask",
  broadcast: "ipv4",
};

/** A value the compiler knows. `text` is its canonical spelling. */
export interface ConstValue {
  readonly kind: "const";
  readonly type: ValueType;
  readonly text: string;
  /** IPv4 addresses and netmasks as 32-bit numbers, for consistency checks. */
  readonly number?: number;
  readonly span: Span;
}

/**
 * A value read from an interface at boot time. `id` numbers the reads in boot order; a backend
 * decides where the value lives at run time (a shell variable, say).
 */
export interface DiscoveredValue {
  readonly kind: "discovered";
  readonly type: ValueType;
  readonly iface: string;
  readonly field: DiscoverField;
  readonly id: number;
  readonly span: Span;
}

/** The fields of this node's own inventory row a program can read (`discover node.address`). */
export type NodeField = "address";

export const nodeFieldTypes: Record<NodeField, ValueType> = {
  address: "ipv4",
};

/**
 * A value of this node's own row of the cluster's inventory, found at boot: one image serves
 * every node, so the compiler knows the whole table but not which row is the node's
 * (docs/cluster.md). `id` numbers it with the discovered values, whose run-time names it shares.
 */
export interface NodeValue {
  readonly kind: "node";
  readonly type: ValueType;
  readonly field: NodeField;
  readonly id: number;
  readonly span: Span;
}

export type Value = ConstValue | DiscoveredValue | NodeValue;

/** A value as .bond writes it: its literal, or where it is read at boot (`eth0.hwaddr`, `node.address`). */
export const valueSource = (v: Value): string =>
  v.kind === "const" ? v.text : `${v.kind === "node" ? "node" : v.iface}.${v.field}`;

export type InterfaceKind = "nic" | "bond" | "vlan" | "loopback";

export interface InterfaceDecl {
  readonly name: string;
  readonly kind: InterfaceKind;
  /** A VLAN interface's parent and id: `bond0.100` is VLAN 100 on bond0. */
  readonly vlan?: { readonly parent: string; readonly id: number };
  /** Where it was declared; bonds and lo are implicit. */
  readonly span?: Span;
}

/** A bonding option or module parameter with its typed values. */
export interface BondOption {
  readonly name: string;
  /** Several only for arp_ip_target. */
  readonly values: readonly Value[];
  readonly span: Span;
}

/** The address settings of an `up` block (the rest are bonding options). */
export type UpSetting = "address" | "netmask" | "broadcast" | "hwaddr" | "gateway";
