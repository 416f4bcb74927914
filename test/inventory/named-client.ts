import { compile, type CompileResult } from "../../src/api/compile.js";
import { bootEntries, clusterBootNodes, type BootFile } from "../../src/bootloader/index.js";
import { diskHost, type CompileHost } from "../../src/semantic/sources.js";

/*
 * A cluster of one server and one client named NAME, and the clients' one program, for following a
 * node name from the inventory's CSV to the boot entries and the booted script (issue 16). The
 * program is the example client's on the seed's target (linuxrc, net-tools), whose bonding the
 * sandbox's stubs model, so that the same compile is both written into entries and run.
 */

export const SERVER = "server";

/** The clients' program after its inventory line (the inventory's declaration, or an import of it). */
export const CLIENT_PROGRAM = `target linuxrc { kernel "2.6.32"  tools net-tools  boot eth0 }
let boot = iface eth0
iface eth1
mount proc
let mac = discover boot.hwaddr
let ip = discover node.address
load bonding mode=active-backup miimon=100
up bond0 { address ip  netmask /24  hwaddr mac }
down boot, eth1
enslave boot, eth1 to bond0
handoff nfs { server 10.0.2.2  path "/srv/nfsroot" }
on failure fallback
`;

/** One CSV cell holding `value` exactly (RFC 4180 quoting, so commas, quotes and spaces survive). */
export const quoted = (value: string) => `"${value.replace(/"/g, '""')}"`;

/** A project at /p whose nodes.csv is `csv`. */
export function hostWith(csv: string): CompileHost {
  return {
    ...diskHost,
    root: "/p",
    readFile: (path) => (path === "/p/nodes.csv" ? csv : undefined),
    realPath: (path) => path,
  };
}

/** The client program compiled against an inventory whose one client is named `name` (at row 3). */
export function compileNamedClient(name: string): CompileResult {
  const csv = `name,address,macs,role\n${SERVER},10.0.2.2,52:54:00:12:34:01,server\n${quoted(name)},10.0.2.15,52:54:00:12:34:11,client\n`;
  const decl = 'inventory "nodes.csv" { network 10.0.2.0  netmask /24 }\n';
  return compile(`${decl}${CLIENT_PROGRAM}`, "/p/client.bond", hostWith(csv));
}

/** Every boot-loader file `bondc build` writes for the compiled program's clients. */
export function clientEntries(result: CompileResult): BootFile[] {
  const clients = result.inventories.flatMap((i) => i.nodes.filter((n) => n.role === "client"));
  return bootEntries(
    clusterBootNodes(result.program, clients, {
      kernel: "vmlinuz",
      initrd: "initrd.img.gz",
      append: ["console=ttyS0"],
    }),
  );
}
