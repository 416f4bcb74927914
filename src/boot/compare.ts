// The compiler's predicted end state against what the real kernel reported after a boot.
//
// One job: list the differences, in words a person can act on ("bond0 mode: predicted
// active-backup, kernel reports balance-rr"). An empty list means the boot matched the model.
// Values the script reads at boot ("eth0's inet") are resolved against what the firmware gave the
// NICs before the script ran (on the legacy kernel, `ip=` on the boot NIC).

import type { NodeField } from "../semantic/types.js";
import type { PredictedBond, PredictedEndState, PredictedInterface, PredictedValue } from "../analysis/end-state.js";
import type { InitBoot } from "./nfs-boot.js";
import { prefixToNetmask, type BondState, type InterfaceState } from "./observe.js";
import { broadcastOf } from "./ipv4.js";
import { nicMac } from "./qemu.js";

/** How the firmware (the legacy kernel's `ip=`) left a NIC before the script ran. */
export interface NicSetup {
  up: boolean;
  ipv4?: string;
  netmask?: string;
  broadcast?: string;
}

/** The booted node's own inventory values, which `discover node.…` found at boot. */
export type NodeValues = Readonly<Partial<Record<NodeField, string>>>;

/** What a value read at boot resolves against on one guest. */
export interface Guest {
  /** How the firmware left each NIC before the script ran. */
  firmware(iface: string): NicSetup | undefined;
  /** The MAC the guest's NIC has (QEMU's defaults, or the cluster inventory's). */
  macOf(iface: string): string | undefined;
  /** Its own inventory values. */
  node: NodeValues;
}

/** A single-node boot's guest: its NICs have QEMU's default MACs. */
function singleGuest(before: Readonly<Record<string, NicSetup>>, node: NodeValues): Guest {
  return { firmware: (iface) => before[iface] ?? { up: false }, macOf: qemuMac, node };
}

/** One predicted bond against the kernel's report of it, on `guest`. */
export function compareBond(bond: PredictedBond, seen: BondState | undefined, guest: Guest): string[] {
  const out: string[] = [];
  const name = bond.name;
  if (!seen) return [`${name}: predicted ${bond.up ? "up" : "present"}, kernel has no ${name}`];

  if (bond.up !== seen.up) out.push(`${name} up: predicted ${updown(bond.up)}, kernel reports ${updown(seen.up)}`);
  if (bond.mode !== seen.mode) out.push(`${name} mode: predicted ${bond.mode}, kernel reports ${seen.mode || "none"}`);
  const slaves = [...bond.slaves].sort();
  const seenSlaves = [...seen.slaves].sort();
  if (slaves.join(" ") !== seenSlaves.join(" "))
    out.push(`${name} slaves: predicted ${list(slaves)}, kernel reports ${list(seenSlaves)}`);

  // Without hwaddr the bond takes its first slave's MAC.
  const mac = bond.hwaddr ? resolve(bond.hwaddr, guest) : firstSlaveMac(bond.slaves[0], guest);
  if (mac.value?.toLowerCase() !== seen.mac.toLowerCase())
    out.push(`${name} MAC: predicted ${mac.shown}, kernel reports ${seen.mac}`);

  const address = bond.address ? resolve(bond.address, guest) : { value: undefined, shown: "none" };
  if (address.value !== seen.ipv4)
    out.push(`${name} IPv4 address: predicted ${address.shown}, kernel reports ${seen.ipv4 ?? "none"}`);
  const mask = bond.netmask ? resolve(bond.netmask, guest) : undefined;
  if (mask && seen.ipv4 !== undefined && mask.value !== seen.netmask)
    out.push(`${name} netmask: predicted ${mask.shown}, kernel reports ${seen.netmask}`);
  // Without a broadcast of its own the kernel derives one from the address and the netmask.
  const broadcast = bond.broadcast ? resolve(bond.broadcast, guest) : derivedBroadcast(address.value, mask?.value);
  if (broadcast && seen.ipv4 !== undefined && broadcast.value !== seen.broadcast)
    out.push(`${name} broadcast: predicted ${broadcast.shown}, kernel reports ${seen.broadcast ?? "none"}`);

  for (const [option, value] of Object.entries(bond.options)) {
    const reported = seen.sysfs[option];
    // Options the kernel does not expose, and values only known at boot, cannot be checked here.
    if (reported === undefined || value.includes("$")) continue;
    if (!optionMatches(value, reported))
      out.push(`${name} ${option}: predicted ${value}, kernel reports ${reported || "nothing"}`);
  }
  return out;
}

