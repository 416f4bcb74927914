// Turning the guest's serial console into a typed observation.
//
// Pure parsing, no I/O: input is the timestamped console lines QEMU produced; output is what the
// NFS root's own init reported (root-init.ts): the root, the bonds, the interfaces, the routes,
// the probe file and the load. The line protocol is in markers.ts.

import { BODY, EV, EVENT, SECTION_BEGIN, SECTION_END } from "./markers.js";
import type { ConsoleLine } from "./qemu.js";

export interface InterfaceState {
  /** IFF_UP set (administratively up). */
  up: boolean;
  mac: string;
  /** First IPv4 address, without prefix. */
  ipv4?: string;
  /** Dotted netmask of that address. */
  netmask?: string;
  /** Broadcast of that address (`brd`), when the kernel has one. */
  broadcast?: string;
  /** Every IPv4 address as CIDR (a slave may still hold the firmware's address). */
  addresses: string[];
  /** Bond this interface is enslaved to. */
  master?: string;
  /** sysfs operstate: "up", "down", "lowerlayerdown", "unknown"… */
  operstate: string;
  /** Link detected; undefined when the kernel will not say (interface down). */
  carrier?: boolean;
  /** Raw interface flags (IFF_*). */
  flags: number;
}

export interface BondState {
  /** First word of bonding/mode: "balance-rr", "active-backup", "802.3ad"… */
  mode: string;
  miimon: number;
  slaves: string[];
  activeSlave?: string;
  mac: string;
  ipv4?: string;
  netmask?: string;
  broadcast?: string;
  up: boolean;
  /** Every readable /sys/class/net/bond0/bonding/* file, whitespace-trimmed. */
  sysfs: Record<string, string>;
  /** /proc/net/bonding/bond0 as the driver prints it. */
  proc: string;
}

export interface ParsedConsole {
  events: { t: number; name: string; fields: Record<string, string>; text: string }[];
  sections: Record<string, string>;
}

/** Splits the console into marker events and section bodies; everything else is ignored. */
export function parseConsole(lines: readonly ConsoleLine[]): ParsedConsole {
  const events: ParsedConsole["events"] = [];
  const sections: Record<string, string> = {};
  let open: { name: string; body: string[] } | undefined;
  const close = () => {
    if (open) sections[open.name] = open.body.join("\n");
    open = undefined;
  };
  for (const { t, text: rawText } of lines) {
    const text = stripTerminal(rawText);
    if (text.startsWith(BODY) && open) {
      let body = text.slice(BODY.length);
      // Output without a final newline puts the end marker on the body's last line.
      const endAt = body.indexOf(`${EVENT}${SECTION_END} ${open.name}`);
      if (endAt >= 0) {
        body = body.slice(0, endAt);
        open.body.push(body);
        close();
        continue;
      }
      open.body.push(body);
      continue;
    }
    const at = text.indexOf(EVENT);
    if (at < 0) continue;
    const ev = text.slice(at + EVENT.length);
    const [name = "", ...rest] = ev.split(" ");
    if (name === SECTION_BEGIN) {
      close();
      open = { name: rest.join(" "), body: [] };
    } else if (name === SECTION_END) {
      close();
    } else {
      events.push({ t, name, fields: fieldsOf(rest), text: rest.join(" ") });
    }
  }
  close();
  return { events, sections };
}

function parseInterfaces(sysfsNet: string, addrs: string): Record<string, InterfaceState> {
  const out: Record<string, InterfaceState> = {};
  for (const line of lines(sysfsNet)) {
    const f = fieldsOf(line.split(" "));
    const name = f["iface"];
    if (!name) continue;
    const flags = Number(f["flags"] ?? "0");
    const st: InterfaceState = {
      up: (flags & 1) !== 0,
      mac: f["address"] ?? "",
      addresses: [],
      operstate: f["operstate"] ?? "",
      flags,
    };
    if (f["carrier"] === "1" || f["carrier"] === "0") st.carrier = f["carrier"] === "1";
    if (f["master"]) st.master = f["master"];
    out[name] = st;
  }
  // busybox `ip -o -4 addr`: "3: bond0    inet 10.0.2.15/24 brd 10.0.2.255 scope global bond0\ ..."
  for (const line of lines(addrs)) {
    const m = /^\d+:\s+(\S+)\s+inet\s+(\d+\.\d+\.\d+\.\d+)\/(\d+)(?:\s+brd\s+(\d+\.\d+\.\d+\.\d+))?/.exec(line);
    if (!m?.[1] || !m[2] || !m[3]) continue;
    const st = out[m[1]];
    if (!st) continue;
    st.addresses.push(`${m[2]}/${m[3]}`);
    if (st.ipv4 === undefined) {
      st.ipv4 = m[2];
      st.netmask = prefixToNetmask(Number(m[3]));
      if (m[4]) st.broadcast = m[4];
    }
  }
  return out;
}

