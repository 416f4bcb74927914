// A sample of the seed's eight steps in other orders, booted on Debian's real kernel under QEMU
// (the legacy path: the script runs as /linuxrc, with the harness's ifenslave, modelled on
// ifenslave 1.1.0): each boot must agree with the checker's verdict on the same ordering. The
// stub sandbox compares every verdict class (test/sandbox/seed-orderings.test.ts); these boots
// check the classes that decide the issue's points on the real bonding driver. The sample is
// fixed: orderings the checker accepts, among them ones it used to reject (the handoff written
// before the slaves are enslaved; eth1 taken down before the bond exists), and one ordering from
// each rejecting rule of net-tools. Boots run two at a time; timings are logged, never asserted.
import { describe, expect, it } from "vitest";
import { bootLinuxrc } from "../../src/boot/harness.js";
import type { BootObservation } from "../../src/boot/observe.js";
import { formatObservation } from "../../src/boot/report.js";
import { NIC_MACS } from "../../src/boot/scenario.js";
import { checkOrdering, toolsScript, type Node, type StepName } from "../ordering/seed-steps.js";
import { pool } from "./pool.js";
import { prepareBoots } from "./prepare.js";

/** The node as QEMU's user network and the harness's firmware (ip=) configure eth0. */
const QEMU_NODE: Node = {
  address: "10.0.2.15",
  netmask: "255.255.255.0",
  broadcast: "10.0.2.255",
  mac: NIC_MACS.eth0,
};

const SAMPLE: readonly { readonly order: readonly StepName[]; readonly why: string }[] = [
  { order: ["load", "up", "down0", "down1", "enslave0", "enslave1", "mount", "handoff"], why: "the seed's own order" },
  {
    order: ["mount", "handoff", "load", "up", "down0", "enslave0", "down1", "enslave1"],
    why: "real-root-dev written first: the kernel reads it when linuxrc exits",
  },
  {
    order: ["down1", "load", "mount", "up", "down0", "enslave1", "handoff", "enslave0"],
    why: "an enslave after the handoff, eth1 down before the bond exists",
  },
  {
    order: ["load", "down0", "down1", "enslave0", "enslave1", "up", "mount", "handoff"],
    why: "ifenslave into a down bond",
  },
  {
    order: ["load", "up", "down1", "enslave0", "down0", "enslave1", "mount", "handoff"],
    why: "eth0 enslaved while up",
  },
  {
    order: ["load", "up", "down0", "enslave0", "enslave1", "down1", "mount", "handoff"],
    why: "eth1 taken down as a slave",
  },
  {
    order: ["up", "load", "down0", "down1", "enslave0", "enslave1", "mount", "handoff"],
    why: "bond0 before the module",
  },
  {
    order: ["load", "up", "down0", "down1", "enslave0", "enslave1", "handoff", "mount"],
    why: "real-root-dev before /proc",
  },
];

const slot = pool(2);
/** Per test: its boot, plus the wait for one of the two boot slots on a loaded machine. */
const BOOT_TEST_MS = 300_000;
const timings: { order: string; bootMs: number; linuxrcMs: number; totalMs: number }[] = [];

prepareBoots(timings);

/** What the seed's script promises, on the real kernel: the bond over both NICs and the NFS root. */
function bonded(o: BootObservation): boolean {
  const i = o.interfaces;
  return (
    o.linuxrc.exitCode === 0 &&
    !o.linuxrc.stdout.includes("bondc-step-failed") &&
    o.bond?.up === true &&
    o.bond.ipv4 === QEMU_NODE.address &&
    [...o.bond.slaves].sort().join(",") === "eth0,eth1" &&
    ["eth0", "eth1"].every((s) => i[s]?.up === true && i[s]?.master === "bond0" && i[s]?.ipv4 === undefined) &&
    o.realRootDev === 255
  );
}

describe.concurrent("the seed's steps in other orders, on the real kernel (net-tools)", () => {
  for (const { order, why } of SAMPLE) {
    it(
      `${why}: ${order.join(" ")}`,
      async () => {
        const verdict = checkOrdering(order, "net-tools", QEMU_NODE);
        const o = await slot(() =>
          bootLinuxrc(toolsScript(order, "net-tools", QEMU_NODE), { name: order.join("-"), timeoutMs: 90_000 }),
        );
        timings.push({ order: order.join(" "), ...o.timings });
        console.log(
          `[boot] ${order.join(" ")}: checker ${verdict.accepted ? "accepts" : `rejects (${verdict.codes.join(", ")})`}\n${formatObservation(o)}`,
        );
        expect(bonded(o), `${o.linuxrc.stdout}${o.linuxrc.stderr}`).toBe(verdict.accepted);
      },
      BOOT_TEST_MS,
    );
  }

  it("the sample holds both verdicts", () => {
    const verdicts = SAMPLE.map(({ order }) => checkOrdering(order, "net-tools", QEMU_NODE).accepted);
    expect(verdicts.filter((v) => v)).toHaveLength(3);
    expect(verdicts.filter((v) => !v)).toHaveLength(5);
  });
});
