// An 802.1Q access port between the guest's NICs and QEMU's user network, for a node whose root
// is over a VLAN. QEMU's user network (slirp, the harness's 10.0.2.2) neither sends nor accepts
// tagged frames, and the host kernel here has neither 8021q nor bridge VLAN filtering. So the
// guest's NICs get a hub of their own (hub 0) and the user network another (hub 1), each with a
// UDP socket netdev, and a small relay between the two sockets does what a switch's access port
// does: frames from the node tagged with the VLAN id lose their tag on the way to 10.0.2.2, every
// other frame from the node is dropped (as a port that carries only that VLAN would), and frames
// from 10.0.2.2 get the tag on the way back. The relay runs inside the NFS server's private
// namespace, started just before QEMU, and dies with the namespace when QEMU exits.

import { writeFile } from "node:fs/promises";
import { join } from "node:path";

/** UDP ports on the namespace's loopback: QEMU's and the relay's end of each hub's socket. */
export const RELAY_PORTS = { hubQemu: 10001, hubRelay: 10002, userQemu: 10003, userRelay: 10004 } as const;

/** The relay, as a Node.js script: `node relay.cjs VID`. */
export const RELAY_SCRIPT = `"use strict";
// bondc boot harness: an 802.1Q access port between two QEMU UDP socket netdevs (vlan-relay.ts).
const dgram = require("node:dgram");
const vid = Number(process.argv[2]);
const p = ${JSON.stringify(RELAY_PORTS)};
const hub = dgram.createSocket("udp4");
const user = dgram.createSocket("udp4");
hub.on("message", (f) => {
  if (f.length < 18 || f.readUInt16BE(12) !== 0x8100 || (f.readUInt16BE(14) & 0xfff) !== vid) return;
  user.send(Buffer.concat([f.subarray(0, 12), f.subarray(16)]), p.userQemu, "127.0.0.1");
});
user.on("message", (f) => {
  if (f.length < 14) return;
  const tag = Buffer.alloc(4);
  tag.writeUInt16BE(0x8100, 0);
  tag.writeUInt16BE(vid, 2);
  hub.send(Buffer.concat([f.subarray(0, 12), tag, f.subarray(12)]), p.hubQemu, "127.0.0.1");
});
hub.bind(p.hubRelay, "127.0.0.1");
user.bind(p.userRelay, "127.0.0.1");
`;

/** QEMU's netdevs when the relay stands between the NICs' hub (0) and the user network's (1). */
export function relayNetdevs(): string[] {
  const p = RELAY_PORTS;
  return [
    "-netdev",
    "user,id=u0",
    "-netdev",
    "hubport,id=hpu,hubid=1,netdev=u0",
    "-netdev",
    `socket,id=su,udp=127.0.0.1:${p.userRelay},localaddr=127.0.0.1:${p.userQemu}`,
    "-netdev",
    "hubport,id=hps,hubid=1,netdev=su",
    "-netdev",
    `socket,id=sh,udp=127.0.0.1:${p.hubRelay},localaddr=127.0.0.1:${p.hubQemu}`,
    "-netdev",
    "hubport,id=hp0,hubid=0,netdev=sh",
  ];
}

/**
 * Writes the relay into `work` and returns the command prefix that starts it in the background
 * and then execs the command after it (QEMU), so the relay lives in QEMU's namespace.
 */
export async function relayPrefix(work: string, vid: number): Promise<string[]> {
  const script = join(work, "vlan-relay.cjs");
  await writeFile(script, RELAY_SCRIPT);
  // The paths are arguments, never part of the shell text.
  const start = 'node="$1" script="$2" vid="$3"; shift 3; "$node" "$script" "$vid" & exec "$@"';
  return ["sh", "-c", start, "sh", process.execPath, script, String(vid)];
}
