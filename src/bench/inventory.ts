import { formatIpv4 } from "../syntax/literals.js";

/*
 * A cluster of any size for the bench and its test: a server and `clients` clients on one /16,
 * every node with two NICs, as an admin's export would write them.
 */

const mac = (node: number, nic: number): string =>
  ["52", "54", (node >> 16) & 255, (node >> 8) & 255, node & 255, nic]
    .map((o) => (typeof o === "string" ? o : o.toString(16).padStart(2, "0")))
    .join(":");

/** The CSV of a cluster: node1 the server at 10.1.0.1, node2 .. node(clients+1) from 10.1.0.2. */
export function clusterCsv(clients: number): string {
  const rows = ["name,address,macs,role"];
  const base = 10 * 2 ** 24 + 2 ** 16; // 10.1.0.0
  for (let n = 1; n <= clients + 1; n++) {
    rows.push(`node${n},${formatIpv4(base + n)},${mac(n, 1)} ${mac(n, 2)},${n === 1 ? "server" : "client"}`);
  }
  return `${rows.join("\n")}\n`;
}

/** The .bond file that names it. */
export const clusterBond = 'inventory "nodes.csv" { network 10.1.0.0  netmask /16 }\n';

/** The clients' one program for it: each client's address found at boot (examples/cluster/client.bond). */
export const clusterClientBond = `${clusterBond}target initramfs { tools busybox  boot eth0 }
let boot = iface eth0
iface eth1
let mac = discover boot.hwaddr
let ip = discover node.address
load bonding
up bond0 { mode active-backup  miimon 100  address ip  netmask /16  hwaddr mac }
down boot, eth1
enslave boot, eth1 to bond0
handoff nfs { server 10.1.0.1  path "/srv/nfsroot" }
`;