/**
 * sysfs prints enumerations as "name number" ("active-backup 1", "fast 1") and lists
 * (arp_ip_target) space-separated, in its own order; .bond writes names, and lists with commas.
 */
function optionMatches(predicted: string, reported: string): boolean {
  const words = reported.split(/\s+/).filter(Boolean);
  const want = predicted.split(",");
  if (want.length === 1) return words[0] === predicted;
  return [...want].sort().join(" ") === [...words].sort().join(" ");
}

interface Resolved {
  /** The value as the kernel should report it; undefined when the firmware gave none. */
  value: string | undefined;
  /** For messages: the value, and where it came from when it was read at boot. */
  shown: string;
}

function resolve(v: PredictedValue, guest: Guest): Resolved {
  if (v.kind === "const") {
    const text = v.text.startsWith("/") ? prefixToNetmask(Number(v.text.slice(1))) : v.text;
    return { value: text, shown: text };
  }
  if (v.kind === "node") {
    const value = guest.node[v.field];
    return { value, shown: `${value ?? "unknown"} (the node's ${v.field} in the inventory)` };
  }
  const nic = guest.firmware(v.iface);
  const value =
    v.field === "hwaddr"
      ? guest.macOf(v.iface)
      : v.field === "inet"
        ? nic?.ipv4
        : v.field === "netmask"
          ? nic?.netmask
          : nic?.broadcast;
  return {
    value,
    shown: value
      ? `${value} (${v.iface}'s ${v.field} at boot)`
      : `${v.iface}'s ${v.field} at boot, which the firmware did not set`,
  };
}

/** The broadcast the kernel derives from the address and the netmask, when both are known. */
function derivedBroadcast(address: string | undefined, netmask: string | undefined): Resolved | undefined {
  if (!address || !netmask) return undefined;
  const value = broadcastOf(address, netmask);
  return { value, shown: `${value} (from ${address} and ${netmask})` };
}

function firstSlaveMac(slave: string | undefined, guest: Guest): Resolved {
  const mac = slave ? guest.macOf(slave) : undefined;
  return { value: mac, shown: mac ? `${mac} (its first slave ${slave}'s)` : "its first slave's, but it has none" };
}

/** The MAC QEMU gives eth0..eth3 (qemu.ts); undefined for any other name. */
function qemuMac(iface: string): string | undefined {
  const m = /^eth([0-3])$/.exec(iface);
  return m ? nicMac(Number(m[1])) : undefined;
}

/** A root on a disk: the partition's name and its device number as mountinfo gives it ("8:1"). */
export interface DiskRoot {
  readonly name: string;
  readonly device: string;
}

/** What the root's init reported of /, against the root the boot should have reached. */
function compareRoot(observed: InitBoot, root: string | DiskRoot): string[] {
  const want = typeof root === "string" ? `nfs from ${root}` : `${root.name} (${root.device})`;
  const seen = observed.root;
  if (!seen) return [`/: predicted ${want}, the root's init did not report /`];
  const same = typeof root === "string" ? seen.type === "nfs" && seen.source === root : seen.device === root.device;
  const device = seen.device ? ` (${seen.device})` : "";
  return same ? [] : [`/: predicted ${want}, the root's init reports ${seen.type} from ${seen.source}${device}`];
}

/**
 * A boot against the prediction: the root's own init must have reported `/` mounted over NFS from
 * `root` ("10.0.2.2:/srv/nfsroot"), or on the disk partition `root` names (by device number),
 * every predicted bond with its mode, slaves, MAC, address, netmask and the options sysfs shows, every slave enslaved and without an
 * address of its own, the default route the steps add, and the file on / written, read back and
 * present on the server, and a failover under load (compareLoad). `before` is how the NICs were
 * set up before the script ran: the legacy kernel's `ip=` configures the boot NIC; before an
 * initramfs /init nothing is, so values the script reads at boot resolve to the NICs' MACs and to
 * no addresses.
 */
