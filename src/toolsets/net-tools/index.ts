import { cmd, word } from "../../sh/ast.js";
import { ifconfigCommands, ifconfigFailures } from "../ifconfig/commands.js";
import { extractField } from "../ifconfig/output.js";
import type { Toolset } from "../toolset.js";
import { netToolsChecks } from "./checks.js";

const programs = {
  ifconfig: "/sbin/ifconfig",
  route: "/sbin/route",
  ifenslave: "/sbin/ifenslave",
  insmod: "/sbin/insmod",
  vconfig: "/sbin/vconfig",
};

/**
 * The seed's toolset: ifconfig, ifenslave, insmod and route from net-tools and modutils, as on a
 * 2.2/2.4-era rescue initrd, called by absolute path as the seed called them. insmod takes the
 * module by name (the seed's insmod searched the module path), and bonding options can only be
 * module parameters, shared by every bond.
 */
export const netTools: Toolset = {
  name: "net-tools",
  summary: "ifconfig, ifenslave, insmod and route by absolute path, as the seed's linuxrc called them",
  bondOptions: "module-parameters",
  // mount and sleep are the shell's neighbours on every initrd; sleep is where the halt loop waits.
  tools: [programs.ifconfig, programs.ifenslave, programs.insmod, programs.route, "mount", "sleep"],
  ...ifconfigCommands(programs),
  readField: extractField,
  // lib/interface.c: lookup_interface() reads /proc/net/dev; when it cannot be opened,
  // if_readlist_proc() returns -2 (since "better ioctl fallback handling for interface listing",
  // 2002-12-05; net-tools 1.60 fell back to SIOCGIFCONF), so `ifconfig eth0` prints only
  // "Warning: cannot open /proc/net/dev (…). Limited output." and exits 1: net-tools 2.10 does
  // this under /linuxrc on the legacy kernel. busybox's copy still falls back (if_readconf).
  queryNeedsProc: "net-tools' ifconfig finds an interface in /proc/net/dev and prints nothing without it",
  load: (module, params) => cmd(programs.insmod, module, ...params.map((p) => word(`${p.name}=`, ...p.value))),
  enslave: (bond, slave) => cmd(programs.ifenslave, bond, slave),
  release: (bond, slave) => cmd(programs.ifenslave, "-d", bond, slave),
  // vconfig from the vlan package, the net-tools era's VLAN tool; 8021q names the interface PARENT.ID.
  createVlan: (parent, id) => cmd(programs.vconfig, "add", parent, String(id)),
  mountProc: () => cmd("mount", "-n", "-t", "proc", "proc", "/proc"),
  checks: netToolsChecks,
  failed: {
    ...ifconfigFailures,
    load: (module) => `insmod ${module}`,
    enslave: (bond, slave) => `ifenslave ${bond} ${slave}`,
    createVlan: (name) => `vconfig add (${name})`,
  },
};