function parseBond(
  ifs: Record<string, InterfaceState>,
  sysfs: string,
  proc: string,
  name: string,
): BondState | undefined {
  const iface = ifs[name];
  if (!iface) return undefined;
  const kv = keyValues(sysfs);
  const bond: BondState = {
    mode: (kv["mode"] ?? "").split(/\s+/)[0] ?? "",
    miimon: Number(kv["miimon"] ?? "0"),
    slaves: (kv["slaves"] ?? "").split(/\s+/).filter(Boolean),
    mac: iface.mac,
    up: iface.up,
    sysfs: kv,
    proc,
  };
  if (kv["active_slave"]) bond.activeSlave = kv["active_slave"];
  if (iface.ipv4 !== undefined) bond.ipv4 = iface.ipv4;
  if (iface.netmask !== undefined) bond.netmask = iface.netmask;
  if (iface.broadcast !== undefined) bond.broadcast = iface.broadcast;
  return bond;
}

/** "a=1 b= c=x y" → {a:"1", b:"", c:"x y"}: a value runs until the next key=. */
function fieldsOf(words: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  let key: string | undefined;
  for (const w of words) {
    const m = /^([A-Za-z_][\w-]*)=(.*)$/.exec(w);
    if (m?.[1] !== undefined) {
      key = m[1];
      out[key] = m[2] ?? "";
    } else if (key !== undefined && w !== "") out[key] = `${out[key]} ${w}`.trim();
  }
  return out;
}

/** "name=value" per line; the value is trimmed. */
function keyValues(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of lines(text)) {
    const eq = line.indexOf("=");
    if (eq > 0) out[line.slice(0, eq)] = line.slice(eq + 1).trim();
  }
  return out;
}

function lines(text: string): string[] {
  return text === "" ? [] : text.split("\n");
}

export function prefixToNetmask(prefix: number): string {
  const bits = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return [24, 16, 8, 0].map((s) => (bits >>> s) & 255).join(".");
}

function stripTerminal(s: string): string {
  return s.replace(/\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Z0-9]|\x1b[c=>]/g, "").replace(/\r/g, "");
}

// --- what the NFS root's own /sbin/init reported (root-init.ts) ------------------------------

export interface RootMount {
  /** e.g. "10.0.2.2:/srv/nfsroot" */
  source: string;
  /** e.g. "nfs" */
  type: string;
  options: string;
  /** The device number of /, "8:1" for /dev/sda1 (mountinfo); "0:NN" for NFS. */
  device?: string;
}

/** One link change the guest saw during the load: `nic` lost or regained its carrier. */
export interface LinkEvent {
  nic: string;
  carrier: boolean;
  /** Active slave of each bond, as the guest read it ~0.3 s after the change. */
  active: string[];
  /** Guest uptime, ms. */
  tMs: number;
}

export interface LoadObservation {
  /** Lines the writer was to append. */
  planned: number;
  /** Active slaves when the load started (before the first link change). */
  activeAtStart: string[];
  links: LinkEvent[];
  /** Link changes the guest waited for in vain (`eth0 carrier 0`). */
  linkTimeouts: string[];
  /** The writer's exit status; undefined when it never ended. */
  writerExit?: number;
  /** /proc/net/bonding/* after the load, by bond. */
  procAfter: Record<string, string>;
  /**
   * The pings to the NFS server during the load (busybox ping's statistics); "off" when the plan
   * had none (the cluster's clients, judged by the server's copy of their lines), undefined when
   * they went missing.
   */
  pings?: { sent: number; received: number } | "off";
}

export interface RootObservation {
  scenario: string;
  /** The NFS root's /sbin/init ran and finished its report. */
  reachedRoot: boolean;
  /** The top mount on / in /proc/mounts, seen by the root's init. */
  root?: RootMount;
  /** Every bond, by name, from /sys/class/net/<bond>/bonding and /proc/net/bonding. */
  bonds: Record<string, BondState>;
  interfaces: Record<string, InterfaceState>;
  /** `ip route`, one route a line. */
  routes: string[];
  defaultRoute?: { via: string; dev: string };
  /** /bondc-probe written and read back on the guest (the host adds what arrived on the server). */
  probe: { wrote: boolean; readBack?: string };
  load?: LoadObservation;
  timings: {
    /** QEMU start to the harness's coldplug stand-in (kernel boot), when it ran. */
    kernelMs?: number;
    /**
     * QEMU start to the script's handoff step (its `hand the root over to …` echo, src/backend):
     * every step before it, the bond up with its slaves included, has run.
     */
    bondUpMs?: number;
    /** QEMU start to the NFS root's init. */
    rootInitMs?: number;
    totalMs: number;
  };
  /** Console lines before the NFS root's init that are no markers: the /init under test's output. */
  initConsole: string[];
  warnings: string[];
  kernelLog: string[];
  sections: Record<string, string>;
}

/** The generated script's echo of its handoff step: `bondc: FILE:LINE: hand the root over to …`. */
const HANDOFF_ECHO = /^bondc: \S+:\d+(?: \([^)]*\))?: hand the root over to /;

