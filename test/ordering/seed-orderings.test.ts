/**
 * The checker's verdict on orderings of the seed's eight steps, against the rules the kernel and
 * each toolset's programs impose, written out once here with their reasons. The rules decide all
 * 8! orderings at once (how many each toolset accepts); the checker, which takes a couple of
 * milliseconds an ordering, is held to them on a fixed sample from every toolset here, and on all
 * 40320 against the tools themselves in test/sandbox/seed-orderings.test.ts.
 */
import { describe, expect, it } from "vitest";
import { checkOrdering, permutations, STEPS, stepsOf, type StepName, type TargetName } from "./seed-steps.js";

type Rule = readonly [before: StepName, after: StepName, why: string];

const KERNEL_RULES: readonly Rule[] = [
  ["load", "up", "loading the module creates bond0"],
  ["load", "enslave0", "loading the module creates bond0"],
  ["load", "enslave1", "loading the module creates bond0"],
  ["down0", "enslave0", "eth0 is up (the firmware configured it); an up slave is refused, and its address would stay"],
  ["down1", "enslave1", "taking eth1 down after it is enslaved takes a slave of the bond down"],
  ["mount", "handoff", "real-root-dev is under /proc"],
];

const TOOL_RULES: Readonly<Record<string, readonly Rule[]>> = {
  "net-tools": [
    ["up", "enslave0", "ifenslave refuses a master that is not up"],
    ["up", "enslave1", "ifenslave refuses a master that is not up"],
  ],
  // sysfs enslaves into a bond that is down.
  busybox: [],
};

/**
 * On `target initramfs` /init mounts /proc itself and switch_root is final (every step before the
 * handoff). The kernel rules but /proc's are the same, the downs before the enslaves for another
 * reason: the boot NIC starts unconfigured like eth1, and the sysfs write leaves a slave as it is.
 */
const INITRAMFS_RULES: readonly Rule[] = [
  ...KERNEL_RULES.filter(([a]) => a !== "mount"),
  ...STEPS.filter((s) => s !== "mount" && s !== "handoff").map((s): Rule => [
    s,
    "handoff",
    "switch_root replaces /init: nothing after the handoff runs",
  ]),
];

function follows(order: readonly StepName[], tools: string, target: TargetName): boolean {
  const rules = target === "linuxrc" ? KERNEL_RULES : INITRAMFS_RULES;
  return [...rules, ...TOOL_RULES[tools]!].every(([a, b]) => order.indexOf(a) < order.indexOf(b));
}

describe.each([
  ["net-tools", "linuxrc", 840],
  ["busybox", "linuxrc", 1848],
  ["busybox", "initramfs", 66],
] as const)("orderings of the seed's steps, %s on %s", (tools, target, accepted) => {
  const all = [...permutations(stepsOf(target))];

  it("the rules accept the orderings the checker should", () => {
    expect(all).toHaveLength(target === "linuxrc" ? 40320 : 5040);
    // What the rules alone give; test/sandbox/seed-orderings.test.ts counts the checker's (840 on net-tools).
    expect(all.filter((o) => follows(o, tools, target)).length).toBe(accepted);
  });

  it("the checker agrees with the rules on a fixed sample, both verdicts included", () => {
    // Every 97th ordering (prime, so the sample walks through every position of every step),
    // and every ordering the rules accept among the first eighth (load first).
    const sample = all.filter((o, i) => i % 97 === 0 || (i < all.length / 8 && follows(o, tools, target)));
    const wrong = sample
      .filter((o) => checkOrdering(o, tools, undefined, target).accepted !== follows(o, tools, target))
      .map((o) => o.join(" "));
    expect(wrong).toEqual([]);
    expect(new Set(sample.map((o) => follows(o, tools, target)))).toEqual(new Set([true, false]));
  });
});
