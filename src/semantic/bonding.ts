import type { KernelFact } from "./kernel.js";

/*
 * What the Linux bonding driver accepts, from Documentation/networking/bonding.rst and
 * drivers/net/bonding/bond_options.c. Shared by the type checker (option names and values), the
 * kernel-rule checks (which options go with which mode, and since which kernel) and the editor's
 * completion.
 *
 * The first kernels. Before 2.6.12 there is no git history: the driver's own changelog (the header
 * of drivers/net/bonding/bond_main.c, formerly bonding.c, kept until 2.6) dates each feature, and
 * the version given is the first release after that date, so an old kernel is never refused for
 * something it may have had. From 2.6.12 on, bonding.rst says which bonding driver version added
 * an option ("This option was added in bonding version 3.4.0"), and the driver version's
 * DRV_RELDATE in bonding.h places it in a kernel release. The bonding driver itself is in every
 * kernel bondc knows (2.2 on), with balance-rr and no options.
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

const changelog = "drivers/net/bonding/bond_main.c (bonding.c) changelog";

/** The first kernel of each mode after balance-rr, which the driver always had. */
export const bondingModeSince: Readonly<Record<BondingMode, KernelFact | undefined>> = {
  "balance-rr": undefined,
  "active-backup": {
    version: "2.2.18",
    why: "the driver gained active-backup (mode=1) in October 2000",
    source: `${changelog}, 2000/10/03 Willy Tarreau "implemented active-backup method"; bonding.rst "mode"`,
  },
  "balance-xor": {
    version: "2.4.9",
    why: "the driver gained balance-xor in August 2001",
    source: `${changelog}, 2001/8/05 Janice Girouard "adding bond_xmit_xor logic"; bonding.rst "mode"`,
  },
  broadcast: {
    version: "2.4.20",
    why: "the driver gained broadcast in September 2002",
    source: `${changelog}, 2002/09/11 Philippe De Muyter "Added bond_xmit_broadcast logic"; bonding.rst "mode"`,
  },
  "802.3ad": {
    version: "2.4.21",
    why: "the driver gained 802.3ad in March 2003",
    source: `${changelog}, 2003/03/18 Amir Noam, Tsippy Mendelson, Shmulik Hen "Added support for IEEE 802.3ad"; bonding.rst "mode"`,
  },
  "balance-tlb": {
    version: "2.4.21",
    why: "the driver gained balance-tlb in May 2003 (bonding 2.1.0)",
    source: `${changelog}, 2003/05/01 Shmulik Hen "Added support for Transmit load balancing mode"; bonding.rst "mode"`,
  },
  "balance-alb": {
    version: "2.4.21",
    why: "the driver gained balance-alb in May 2003 (bonding 2.2.0)",
    source: `${changelog}, 2003/05/01 Tsippy Mendelson "Added support for Adaptive load balancing mode"; bonding.rst "mode"`,
  },
};

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
  /** The first kernel with the option; undefined when the driver always had it. */
  readonly since?: KernelFact;
  /** The first kernel of values added after the option itself. */
  readonly valueSince?: Readonly<Record<string, KernelFact>>;
}

const int = { kind: "int" } as const;

const rst = 'Documentation/networking/bonding.rst (bonding.txt before 5.8), section 2 "Bonding Driver Options"';

const fact = (version: string, why: string, source: string): KernelFact => ({ version, why, source });

