import { unknownSlaveMustBeDown } from "../../checks/enslave.js";
import { optionsWhileBondIdle } from "../../checks/sysfs-options.js";
import { cmd, word, type Command, type Word } from "../../sh/ast.js";
import { ifconfigCommands, ifconfigFailures } from "../ifconfig/commands.js";
import { extractField } from "../ifconfig/output.js";
import type { Toolset } from "../toolset.js";

/** A write of one value to a sysfs file, as the bonding driver's sysfs interface takes it. */
function write(value: Word, file: Word): Command {
  return { kind: "command", argv: [word("echo"), value], redirect: { op: ">", target: file } };
}

const bonding = (bond: string, file: string): Word => word(`/sys/class/net/${bond}/bonding/${file}`);

/**
 * A stock busybox initramfs: its applets, called by bare name so that busybox's shell runs its
 * own, and the bonding driver's sysfs files. Modules load with modprobe (the image's
 * modules.dep brings their dependencies); each bond gets its own options through sysfs, so two
 * bonds can run different modes.
 */
export const busybox: Toolset = {
  name: "busybox",
  summary: "a stock busybox userland: its ifconfig, route and modprobe applets and the bonding driver's sysfs files",
  bondOptions: "per-bond",
  tools: ["ifconfig", "route", "modprobe", "mount", "sleep"],
  ...ifconfigCommands({ ifconfig: "ifconfig", route: "route" }),
  readField: extractField,
  load: (module, params) => cmd("modprobe", module, ...params.map((p) => word(`${p.name}=`, ...p.value))),
  // Documentation/networking/bonding.rst: options are written to /sys/class/net/<bond>/bonding/,
  // arp_ip_target one address at a time with a leading +.
  bondOption: (bond, name, value) => write(name === "arp_ip_target" ? word("+", ...value) : value, bonding(bond, name)),
  enslave: (bond, slave) => write(word(`+${slave}`), bonding(bond, "slaves")),
  release: (bond, slave) => write(word(`-${slave}`), bonding(bond, "slaves")),
  // busybox's vconfig applet; 8021q names the interface PARENT.ID (its default name type).
  createVlan: (parent, id) => cmd("vconfig", "add", parent, String(id)),
  mountProc: () => cmd("mount", "-t", "proc", "proc", "/proc"),
  // Documentation/networking/bonding.rst, 3.4 "Configuring Bonding Manually via Sysfs": "Starting
  // with version 3.0.0, Channel Bonding may be configured via the sysfs interface"; bonding.h
  // DRV_VERSION "3.0.0", DRV_RELDATE "November 8, 2005". Commit b76cdba9cdb2 "bonding: add sysfs
  // functionality to bonding (large)" was still in Jeff Garzik's netdev queue for -mm on
  // 2005-12-01 (2.6.15-rc4), so 2.6.16 is the first release with bond_sysfs.c.
  kernels: {
    since: {
      version: "2.6.16",
      why: "it writes bonding options and slaves to /sys/class/net/<bond>/bonding/, which the driver has had since bonding 3.0.0",
      source:
        'commit b76cdba9cdb2 "bonding: add sysfs functionality to bonding (large)", bonding 3.0.0, merged for 2.6.16; bonding.rst, 3.4 "Configuring Bonding Manually via Sysfs"',
      instead:
        "use `tools net-tools`, which enslaves with ifenslave and gives options to insmod, or name the kernel the node really boots",
    },
  },
  // The sysfs write leaves the slave as it is, and the kernel refuses an up one: bond_enslave()
  // answers EPERM, "Device can not be enslaved while up" (measured on 6.1, shared notes). A bond
  // that is down takes slaves through sysfs, so the bond need not be up first; but then the
  // options its `up` writes must still be ones the driver takes from a bond with slaves.
  checks: [
    optionsWhileBondIdle,
    unknownSlaveMustBeDown({
      refusal:
        'the sysfs write does not take the slave down, and the kernel refuses an up slave (EPERM, "Device can not be enslaved while up")',
    }),
  ],
  // busybox's arping applet: -U sends unsolicited ARP (gratuitous: sender and target are the
  // address), -c the count, -I the interface. Three, as a lost frame is the failure it guards.
  announce: (iface, address) => cmd("arping", "-U", "-c", "3", "-I", iface, address),
  failed: {
    ...ifconfigFailures,
    load: (module) => `modprobe ${module}`,
    enslave: (bond, slave) => `adding ${slave} to ${bond}'s slaves`,
    createVlan: (name) => `vconfig add (${name})`,
  },
};
