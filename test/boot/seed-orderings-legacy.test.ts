// Issue 10: orderings of the seed's eight steps (net-tools, `target linuxrc`) booted the seed's way
// on the legacy kernel under QEMU (an ext2 image initrd whose /linuxrc bonds and writes
// real-root-dev; the kernel then mounts the NFS root itself): each boot must agree with the
// checker's verdict (orderings.ts). The sample is fixed by a seed: the seed's own order and two
// more orderings the checker accepts, which must reach the NFS root through the bond in the
// predicted state, and one ordering of the class with the fewest codes for each error code
// (classPerCode in test/ordering/sample.ts), which must fail the way its diagnostics say. The stub
// sandbox runs every class (test/sandbox/seed-orderings.test.ts).
//
// BOND0301 (the bond before the module) is not booted here: the legacy kernel has bonding built in
// (src/boot/README.md), so bond0 exists before /linuxrc runs and `ifconfig bond0 … up` before
// `insmod bonding` succeeds; the rule is about a modular driver, as the seed's `insmod bonding`
// has it. test/boot/seed-orderings-initramfs.test.ts boots it where bonding is a module.
import { expect } from "vitest";
import { bootCompiledLegacy } from "../../src/boot/boot-compiled.js";
import { nicMac } from "../../src/boot/qemu.js";
import { bootSample } from "../ordering/sample.js";
import { byClass, classify, STEPS, type Node } from "../ordering/seed-steps.js";
import { describeOrderings } from "./orderings.js";

/** The node as QEMU's user network and the kernel's `ip=` (the firmware's stand-in) configure eth0. */
const NODE: Node = { address: "10.0.2.15", netmask: "255.255.255.0", broadcast: "10.0.2.255", mac: nicMac(0) };

describeOrderings({
  title: "the seed's steps in a sample of orders on the legacy kernel (net-tools)",
  tools: "net-tools",
  target: "linuxrc",
  node: NODE,
  boot: (compiled) => bootCompiledLegacy(compiled, { timeoutMs: 300_000 }),
  sample: bootSample(byClass(classify("net-tools", NODE)), STEPS, { seed: 10, accepted: 3 }).filter(
    (m) => !m.verdict.codes.includes("BOND0301"),
  ),
  accepted: 3,
  failsAs: {
    // ifenslave 1.1.0 refuses a master that is not up; the node boots on what is left, if anything.
    BOND0302: (b) =>
      expect(b.console).toContain("Illegal operation; the specified master interface 'bond0' is not up."),
    // The boot NIC enslaved while it has the firmware's address (ifenslave takes it down, the
    // address stays on the slave beside the bond's), then taken down as a slave.
    "BOND0303,BOND0313": (b) => {
      expect(b.root?.interfaces["eth0"]).toMatchObject({ master: "bond0", up: false });
      expect(b.root?.interfaces["eth0"]?.addresses).toContain(`${NODE.address}/24`);
      expect(b.console).not.toContain("bondc-step-failed");
    },
    // real-root-dev does not exist before /proc: the write fails, the kernel has no root to mount.
    BOND0305: (b) => {
      expect(b.console).toContain("bondc-step-failed handoff");
      expect(b.console).toContain("Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(0,0)");
      expect(b.root).toBeUndefined();
    },
    // A slave taken down: eth1 stays in bond0, out of service.
    BOND0313: (b) => expect(b.root?.interfaces["eth1"]).toMatchObject({ master: "bond0", up: false }),
  },
});
