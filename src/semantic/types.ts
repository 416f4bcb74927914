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

export type Value = ConstValue | DiscoveredValue;

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
