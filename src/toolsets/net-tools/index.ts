import { cmd, word, type Word } from "../../sh/ast.js";
import type { Toolset } from "../toolset.js";
import { extractField } from "./discovery.js";

/**
 * The seed's toolset: ifconfig, ifenslave, insmod and mount, as on a 2.2/2.4-era rescue initrd and
 * on busybox. insmod takes the module by name (the seed's insmod searched the module path).
 */
export const netTools: Toolset = {
  name: "net-tools",
  summary: "ifconfig, ifenslave, insmod and mount, called as the seed's linuxrc called them",
  bondOptions: "module-parameters",
  // sleep: the halt loop waits in it, so an initrd built from this list must have it too.
  tools: ["ifconfig", "ifenslave", "insmod", "mount", "sleep"],
  // Before /proc is mounted (always, for the boot snapshot) ifconfig warns that it cannot read
  // /proc/net/dev (net-tools 1.60 and busybox alike) yet prints every field discovery reads. A
  // real failure still shows: the capture's own check names the step.
  query: (iface) => ({ ...cmd("ifconfig", iface), redirect: { op: "2>", target: word("/dev/null") } }),
  readField: extractField,
  load: (module, params) => cmd("insmod", module, ...params.map((p) => word(`${p.name}=`, ...p.value))),
  up(iface, a) {
    const argv: Word[] = [word("ifconfig"), word(iface)];
    if (a.address) argv.push(a.address);
    if (a.hwaddr) argv.push(word("hw"), word("ether"), a.hwaddr);
    if (a.netmask) argv.push(word("netmask"), a.netmask);
    if (a.broadcast) argv.push(word("broadcast"), a.broadcast);
    argv.push(word("up"));
    return { kind: "command", argv };
  },
  // `ifconfig eth0 0.0.0.0` is net-tools' way to delete the address; without it the firmware's
  // address and route stay on a NIC after it is enslaved, and traffic can bypass the bond.
  down: (iface, clearAddress) => (clearAddress ? cmd("ifconfig", iface, "0.0.0.0", "down") : cmd("ifconfig", iface, "down")),
  enslave: (bond, slave) => cmd("ifenslave", bond, slave),
  release: (bond, slave) => cmd("ifenslave", "-d", bond, slave),
  mountProc: () => cmd("mount", "-n", "-t", "proc", "proc", "/proc"),
  failed: {
    query: (iface) => `ifconfig ${iface}`,
    read: (field, iface) => `reading the ${field} of ${iface} from ifconfig`,
    load: (module) => `insmod ${module}`,
    up: (iface) => `ifconfig ${iface} up`,
    down: (iface) => `ifconfig ${iface} down`,
    enslave: (bond, slave) => `ifenslave ${bond} ${slave}`,
  },
};
