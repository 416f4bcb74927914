/**
 * Every ordering of the seed's eight steps gets the same verdict from the checker as from the
 * toolset's own programs (issue 10, "done when"), for net-tools on the stub sandbox.
 *
 * The checker judges all 8! = 40320 orderings. The sandbox does not run them all: a run takes a
 * chroot, namespaces and a shell (about a tenth of a second, far more on a loaded machine), and
 * the checker's verdicts fall into a few dozen classes (orderings with the same set of error
 * codes, that is, the same kernel and tool rules broken). The sandbox runs, from every class, its
 * first ordering and three drawn from it by a fixed seed (sixteen from the accepted class), plus
 * a fixed sample across all 40320; each run must agree with the checker's verdict: accepted when
 * the programs bond the node and hand the root over, rejected when any of them fails or the node
 * ends in another state.
 *
 * The busybox toolset is not compared here: the sandbox models neither modprobe nor the bonding
 * driver's sysfs files, whose refusals come from the kernel itself. Its verdicts are held to the
 * written-out rules in test/ordering/seed-orderings.test.ts, and a sample of its orderings on
 * `target initramfs` boots on the real kernel (test/boot/seed-orderings-initramfs.test.ts).
 */
import { afterAll, describe, expect, it } from "vitest";
import { cleanupSandbox, runLinuxrc, type SandboxRun } from "../support/sandbox/index.js";
import {
  byClass,
  checkOrdering,
  permutations,
  STEPS,
  toolsScript,
  type StepName,
  type Verdict,
} from "../ordering/seed-steps.js";
import { seeded } from "../ordering/sample.js";

afterAll(cleanupSandbox);

/** What the seed's script promises: bond0 with the node's address over both NICs, and the NFS root. */
export function bonded(r: SandboxRun): boolean {
  const i = r.state.interfaces;
  const bond = i["bond0"];
  return (
    r.exitCode === 0 &&
    !r.stdout.includes("bondc-step-failed") &&
    bond?.up === true &&
    bond.ipv4 === "192.168.1.105" &&
    [...(bond.slaves ?? [])].sort().join(",") === "eth0,eth1" &&
    // Each slave up in bond0, without an address of its own beside the bond's.
    ["eth0", "eth1"].every((s) => i[s]?.up === true && i[s]?.master === "bond0" && i[s]?.ipv4 === undefined) &&
    r.state.realRootDevValue === 255
  );
}

/** The checker's verdict on every ordering; yields to the event loop now and then (40320 checks). */
async function judgeAll(tools: string): Promise<{ order: StepName[]; verdict: Verdict }[]> {
  const out: { order: StepName[]; verdict: Verdict }[] = [];
  for (const order of permutations(STEPS)) {
    out.push({ order, verdict: checkOrdering(order, tools) });
    if (out.length % 500 === 0) await new Promise((r) => setImmediate(r));
  }
  return out;
}

describe("the seed's eight steps in every order, net-tools", () => {
  it("the checker and the stub sandbox agree on every class and on a fixed sample", async () => {
    const all = await judgeAll("net-tools");
    expect(all).toHaveLength(40320);
    const classes = byClass(all);
    const random = seeded(10);
    const chosen = new Map<string, { order: StepName[]; verdict: Verdict }>();
    for (const members of classes.values()) {
      // The accepted class gets more draws: it is the one the old model got wrong in places.
      const count = members[0]!.verdict.accepted ? 16 : 3;
      const draws = Array.from({ length: count }, () => members[Math.floor(random() * members.length)]!);
      for (const m of [members[0]!, ...draws]) chosen.set(m.order.join(" "), m);
    }
    for (let k = 0; k < 48; k++) {
      const m = all[Math.floor(random() * all.length)]!;
      chosen.set(m.order.join(" "), m);
    }
    const runs = await Promise.all(
      [...chosen.values()].map(async (m) => {
        const run = await runLinuxrc(toolsScript(m.order, "net-tools"), { shell: "dash", dialect: "nettools160" });
        return { ...m, works: bonded(run), run };
      }),
    );
    const disagreements = runs
      .filter((r) => r.works !== r.verdict.accepted)
      .map(
        (r) =>
          `${r.order.join(" ")}: checker ${r.verdict.accepted ? "accepts" : `rejects (${r.verdict.codes.join(", ")})`}, the tools ${r.works ? "bond the node" : "fail"}\n${r.run.stdout}${r.run.stderr}`,
      );
    console.log(
      `[orderings] ${all.filter((a) => a.verdict.accepted).length} of 40320 accepted, ${classes.size} classes, ${runs.length} run in the sandbox (${runs.filter((r) => r.works).length} bonded)`,
    );
    expect(disagreements).toEqual([]);
    // Both verdicts occur among the runs, so the comparison is not vacuous.
    expect(new Set(runs.map((r) => r.works))).toEqual(new Set([true, false]));
  }, 900_000);
});
