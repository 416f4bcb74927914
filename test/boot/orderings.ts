/**
 * Booting a sample of orderings of the seed's steps on a real kernel (test/boot/seed-orderings-*):
 * an ordering the checker accepts boots as bondc compiles it; one it rejects has no script from
 * bondc, so it boots as the toolset's own commands in that order (toolsScript, the seed's script
 * reordered, each failing command saying `bondc-step-failed STEP`) in the image bondc builds for
 * the seed's own order of the same steps: the same tools, modules and kernel, another script.
 * Either way the NFS root's report is compared with the seed's order's predicted end state. Boots
 * run two at a time; timings are logged, never asserted.
 */
import { describe, expect, it } from "vitest";
import { compile, type CompileResult } from "../../src/api/compile.js";
import { BootError } from "../../src/boot/harness.js";
import type { CompiledInitBoot } from "../../src/boot/boot-compiled.js";
import type { InitBoot } from "../../src/boot/nfs-boot.js";
import { formatInitBoot } from "../../src/boot/report.js";
import { bondFile, stepsOf, toolsScript, type Node, type StepName, type TargetName } from "../ordering/seed-steps.js";
import type { Judged } from "../ordering/sample.js";
import { pool } from "./pool.js";
import { prepareBoots } from "./prepare.js";

export interface OrderingBoot {
  /** The root was reached in the state the seed's order promises (no mismatches). */
  readonly works: boolean;
  readonly mismatches: readonly string[];
  /** The console up to the root's init (the script's own lines), or all of it when the root never came. */
  readonly console: string;
  /** What the NFS root's init reported; undefined when it never ran (a panic, a hang). */
  readonly root?: InitBoot;
}

export interface OrderingSuite {
  readonly title: string;
  readonly tools: string;
  readonly target: TargetName;
  readonly node: Node;
  /** bootCompiledLegacy or bootCompiledInit with the file's scenario. */
  readonly boot: (compiled: CompileResult) => Promise<CompiledInitBoot>;
  /** What to boot: the seed's own order first, then `accepted - 1` more the checker accepts, then rejected ones. */
  readonly sample: readonly Judged[];
  readonly accepted: number;
  /** How each sampled rejected class (its codes joined by `,`) fails on the real kernel, as its diagnostics say. */
  readonly failsAs: Readonly<Record<string, (b: OrderingBoot, order: readonly StepName[]) => void>>;
}

function compiled(text: string, name: string): CompileResult {
  const c = compile(text, name);
  expect(c.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return c;
}

/** The compiled program with `script` as its script: the image then holds it at the entry path. */
function withScript(c: CompileResult, script: string): CompileResult {
  return { ...c, script, artifacts: c.artifacts.map((a, i) => (i === 0 ? { ...a, content: script } : a)) };
}

/** Boots one ordering (see the file's comment); a boot that never reaches the root is a result, not an error. */
async function bootOrdering({ order, verdict }: Judged, suite: OrderingSuite): Promise<OrderingBoot> {
  const { tools, target, node } = suite;
  const program = verdict.accepted
    ? compiled(bondFile(order, tools, node, target), `ordering-${order.join("-")}.bond`)
    : withScript(
        // The seed's order stands for the image; the name says which script the boot runs.
        compiled(bondFile(stepsOf(target), tools, node, target), `tools-${order.join("-")}.bond`),
        toolsScript(order, tools, node, target),
      );
  try {
    const { boot, mismatches } = await suite.boot(program);
    console.log(`[orderings] ${order.join(" ")}\n${formatInitBoot(boot)}mismatches: ${JSON.stringify(mismatches)}`);
    return { works: mismatches.length === 0, mismatches, console: boot.initConsole.join("\n"), root: boot };
  } catch (e) {
    if (!(e instanceof BootError)) throw e;
    const console_ = e.run.lines.map((l) => l.text).join("\n");
    console.log(`[orderings] ${order.join(" ")}: ${e.message}\n${console_.split("\n").slice(-25).join("\n")}`);
    return { works: false, mismatches: [e.message], console: console_ };
  }
}

/** The suite's tests: the sample's shape, then one boot per ordering, two at a time. */
export function describeOrderings(suite: OrderingSuite): void {
  const slot = pool(2);
  const timings: { order: string; rootInitMs?: number; totalMs: number }[] = [];
  prepareBoots(timings);
  const timed: OrderingSuite = {
    ...suite,
    boot: (c) =>
      slot(async () => {
        const r = await suite.boot(c);
        timings.push({ order: c.source.path, ...r.boot.timings });
        return r;
      }),
  };
  const classOf = (m: Judged) => m.verdict.codes.join(",");

  describe.concurrent(suite.title, () => {
    it("the sample: the seed's order, more accepted ones, the rejected classes each as its diagnostics say", () => {
      expect(suite.sample[0]!.order).toEqual(stepsOf(suite.target));
      expect(suite.sample.filter((m) => m.verdict.accepted)).toHaveLength(suite.accepted);
      const rejected = suite.sample.filter((m) => !m.verdict.accepted).map(classOf);
      expect(rejected.sort()).toEqual(Object.keys(suite.failsAs).sort());
    });

    for (const m of suite.sample) {
      const verdict = m.verdict.accepted ? "accepted" : `rejected (${m.verdict.codes.join(", ")})`;
      it(
        `${verdict}: ${m.order.join(" ")}`,
        async () => {
          const b = await bootOrdering(m, timed);
          expect(b.works, b.mismatches.join("\n")).toBe(m.verdict.accepted);
          if (m.verdict.accepted) expect(b.root?.bonds["bond0"]?.slaves.sort()).toEqual(["eth0", "eth1"]);
          else suite.failsAs[classOf(m)]!(b, m.order);
        },
        // The boot, plus the wait for one of the two boot slots on a loaded machine.
        600_000,
      );
    }
  });
}
