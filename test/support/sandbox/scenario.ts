/** Scenario defaults and the stub kernel's initial state written into a run's tree. */
import type { Tree } from "./safe-fs.js";
import type { Dialect, InterfaceSpec, Scenario } from "./types.js";

/** The node as the boot firmware leaves it (see Scenario.interfaces). */
export const DEFAULT_INTERFACES: Readonly<Record<string, Readonly<InterfaceSpec>>> = {
  lo: { up: true, ipv4: "127.0.0.1", netmask: "255.0.0.0", mtu: 65536 },
  eth0: {
    mac: "00:90:27:E0:30:51",
    up: true,
    ipv4: "192.168.1.105",
    netmask: "255.255.255.0",
    broadcast: "192.168.1.255",
    mtu: 1500,
  },
  eth1: { mac: "00:90:27:E0:30:52", up: false, mtu: 1500 },
};

export const DEFAULT_BOND_MAC = "B6:9C:12:4E:7A:01";
export const DEFAULT_MODULES: readonly string[] = ["bonding"];

/** The environment the kernel gives /linuxrc (init/main.c envp_init): no PATH. */
export const KERNEL_ENV: Readonly<Record<string, string>> = {
  HOME: "/",
  TERM: "linux",
};

/** Ready-made fault scenarios. */
export const FAULTS = {
  bondingMissing: { faults: { missingModules: ["bonding"] } },
  noSecondNic: { faults: { absentInterfaces: ["eth1"] } },
  eth1EnslaveRefused: { faults: { refuseEnslave: ["eth1"] } },
} as const satisfies Record<string, Scenario>;

// As dev_valid_name() allows, within what the stubs keep as file names (no "/").
const IFNAME = /^(?!\.\.?$)[A-Za-z0-9_.:+-]{1,15}$/;
const MAC = /^[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}$/;
const MODULE = /^[A-Za-z0-9_]+$/;

export function parseIPv4(s: string): number | undefined {
  const parts = s.split(".");
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return undefined;
  return parts.reduce((a, p) => a * 256 + Number(p), 0);
}

export function formatIPv4(n: number): string {
  return [24, 16, 8, 0].map((sh) => Math.floor(n / 2 ** sh) % 256).join(".");
}

function ip(s: string, what: string): number {
  const n = parseIPv4(s);
  if (n === undefined) throw new Error(`sandbox scenario: ${what} ${JSON.stringify(s)} is no IPv4 address`);
  return n;
}

interface ResolvedInterface {
  name: string;
  kind: "loopback" | "ether";
  mac: string;
  up: boolean;
  ipv4?: string;
  netmask?: string;
  broadcast?: string;
  mtu: number;
}

export function resolveInterfaces(s: Scenario = {}): ResolvedInterface[] {
  const merged: Record<string, InterfaceSpec> = {};
  for (const [name, spec] of Object.entries(DEFAULT_INTERFACES)) merged[name] = { ...spec };
  for (const [name, spec] of Object.entries(s.interfaces ?? {})) {
    if (spec === null) {
      delete merged[name];
      continue;
    }
    const base = { ...(merged[name] ?? {}) };
    if (spec.ipv4 !== undefined || spec.netmask !== undefined || spec.broadcast !== undefined) {
      // A new address comes with its own netmask and broadcast (given, or derived).
      delete base.ipv4;
      delete base.netmask;
      delete base.broadcast;
    }
    merged[name] = { ...base, ...spec };
  }
  for (const name of s.faults?.absentInterfaces ?? []) delete merged[name];

  return Object.entries(merged).map(([name, spec]) => {
    if (!IFNAME.test(name)) throw new Error(`sandbox scenario: bad interface name ${JSON.stringify(name)}`);
    const kind = name === "lo" ? "loopback" : "ether";
    const mac = (spec.mac ?? (kind === "loopback" ? "00:00:00:00:00:00" : "")).toUpperCase();
    if (!MAC.test(mac))
      throw new Error(`sandbox scenario: ${name} needs a MAC like 00:90:27:E0:30:51, got ${JSON.stringify(spec.mac)}`);
    const r: ResolvedInterface = {
      name,
      kind,
      mac,
      up: spec.up ?? false,
      mtu: spec.mtu ?? (kind === "loopback" ? 65536 : 1500),
    };
    if (typeof spec.ipv4 === "string") {
      const a = ip(spec.ipv4, `${name}.ipv4`);
      const first = Math.floor(a / 2 ** 24);
      const classful = first < 128 ? 0xff000000 : first < 192 ? 0xffff0000 : 0xffffff00;
      const m = spec.netmask !== undefined ? ip(spec.netmask, `${name}.netmask`) : classful;
      r.ipv4 = formatIPv4(a);
      r.netmask = formatIPv4(m);
      if (kind !== "loopback") {
        r.broadcast =
          spec.broadcast !== undefined
            ? formatIPv4(ip(spec.broadcast, `${name}.broadcast`))
            : formatIPv4((a | ~m) >>> 0);
      }
    }
    return r;
  });
}

/** Write the stub kernel's state for `scenario` into a fresh run tree. */
export function writeInitialState(tree: Tree, dialect: Dialect, scenario: Scenario = {}): void {
  const lines = (xs: readonly string[]): string => xs.map((x) => `${x}\n`).join("");
  const modules = scenario.modules ?? DEFAULT_MODULES;
  const faults = scenario.faults ?? {};
  for (const m of [...modules, ...(faults.missingModules ?? [])]) {
    if (!MODULE.test(m)) throw new Error(`sandbox scenario: bad module name ${JSON.stringify(m)}`);
  }
  const bondMac = (scenario.bondMac ?? DEFAULT_BOND_MAC).toUpperCase();
  if (!MAC.test(bondMac)) throw new Error(`sandbox scenario: bad bondMac ${JSON.stringify(scenario.bondMac)}`);

  tree.write("/.stub/dialect", `${dialect}\n`);
  tree.write("/.stub/trace", "");
  tree.write("/.stub/calls", "");
  tree.write("/.stub/mounts", "");
  tree.write("/.stub/proc_mounted", "");
  tree.write("/.stub/modules.order", "");
  tree.mkdir("/.stub/modules");
  tree.write("/.stub/available_modules", lines(modules));
  tree.write("/.stub/faults/missing_modules", lines(faults.missingModules ?? []));
  tree.write("/.stub/faults/refuse_enslave", lines(faults.refuseEnslave ?? []));
  tree.write("/.stub/bond_mac", `${bondMac}\n`);
  tree.write("/.stub/live_mac", scenario.liveMacChange === true ? "1\n" : "");
  tree.write("/.stub/ifconfig_ignores_proc", scenario.ifconfigIgnoresProc === true ? "1\n" : "");
  tree.write("/.stub/answering", lines(scenario.answering ?? []));
  tree.write("/.stub/cmdline", scenario.cmdline === undefined ? "" : `${scenario.cmdline.replace(/\n+$/, "")}\n`);

  for (const i of resolveInterfaces(scenario)) {
    const d = `/.stub/if/${i.name}`;
    tree.mkdir(d);
    const set = (k: string, v: string | undefined): void => tree.write(`${d}/${k}`, v === undefined ? "" : `${v}\n`);
    set("kind", i.kind);
    set("mac", i.mac);
    set("perm_mac", i.mac);
    set("up", i.up ? "1" : "0");
    set("ipv4", i.ipv4);
    set("netmask", i.netmask);
    set("broadcast", i.broadcast);
    set("mtu", String(i.mtu));
    set("master", undefined);
  }
}
