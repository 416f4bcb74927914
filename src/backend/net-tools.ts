import { formatDeviceNumber } from "../ir/devices.js";
import { cmd, word, type Command, type Word } from "../sh/ast.js";
import type { Toolset } from "./toolset.js";

const kernelFile = (name: string): Word => word(`/proc/sys/kernel/${name}`);

function write(value: Word, file: Word): Command {
  return { kind: "command", argv: [word("echo"), value], redirect: { op: ">", target: file } };
}

/**
 * The seed's toolset: ifconfig, ifenslave, insmod and mount, as on a 2.2/2.4-era rescue initrd and
 * on busybox. insmod takes the module by name (the seed's insmod searched the module path).
 */
export const netTools: Toolset = {
  name: "net-tools",
  // sleep: the halt loop waits in it, so an initrd built from this list must have it too.
  tools: ["ifconfig", "ifenslave", "insmod", "mount", "sleep"],
  query: (iface) => cmd("ifconfig", iface),
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
  down: (iface) => cmd("ifconfig", iface, "down"),
  enslave: (bond, slave) => cmd("ifenslave", bond, slave),
  release: (bond, slave) => cmd("ifenslave", "-d", bond, slave),
  mountProc: () => cmd("mount", "-n", "-t", "proc", "proc", "/proc"),
  handoff(action, carrier) {
    const writes: Command[] = [];
    if (action.root.kind === "nfs") {
      const server = action.nfsServer;
      const path = action.nfsPath;
      if (path) writes.push(write(word(path.kind === "const" ? path.text : ""), kernelFile("nfs-root-name")));
      if (server && carrier) {
        // initrd(4): client:server:gateway:netmask:hostname:device:autoconf
        const serverWord = server.kind === "const" ? word(server.text) : word({ variable: server.variable });
        writes.push(write(word(...carrier.address, ":", ...serverWord, "::", ...(carrier.netmask ?? []), `::${carrier.iface}:off`), kernelFile("nfs-root-addrs")));
      }
      writes.push(write(word("0x00ff"), kernelFile("real-root-dev")));
    } else {
      writes.push(write(word(formatDeviceNumber(action.root.number)), kernelFile("real-root-dev")));
    }
    return writes;
  },
};