export function compareRootState(
  predicted: PredictedEndState,
  observed: InitBoot,
  root: string | DiskRoot,
  before: Readonly<Record<string, NicSetup>> = {},
  node: NodeValues = {},
): string[] {
  const guest = singleGuest(before, node);
  const out: string[] = [];
  if (!observed.reachedRoot) out.push("the root's init never finished its report");
  out.push(...compareRoot(observed, root));
  for (const bond of predicted.bonds) out.push(...compareBond(bond, observed.bonds[bond.name], guest));
  for (const nic of predicted.interfaces) out.push(...compareNic(nic, observed.interfaces[nic.name], guest));
  if (predicted.defaultRoute) {
    const via = resolve(predicted.defaultRoute.via, guest);
    const want = `via ${via.shown} dev ${predicted.defaultRoute.dev}`;
    const seen = observed.defaultRoute;
    if (!seen) out.push(`default route: predicted ${want}, kernel has none`);
    else if (seen.via !== via.value || seen.dev !== predicted.defaultRoute.dev)
      out.push(`default route: predicted ${want}, kernel reports via ${seen.via} dev ${seen.dev}`);
  }
  if (observed.load) out.push(...compareLoad(observed));
  if (!observed.probe.wrote) out.push("the root's init could not write a file on /");
  else if (observed.probe.readBack === undefined || observed.probe.readBack !== observed.server.probe) {
    out.push(
      `the file written on / read back ${JSON.stringify(observed.probe.readBack)}, the host reads ${JSON.stringify(observed.server.probe)} there`,
    );
  }
  return out;
}

/**
 * The longest the NFS root may stall while a link goes down before the failover counts as
 * failed: miimon (100 ms in the examples) plus up/downdelay plus TCP's first retransmissions.
 * Measured under heavy host load: 0.4-1.6 s; on a quiet machine 0.24 s.
 */
export const STALL_LIMIT_MS = 10_000;

/**
 * The most pings to the NFS server (one every PING_INTERVAL_MS, 0.2 s) a failover run may lose:
 * each of the three link changes may cost miimon plus up/downdelay plus the guest's and QEMU's
 * slowness under load, about a second or 5 pings, and a lost ping is a packet the node's traffic
 * would have had to resend. Over 15 the bond left the node unreachable for more than 3 s.
 */
export const PING_LOSS_LIMIT = 15;

/**
 * Failover under load: no line lost or reordered, no stall past STALL_LIMIT_MS, no more than
 * PING_LOSS_LIMIT pings lost, the active slave moved.
 */
export function compareLoad(observed: InitBoot): string[] {
  const load = observed.load!;
  const got = observed.server.load;
  if (!got) return ["failover: the load file never reached the server"];
  const out: string[] = [];
  if (got.missing.length)
    out.push(
      `failover: ${got.missing.length} of ${load.planned} lines lost (threshold 0), first ${got.missing.slice(0, 5).join(", ")}`,
    );
  // checkLoad counts a gap as out of order too; the lost lines already say that.
  if (!got.inOrder && !got.missing.length)
    out.push("failover: the lines reached the server out of order (threshold: none)");
  if (got.longestGapMs > STALL_LIMIT_MS)
    out.push(
      `failover: the root stalled ${got.longestGapMs} ms after line ${got.longestGapAfter} (threshold ${STALL_LIMIT_MS} ms)`,
    );
  if (!load.pings) out.push("failover: the root's init reported no ping statistics");
  else if (load.pings === "off") {
    // A run planned without pings (the cluster's clients): judged by its lines alone, and the report says so.
  } else if (load.pings.sent === 0) out.push("failover: the root's init sent no ping to the server");
  else if (load.pings.sent - load.pings.received > PING_LOSS_LIMIT)
    out.push(
      `failover: ${load.pings.sent - load.pings.received} of ${load.pings.sent} pings to the server lost (threshold ${PING_LOSS_LIMIT})`,
    );
  for (const t of load.linkTimeouts) out.push(`failover: the guest never saw ${t}`);
  for (const l of load.links)
    if (!l.carrier && l.active.includes(l.nic))
      out.push(`failover: ${l.nic} lost its link but is still the active slave`);
  if (load.writerExit !== undefined && load.writerExit !== 0)
    out.push(`failover: the writer on the root failed (exit ${load.writerExit})`);
  return out;
}

