// Issue 10: orderings of the seed's steps spelled for busybox on `target initramfs`, booted on
// Debian's cloud kernel under QEMU (bonding and the NIC drivers are modules, slaves go in through
// the bonding driver's sysfs file, busybox's own applets, /init mounts the NFS root and
// switch_roots): each boot must agree with the checker's verdict (orderings.ts). The steps are
// seven, as the target's /init mounts /proc itself (`mount proc` is BOND0115 there), so 5040
// orderings. The sample is fixed by a seed: the seed's own order and one more ordering the checker
// accepts, which must reach the NFS root through the bond in the predicted state, and one ordering
// of the class with the fewest codes for each error code (classPerCode in
// test/ordering/sample.ts), which must fail the way its diagnostics say.
import { expect } from "vitest";
import { bootCompiledInit } from "../../src/boot/boot-compiled.js";
import { NFS_SERVER_IP } from "../../src/boot/nfs-server.js";
import { nicMac } from "../../src/boot/qemu.js";
import { bootSample } from "../ordering/sample.js";
import { byClass, classify, stepsOf, type Node } from "../ordering/seed-steps.js";
import { describeOrderings } from "./orderings.js";

/** The node on QEMU's user network, its NFS server the harness's ganesha. */
const NODE: Node = {
  address: "10.0.2.15",
  netmask: "255.255.255.0",
  broadcast: "10.0.2.255",
  mac: nicMac(0),
  server: NFS_SERVER_IP,
};

describeOrderings({
  title: "the seed's steps in a sample of orders on Debian's kernel (busybox, initramfs)",
  tools: "busybox",
  target: "initramfs",
  node: NODE,
  boot: (compiled) => bootCompiledInit(compiled, { timeoutMs: 300_000 }),
  sample: bootSample(byClass(classify("busybox", NODE, "initramfs")), stepsOf("initramfs"), { seed: 10, accepted: 2 }),
  accepted: 2,
  failsAs: {
    // Before modprobe there is no bond0: every step that configures it or enslaves to it fails.
    BOND0301: (b, order) => {
      const early = order.slice(0, order.indexOf("load")).filter((s) => ["up", "enslave0", "enslave1"].includes(s));
      expect(early).not.toEqual([]);
      for (const s of early) expect(b.console).toContain(`bondc-step-failed ${s}`);
    },
    // A slave taken down after it was enslaved stays in bond0, out of service.
    "BOND0303,BOND0313": (b) => {
      const down = Object.entries(b.root?.interfaces ?? {}).filter(([, i]) => i.master === "bond0" && !i.up);
      expect(down.map(([name]) => name)).not.toEqual([]);
    },
    // The handoff while nothing carries the node's address (the boot NIC has none at /init): the
    // NFS mount has no way out, and the root never comes.
    "BOND0306,BOND0307": (b) => {
      expect(b.console).toContain("bondc-step-failed handoff");
      expect(b.root).toBeUndefined();
    },
    // switch_root replaced /init: the NICs to be enslaved after it never were.
    BOND0307: (b, order) => {
      const late = order.slice(order.indexOf("handoff") + 1).filter((s) => s === "enslave0" || s === "enslave1");
      expect(late).not.toEqual([]);
      expect(b.root?.root?.type).toBe("nfs");
      for (const s of late) expect(b.root?.interfaces[s === "enslave0" ? "eth0" : "eth1"]?.master).toBeUndefined();
    },
  },
});
