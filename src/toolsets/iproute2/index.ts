import { cmd, word, type Command, type Word } from "../../sh/ast.js";
import type { Toolset, UpArgs } from "../toolset.js";
import { iproute2Checks } from "./checks.js";
import { iproute2Kernels } from "./kernels.js";
import { extractIpField } from "./output.js";

/*
 * By absolute path: busybox's sh runs its own applet for a bare name before looking at PATH
 * (shared notes, nfs-root.md), and busybox's `ip` applet has no `type bond`.
 * /sbin/modprobe is whichever modprobe the image has there, kmod's or busybox's: both find a
 * module and its dependencies through the image's /lib/modules/<release>/modules.dep.
 */
const ip = "/sbin/ip";
const modprobe = "/sbin/modprobe";

const link = (...argv: (string | Word)[]): Command => cmd(ip, "link", "set", "dev", ...argv);

function up(iface: string, a: UpArgs): Command[] {
  const steps: Command[] = [];
  if (a.hwaddr) steps.push(link(iface, "address", a.hwaddr));
  if (a.address) {
    const local = a.netmask ? word(...a.address, "/", ...a.netmask) : a.address;
    // ifconfig derives the broadcast from the netmask; ip only when asked (`brd +`).
    const broadcast = a.broadcast ?? (a.netmask ? word("+") : undefined);
    // `replace`, not `add`: it also succeeds when the address is already there (a NIC restored
    // by the fallback to what the firmware gave it).
    steps.push(cmd(ip, "addr", "replace", local, ...(broadcast ? ["brd", broadcast] : []), "dev", iface));
  }
  steps.push(link(iface, "up"));
  return steps;
}

/**
 * iproute2's `ip` (Debian's iproute2 package, not busybox's applet) and a modprobe, by absolute
 * path. Bonds are made by `ip link add … type bond` with their own options right after
 * `modprobe bonding max_bonds=0`, so two bonds can run different modes; slaves join with
 * `ip link set … master`, which the kernel accepts into a bond that is down.
 */
export const iproute2: Toolset = {
  name: "iproute2",
  summary:
    "iproute2's ip (link add … type bond, link set … master, addr, route) and modprobe, by absolute path (/sbin/ip, /sbin/modprobe)",
  bondOptions: "at-creation",
  // mount is the shell's neighbour on every image; sleep is where the halt loop waits.
  tools: [ip, modprobe, "mount", "sleep"],
  query: (iface) => cmd(ip, "addr", "show", "dev", iface),
  readField: extractIpField,
  // The toolset creates every bond itself (createBond), so the module load must create none:
  // max_bonds=0 keeps `ip link add bond0` from failing with "File exists". The bonds the program's
  // `max_bonds` asks for are the ones createBond makes.
  load: (module, params) =>
    module === "bonding"
      ? cmd(
          modprobe,
          module,
          "max_bonds=0",
          ...params.filter((p) => p.name !== "max_bonds").map((p) => word(`${p.name}=`, ...p.value)),
        )
      : cmd(modprobe, module, ...params.map((p) => word(`${p.name}=`, ...p.value))),
  // ip-link(8), "BOND Type Support": the option names are the driver's, and arp_ip_target takes
  // a comma-separated list, as the module parameter does.
  createBond: (bond, options) =>
    cmd(ip, "link", "add", bond, "type", "bond", ...options.flatMap((o) => [word(o.name), o.value])),
  up,
  down: (iface, clearAddress) =>
    clearAddress ? [link(iface, "down"), cmd(ip, "addr", "flush", "dev", iface)] : [link(iface, "down")],
  enslave: (bond, slave) => link(slave, "master", bond),
  // ip-link(8), "VLAN Type Support"; the name is given, as the kernel would have chosen it.
  createVlan: (parent, id, name) =>
    cmd(ip, "link", "add", "link", parent, "name", name, "type", "vlan", "id", String(id)),
  release: (_bond, slave) => link(slave, "nomaster"),
  mountProc: () => cmd("mount", "-t", "proc", "proc", "/proc"),
  // `replace`: a default route the firmware or the kernel's ip= left behind would make `add` fail.
  route: (gateway) => cmd(ip, "route", "replace", "default", "via", gateway),
  kernels: iproute2Kernels,
  checks: iproute2Checks,
  failed: {
    query: (iface) => `ip addr show dev ${iface}`,
    read: (field, iface) => `reading the ${field} of ${iface} from ip addr`,
    load: (module) => `modprobe ${module}`,
    createBond: (bond) => `ip link add ${bond} type bond`,
    up: (iface) => `ip link set dev ${iface} up (with its address)`,
    down: (iface) => `ip link set dev ${iface} down`,
    enslave: (bond, slave) => `ip link set dev ${slave} master ${bond}`,
    createVlan: (name) => `ip link add ${name} type vlan`,
    route: (gateway) => `ip route replace default via ${gateway}`,
  },
};
