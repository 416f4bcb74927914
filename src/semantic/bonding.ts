/*
 * What the Linux bonding driver accepts, from Documentation/networking/bonding.rst and
 * drivers/net/bonding/bond_options.c. Shared by the type checker (option names and values), the
 * kernel-rule checks (which options go with which mode) and the editor's completion.
 */

export const bondingModes = [
  "balance-rr",
  "active-backup",
  "balance-xor",
  "broadcast",
  "802.3ad",
  "balance-tlb",
  "balance-alb",
] as const;

export type BondingMode = (typeof bondingModes)[number];

/** The mode for a word or the kernel's number (0 to 6). */
export function bondingMode(word: string): BondingMode | undefined {
  if (/^[0-6]$/.test(word)) return bondingModes[Number(word)];
  return bondingModes.find((m) => m === word);
}

export type OptionValueKind =
  | { readonly kind: "int" }
  | { readonly kind: "ipv4"; readonly list: true }
  | { readonly kind: "interface" }
  | { readonly kind: "mode" }
  /** In the kernel's numbering: the driver also accepts a value's index (lacp_rate=1 is fast). */
  | { readonly kind: "enum"; readonly values: readonly string[] };

export interface BondOptionSpec {
  readonly name: string;
  readonly value: OptionValueKind;
  /** Modes in which the kernel uses the option; undefined means every mode. */
  readonly modes?: readonly BondingMode[];
  readonly doc: string;
}

const int = { kind: "int" } as const;

export const bondOptionSpecs: readonly BondOptionSpec[] = [
  { name: "mode", value: { kind: "mode" }, doc: "bonding policy (balance-rr, active-backup, ..., or 0-6)" },
  { name: "miimon", value: int, doc: "MII link monitoring interval in milliseconds (0 disables)" },
  { name: "updelay", value: int, doc: "ms to wait before enabling a slave after link recovery (multiple of miimon)" },
  { name: "downdelay", value: int, doc: "ms to wait before disabling a slave after link failure (multiple of miimon)" },
  { name: "use_carrier", value: int, doc: "1: miimon uses netif_carrier_ok; 0: MII/ethtool ioctls" },
  {
    name: "arp_interval",
    value: int,
    modes: ["balance-rr", "active-backup", "balance-xor", "broadcast"],
    doc: "ARP link monitoring interval in milliseconds",
  },
  { name: "arp_ip_target", value: { kind: "ipv4", list: true }, doc: "IPv4 addresses probed by ARP monitoring" },
  {
    name: "arp_validate",
    value: { kind: "enum", values: ["none", "active", "backup", "all", "filter", "filter_active", "filter_backup"] },
    modes: ["balance-rr", "active-backup", "balance-xor", "broadcast"],
    doc: "whether ARP probes and replies are validated",
  },
  {
    name: "primary",
    value: { kind: "interface" },
    modes: ["active-backup", "balance-tlb", "balance-alb"],
    doc: "the slave preferred as active whenever it is up",
  },
  {
    name: "packets_per_slave",
    value: int,
    modes: ["balance-rr"],
    doc: "packets sent through a slave before moving to the next",
  },
  {
    name: "lacp_rate",
    value: { kind: "enum", values: ["slow", "fast"] },
    modes: ["802.3ad"],
    doc: "LACPDU rate asked of the link partner",
  },
  {
    name: "ad_select",
    value: { kind: "enum", values: ["stable", "bandwidth", "count"] },
    modes: ["802.3ad"],
    doc: "802.3ad aggregation selection logic",
  },
  {
    name: "xmit_hash_policy",
    value: { kind: "enum", values: ["layer2", "layer3+4", "layer2+3", "encap2+3", "encap3+4"] },
    modes: ["balance-xor", "802.3ad", "balance-tlb"],
    doc: "transmit hash policy",
  },
  {
    name: "fail_over_mac",
    value: { kind: "enum", values: ["none", "active", "follow"] },
    modes: ["active-backup"],
    doc: "how slave MAC addresses are handled on failover",
  },
];

export function bondOptionSpec(name: string): BondOptionSpec | undefined {
  return bondOptionSpecs.find((s) => s.name === name);
}

/** Modes in which the driver has no link monitoring unless miimon or arp_interval is set. */
export const modesNeedingMonitoring: readonly BondingMode[] = ["balance-rr", "active-backup"];

/** The interfaces loading the bonding module creates (max_bonds defaults to 1). */
export const bondNamePattern = /^bond\d+$/;