/** Parses the console of a `bootInit` run. */
export function observeRoot(input: {
  scenario: string;
  lines: readonly ConsoleLine[];
  totalMs: number;
}): RootObservation {
  const { events, sections } = parseConsole(input.lines);
  const ev = (name: string) => events.find((e) => e.name === name);
  const rootInit = ev(EV.rootInit);
  const firmware = ev(EV.firmware);
  const interfaces = parseInterfaces(sections["sysfs-net"] ?? "", sections["addrs"] ?? "");
  const bonds: Record<string, BondState> = {};
  for (const key of Object.keys(sections)) {
    const m = /^bond-sysfs:(\S+)$/.exec(key);
    if (!m?.[1]) continue;
    const b = parseBond(interfaces, sections[key] ?? "", sections[`bond-proc:${m[1]}`] ?? "", m[1]);
    if (b) bonds[m[1]] = b;
  }
  const routes = lines(sections["routes"] ?? "");
  const probe = ev(EV.probe);
  const o: RootObservation = {
    scenario: input.scenario,
    reachedRoot: rootInit !== undefined && ev(EV.done) !== undefined,
    bonds,
    interfaces,
    routes,
    probe: { wrote: probe?.fields["wrote"] === "1" },
    timings: { totalMs: input.totalMs },
    initConsole: consoleBefore(input.lines, rootInit?.t),
    warnings: events.filter((e) => e.name === EV.warn).map((e) => e.text),
    kernelLog: lines(sections["dmesg"] ?? ""),
    sections,
  };
  const root = rootMount(sections["root-mounts"] ?? "", sections["root-mountinfo"] ?? "");
  if (root) o.root = root;
  const def = routes.map((r) => /^default via (\S+) dev (\S+)/.exec(r)).find((m) => m);
  if (def?.[1] && def[2]) o.defaultRoute = { via: def[1], dev: def[2] };
  if (probe && probe.fields["read"] !== undefined) o.probe.readBack = probe.fields["read"];
  if (firmware) o.timings.kernelMs = firmware.t;
  if (rootInit) o.timings.rootInitMs = rootInit.t;
  const handoff = input.lines.find(
    (l) => HANDOFF_ECHO.test(stripTerminal(l.text)) && (rootInit === undefined || l.t <= rootInit.t),
  );
  if (handoff) o.timings.bondUpMs = handoff.t;

  const start = ev(EV.loadStart);
  if (start) {
    const end = ev(EV.loadEnd);
    const procAfter: Record<string, string> = {};
    for (const [k, v] of Object.entries(sections))
      if (k.startsWith("bond-proc-after:")) procAfter[k.slice("bond-proc-after:".length)] = v;
    o.load = {
      planned: Number(start.fields["lines"] ?? "0"),
      activeAtStart: words(start.fields["active"]),
      links: events
        .filter((e) => e.name === EV.link)
        .map((e) => ({
          nic: e.fields["nic"] ?? "",
          carrier: e.fields["carrier"] === "1",
          active: words(e.fields["active"]),
          tMs: uptimeMs(e.fields["t"]),
        })),
      linkTimeouts: events
        .filter((e) => e.name === EV.linkTimeout)
        .map((e) => `${e.fields["nic"]} carrier ${e.fields["carrier"]}`),
      procAfter,
    };
    if (end) o.load.writerExit = Number(end.fields["rc"]);
    const ping = /(\d+) packets transmitted, (\d+) packets received/.exec(sections["ping"] ?? "");
    if (start.fields["ping"] === "0") o.load.pings = "off";
    else if (ping) o.load.pings = { sent: Number(ping[1]), received: Number(ping[2]) };
  }
  return o;
}

/** The mount on / that is on top (the last listed), with its device number when mountinfo has it. */
function rootMount(mounts: string, mountinfo: string): RootMount | undefined {
  let top: RootMount | undefined;
  for (const line of lines(mounts)) {
    const [source, point, type, options] = line.split(" ");
    if (point === "/" && source && type) top = { source, type, options: options ?? "" };
  }
  // mountinfo: ID PARENT MAJOR:MINOR ROOT MOUNT-POINT … (proc(5)).
  let device: string | undefined;
  for (const line of lines(mountinfo)) {
    const fields = line.split(" ");
    if (fields[4] === "/" && fields[2]) device = fields[2];
  }
  return top && device ? { ...top, device } : top;
}

function consoleBefore(all: readonly ConsoleLine[], t: number | undefined): string[] {
  const out: string[] = [];
  for (const l of all) {
    const text = stripTerminal(l.text);
    if (text.includes(`${EVENT}${EV.rootInit}`)) break;
    if (t !== undefined && l.t > t) break;
    if (text.startsWith(BODY) || text.includes(EVENT)) continue;
    out.push(text);
  }
  return out;
}

function words(s: string | undefined): string[] {
  return (s ?? "").split(/\s+/).filter(Boolean);
}

/** "12.34" (seconds, /proc/uptime) → 12340. */
export function uptimeMs(s: string | undefined): number {
  return Math.round(Number(s ?? "NaN") * 1000);
}