/**
 * A boot with a fault the bonding cannot survive (a NIC or the bonding module missing) against
 * what the `fallback` failure policy promises: the script said it falls back, the NFS root is
 * mounted all the same, over `bootNic` unbonded (no master, no bond with a slave) with the address
 * it booted with (`address`: the firmware's, else the file's constant one), and the file on /
 * round-trips. The default route, when the program adds one, goes through `bootNic`.
 */
export function compareFallback(
  predicted: PredictedEndState,
  observed: InitBoot,
  root: string,
  bootNic: string,
  address: { ipv4?: string; netmask?: string },
): string[] {
  const out: string[] = [];
  // The fallback's own announcement (src/backend/failure.ts): proof it ran, not a lucky bond.
  if (!observed.initConsole.some((l) => l.startsWith(`bondc: falling back to ${bootNic} `)))
    out.push(`fallback: the script never said it fell back to ${bootNic}`);
  if (!observed.root || observed.root.type !== "nfs" || observed.root.source !== root)
    out.push(
      `/: promised nfs from ${root} over ${bootNic}, the root's init reports ${observed.root ? `${observed.root.type} from ${observed.root.source}` : "nothing"}`,
    );
  const nic = observed.interfaces[bootNic];
  if (!nic) out.push(`${bootNic}: promised to carry the root, kernel has no ${bootNic}`);
  else {
    if (nic.master) out.push(`${bootNic} master: promised none (unbonded), kernel reports ${nic.master}`);
    if (address.ipv4 !== nic.ipv4)
      out.push(
        `${bootNic} IPv4 address: promised ${address.ipv4 ?? "its boot address"}, kernel reports ${nic.ipv4 ?? "none"}`,
      );
    if (address.netmask && nic.ipv4 !== undefined && address.netmask !== nic.netmask)
      out.push(`${bootNic} netmask: promised ${address.netmask}, kernel reports ${nic.netmask}`);
  }
  for (const [name, bond] of Object.entries(observed.bonds))
    if (bond.slaves.length)
      out.push(`${name} slaves: promised none after the fallback, kernel reports ${list(bond.slaves)}`);
  const route = predicted.defaultRoute;
  if (route?.via.kind === "const") {
    const seen = observed.defaultRoute;
    if (seen?.via !== route.via.text || seen.dev !== bootNic)
      out.push(
        `default route: promised via ${route.via.text} dev ${bootNic}, kernel reports ${seen ? `via ${seen.via} dev ${seen.dev}` : "none"}`,
      );
  }
  if (
    !observed.probe.wrote ||
    observed.probe.readBack === undefined ||
    observed.probe.readBack !== observed.server.probe
  )
    out.push("the file written on / did not round-trip to the server");
  return out;
}

/** One NIC, the same for both boots: present, up or down as predicted, enslaved where predicted, with its address. */
function compareNic(nic: PredictedInterface, seen: InterfaceState | undefined, guest: Guest): string[] {
  if (!seen)
    return [
      `${nic.name}: predicted ${nic.master ? `enslaved to ${nic.master}` : "present"}, kernel has no ${nic.name}`,
    ];
  const out: string[] = [];
  if (nic.up !== "unknown" && nic.up !== seen.up)
    out.push(`${nic.name} up: predicted ${updown(nic.up)}, kernel reports ${updown(seen.up)}`);
  if (nic.master !== seen.master)
    out.push(`${nic.name} master: predicted ${nic.master ?? "none"}, kernel reports ${seen.master ?? "none"}`);
  if (nic.master) {
    // A slave's own address (the firmware's, left behind) gives the kernel a route that bypasses the bond.
    if (seen.addresses.length)
      out.push(
        `${nic.name} IPv4: predicted none (a slave of ${nic.master}), kernel reports ${seen.addresses.join(" ")}`,
      );
  } else if (nic.address) {
    const want = resolve(nic.address, guest);
    if (want.value !== seen.ipv4)
      out.push(`${nic.name} IPv4 address: predicted ${want.shown}, kernel reports ${seen.ipv4 ?? "none"}`);
  }
  return out;
}

const updown = (up: boolean): string => (up ? "up" : "down");
const list = (names: readonly string[]): string => (names.length ? names.join(", ") : "none");
