import { bondOptionSpecs, type BondingMode, type BondOptionSpec } from "./bonding.js";
import type { ValueType } from "./types.js";

/*
 * The one table of the settings each kind of block takes, with their types and a line of
 * documentation each: what name resolution types them as, what completion offers and what hovering
 * a setting shows. Bonding options come from the driver knowledge in
 * semantic/bonding.ts, filtered by the bond's mode, so an editor never suggests an option the
 * kernel would ignore (BOND0501).
 */

export interface SettingInfo {
  readonly name: string;
  /** The value it takes, as shown beside the name. */
  readonly value: string;
  /** The type its value is checked against; undefined for words read by the block itself. */
  readonly type?: ValueType;
  readonly doc: string;
  /** The bonding option behind it, when it is one. */
  readonly option?: BondOptionSpec;
}

export type BlockKind = "target" | "up" | "up-bond" | "handoff" | "load-bonding" | "inventory" | "wait";

const targetSettings: SettingInfo[] = [
  {
    name: "kernel",
    value: "string",
    type: "string",
    doc: 'the kernel the node boots, as `uname -r` begins, e.g. "2.6.32" or "6.1"; the target, the toolset and every bonding option are checked against it (left out: any kernel)',
  },
  {
    name: "tools",
    value: "toolset",
    doc: "the toolset whose programs the generated script calls (`bondc explain BOND0114` lists them)",
  },
  {
    name: "boot",
    value: "interface",
    type: "interface",
    doc: "the NIC the boot firmware configured; what `on failure fallback` restores",
  },
];

const upSettings: SettingInfo[] = [
  { name: "address", value: "ipv4", type: "ipv4", doc: "the interface's IPv4 address" },
  {
    name: "netmask",
    value: "netmask",
    type: "netmask",
    doc: "its netmask, dotted (255.255.255.0) or as a prefix (/24)",
  },
  { name: "broadcast", value: "ipv4", type: "ipv4", doc: "its broadcast address; must match address and netmask" },
  { name: "hwaddr", value: "mac", type: "mac", doc: "its MAC address; a bond should keep the boot NIC's" },
  {
    name: "gateway",
    value: "ipv4",
    type: "ipv4",
    doc: "the default route's next hop, through this interface once it is up",
  },
];

const handoffSettings: SettingInfo[] = [
  { name: "server", value: "ipv4", type: "ipv4", doc: "the NFS server's address" },
  { name: "path", value: "path", type: "path", doc: "the root directory the server exports" },
  {
    name: "options",
    value: "string",
    type: "string",
    doc: 'NFS mount options, e.g. "nfsvers=3,proto=tcp,nolock": an initramfs mounts with them (adding the server\'s addr=), a linuxrc hands them to the kernel after the path in nfs-root-name',
  },
];

const inventorySettings: SettingInfo[] = [
  {
    name: "network",
    value: "ipv4",
    type: "ipv4",
    doc: "the cluster's network address, e.g. 10.0.2.0; with `netmask`, every node's address must lie in it",
  },
  { name: "netmask", value: "netmask", type: "netmask", doc: "the cluster network's netmask (255.255.255.0 or /24)" },
];

/** How long a server waits for its clients when `deadline` is not written: ten minutes. */
export const defaultClientDeadline = 600;

const waitSettings: SettingInfo[] = [
  {
    name: "deadline",
    value: "int",
    type: "int",
    doc: `seconds to wait for every client in the inventory to answer on its address (default ${defaultClientDeadline})`,
  },
  {
    name: "then",
    value: "fail | bond",
    doc: "what to do at the deadline with clients still missing: `fail` (the default: do not bond, their roots depend on the unbonded NIC) or `bond` anyway, logged",
  },
];

const maxBonds: SettingInfo = {
  name: "max_bonds",
  value: "int",
  type: "int",
  doc: "how many bonds loading the module creates (bond0 .. bondN-1); 1 by default",
};

function optionValue(spec: BondOptionSpec): string {
  switch (spec.value.kind) {
    case "enum":
      return spec.value.values.join(" | ");
    case "ipv4":
      return "ipv4, ...";
    default:
      return spec.value.kind;
  }
}

function optionSettings(mode: BondingMode | undefined): SettingInfo[] {
  return bondOptionSpecs
    .filter((s) => mode === undefined || s.modes === undefined || s.modes.includes(mode))
    .map((s) => {
      const when = [
        ...(s.modes ? [`modes: ${s.modes.join(", ")}`] : []),
        ...(s.since ? [`Linux ${s.since.version} and later`] : []),
      ];
      return {
        name: s.name,
        value: optionValue(s),
        doc: when.length > 0 ? `${s.doc} (${when.join("; ")})` : s.doc,
        option: s,
      };
    });
}

/** The settings a block takes; for bonds, only the options that mean something in `mode`. */
export function settingsFor(kind: BlockKind, mode?: BondingMode): SettingInfo[] {
  switch (kind) {
    case "target":
      return targetSettings;
    case "up":
      return upSettings;
    case "up-bond":
      return [...upSettings, ...optionSettings(mode)];
    case "handoff":
      return handoffSettings;
    case "inventory":
      return inventorySettings;
    case "wait":
      return waitSettings;
    case "load-bonding":
      return [...optionSettings(mode), maxBonds];
  }
}

/** Documentation of a setting by name, whatever block it is written in. */
export function settingInfo(kind: BlockKind, name: string): SettingInfo | undefined {
  return settingsFor(kind).find((s) => s.name === name);
}