export const bondOptionSpecs: readonly BondOptionSpec[] = [
  {
    name: "mode",
    value: { kind: "mode" },
    doc: "bonding policy (balance-rr, active-backup, ..., or 0-6)",
    since: fact(
      "2.2.18",
      "the driver took a mode parameter from October 2000",
      `${changelog}, 2000/10/03 Willy Tarreau ("pass mode=1 to insmod"); ${rst}, "mode"`,
    ),
  },
  {
    name: "miimon",
    value: int,
    doc: "MII link monitoring interval in milliseconds (0 disables)",
    since: fact(
      "2.2.18",
      "MII link monitoring was added in September 2000",
      `${changelog}, 2000/09/30 Willy Tarreau "implemented MII link monitoring"; ${rst}, "miimon"`,
    ),
  },
  {
    name: "updelay",
    value: int,
    doc: "ms to wait before enabling a slave after link recovery (multiple of miimon)",
    since: fact(
      "2.2.18",
      "up and down delays were added in October 2000",
      `${changelog}, 2000/10/09 Willy Tarreau "added up and down delays"; ${rst}, "updelay"`,
    ),
  },
  {
    name: "downdelay",
    value: int,
    doc: "ms to wait before disabling a slave after link failure (multiple of miimon)",
    since: fact(
      "2.2.18",
      "up and down delays were added in October 2000",
      `${changelog}, 2000/10/09 Willy Tarreau "added up and down delays"; ${rst}, "downdelay"`,
    ),
  },
  {
    name: "use_carrier",
    value: int,
    doc: "1: miimon uses netif_carrier_ok; 0: MII/ethtool ioctls",
    since: fact(
      "2.4.21",
      "use_carrier was added in February 2003",
      `${changelog}, 2003/02/07 Jay Vosburgh "Added use_carrier module parameter"; ${rst}, "use_carrier"`,
    ),
  },
  {
    name: "arp_interval",
    value: int,
    modes: ["balance-rr", "active-backup", "balance-xor", "broadcast"],
    doc: "ARP link monitoring interval in milliseconds",
    since: fact(
      "2.4.11",
      "the ARP monitor was added in September 2001",
      `${changelog}, 2001/9/25 Janice Girouard "add arp_monitor for active backup mode"; ${rst}, "arp_interval"`,
    ),
  },
  {
    name: "arp_ip_target",
    value: { kind: "ipv4", list: true },
    doc: "IPv4 addresses probed by ARP monitoring",
    since: fact(
      "2.4.11",
      "the ARP monitor was added in September 2001",
      `${changelog}, 2001/9/25 Janice Girouard "add arp_monitor"; several targets 2002/11/22 Bert Barbe; ${rst}, "arp_ip_target"`,
    ),
  },
  {
    name: "arp_validate",
    value: { kind: "enum", values: ["none", "active", "backup", "all", "filter", "filter_active", "filter_backup"] },
    modes: ["balance-rr", "active-backup", "balance-xor", "broadcast"],
    doc: "whether ARP probes and replies are validated",
    since: fact(
      "2.6.19",
      "ARP validation came with bonding 3.1.0",
      `commit f5b2b966f032 "bonding: Validate probe replies in ARP monitor" (Jay Vosburgh, 2006, bonding 3.1.0); ${rst}, "arp_validate"`,
    ),
    valueSince: Object.fromEntries(
      ["filter", "filter_active", "filter_backup"].map((v) => [
        v,
        fact(
          "3.17",
          "the filter values came in 2014",
          `commit 52f65ef33b3c (Jay Vosburgh, 2014), which added "filter or 4" to "arp_validate" in ${rst}`,
        ),
      ]),
    ),
  },
  {
    name: "primary",
    value: { kind: "interface" },
    modes: ["active-backup", "balance-tlb", "balance-alb"],
    doc: "the slave preferred as active whenever it is up",
    since: fact(
      "2.4.20",
      "primary was added in October 2002",
      `${changelog}, 2002/10/8 Janice Girouard "add primary support"; ${rst}, "primary"`,
    ),
  },
  {
    name: "packets_per_slave",
    value: int,
    modes: ["balance-rr"],
    doc: "packets sent through a slave before moving to the next",
    since: fact(
      "3.13",
      "packets_per_slave came in November 2013",
      `commit "bonding: extend round-robin mode with packets_per_slave" (Nikolay Aleksandrov, 2013); ${rst}, "packets_per_slave"`,
    ),
  },
  {
    name: "lacp_rate",
    value: { kind: "enum", values: ["slow", "fast"] },
    modes: ["802.3ad"],
    doc: "LACPDU rate asked of the link partner",
    since: fact(
      "2.4.21",
      "lacp_rate came with 802.3ad in May 2003 (bonding 1.0.1)",
      `${changelog}, 2003/05/01 Tsippy Mendelson, Amir Noam "Added support for lacp_rate module param"; ${rst}, "lacp_rate"`,
    ),
  },
  {
    name: "ad_select",
    value: { kind: "enum", values: ["stable", "bandwidth", "count"] },
    modes: ["802.3ad"],
    doc: "802.3ad aggregation selection logic",
    since: fact(
      "2.6.29",
      "ad_select came with bonding 3.4.0",
      `${rst}, "ad_select" ("This option was added in bonding version 3.4.0"); 2.6.29 ships bonding 3.5.0 with ad_select`,
    ),
  },
  {
    name: "xmit_hash_policy",
    value: { kind: "enum", values: ["layer2", "layer3+4", "layer2+3", "encap2+3", "encap3+4"] },
    modes: ["balance-xor", "802.3ad", "balance-tlb"],
    doc: "transmit hash policy",
    since: fact(
      "2.6.13",
      "xmit_hash_policy came with bonding 2.6.3 (June 2005)",
      `${rst}, "xmit_hash_policy" ("This option was added in bonding version 2.6.3"); bonding.h DRV_RELDATE "June 8, 2005"`,
    ),
    valueSince: {
      "layer2+3": fact(
        "2.6.24",
        "layer2+3 came with bonding 3.2.2",
        `${rst}, "xmit_hash_policy" ("The layer2+3 value was added for bonding version 3.2.2")`,
      ),
      "encap2+3": fact(
        "3.13",
        "the encap policies came in October 2013",
        `commit 32819dc1834866cb9547cb75f81af9edd58d33cd "bonding: modify the old and add new xmit hash policies" (Nikolay Aleksandrov); ${rst}, "xmit_hash_policy"`,
      ),
      "encap3+4": fact(
        "3.13",
        "the encap policies came in October 2013",
        `commit 32819dc1834866cb9547cb75f81af9edd58d33cd "bonding: modify the old and add new xmit hash policies" (Nikolay Aleksandrov); ${rst}, "xmit_hash_policy"`,
      ),
    },
  },
  {
    name: "fail_over_mac",
    value: { kind: "enum", values: ["none", "active", "follow"] },
    modes: ["active-backup"],
    doc: "how slave MAC addresses are handled on failover",
    since: fact(
      "2.6.24",
      "fail_over_mac came with bonding 3.2.0",
      `${rst}, "fail_over_mac" ("This option was added in bonding version 3.2.0")`,
    ),
    valueSince: {
      // bonding 3.2.0 took fail_over_mac as 0 or 1; the words, and follow, came with 3.3.0.
      active: fact(
        "2.6.26",
        "the active and follow policies came with bonding 3.3.0",
        `${rst}, "fail_over_mac" ("The "follow" policy was added in bonding version 3.3.0")`,
      ),
      follow: fact(
        "2.6.26",
        "the follow policy came with bonding 3.3.0",
        `${rst}, "fail_over_mac" ("The "follow" policy was added in bonding version 3.3.0")`,
      ),
    },
  },
];

/** max_bonds, a parameter of the module load only: how many bonds loading it creates. */
export const maxBondsSince: KernelFact = fact(
  "2.4.9",
  "several bonds per module came in August 2001",
  `${changelog}, 2001/8/05 Janice Girouard "adding multiple bond device support"; ${rst}, "max_bonds"`,
);

export function bondOptionSpec(name: string): BondOptionSpec | undefined {
  return bondOptionSpecs.find((s) => s.name === name);
}

/** Modes in which the driver has no link monitoring unless miimon or arp_interval is set. */
export const modesNeedingMonitoring: readonly BondingMode[] = ["balance-rr", "active-backup"];

/** The interfaces loading the bonding module creates (max_bonds defaults to 1). */
export const bondNamePattern = /^bond\d+$/;

/** A VLAN interface: the parent's name, a dot and the VLAN id (`bond0.100`), as 8021q names it. */
export const vlanNamePattern = /^(.+)\.(\d+)$/;
