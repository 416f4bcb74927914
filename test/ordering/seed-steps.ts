/**
 * The seed's eight linuxrc steps, each as a .bond statement and as the command its toolset runs,
 * and every ordering of them (8! = 40320). The ordering tests (test/ordering, test/sandbox,
 * test/boot) hold the checker's verdict on an ordering against what the toolset's own programs
 * make of the same steps in the same order.
 */
import { check } from "../../src/api/check.js";
import { printScript } from "../../src/sh/printer.js";
import { word, type Command, type Statement } from "../../src/sh/ast.js";
import { registry } from "../../src/registry/registry.js";
import type { Toolset } from "../../src/toolsets/toolset.js";

/** The node's address as the boot firmware gave it to eth0, and eth0's MAC. */
export interface Node {
  readonly address: string;
  readonly netmask: string;
  readonly broadcast: string;
  readonly mac: string;
}

/** The seed's own node (the stub sandbox's defaults). */
export const SEED_NODE: Node = {
  address: "192.168.1.105",
  netmask: "255.255.255.0",
  broadcast: "192.168.1.255",
  mac: "00:90:27:E0:30:51",
};

export type StepName = "load" | "up" | "down0" | "down1" | "enslave0" | "enslave1" | "mount" | "handoff";

/** In the seed's own order. */
export const STEPS: readonly StepName[] = ["load", "up", "down0", "down1", "enslave0", "enslave1", "mount", "handoff"];

/** The step as a .bond statement. */
export function bondStatement(step: StepName, node: Node): string {
  switch (step) {
    case "load":
      return "load bonding";
    case "up":
      return `up bond0 { address ${node.address}  hwaddr ${node.mac}  netmask ${node.netmask}  broadcast ${node.broadcast} }`;
    case "down0":
      return "down eth0";
    case "down1":
      return "down eth1";
    case "enslave0":
      return "enslave eth0 to bond0";
    case "enslave1":
      return "enslave eth1 to bond0";
    case "mount":
      return "mount proc";
    case "handoff":
      return "handoff nfs";
  }
}

/** The kernel each toolset's file names: the seed's 2.2.14 for net-tools; busybox needs sysfs bonding. */
export const KERNEL: Readonly<Record<string, string>> = { "net-tools": "2.2.14", busybox: "4.19" };

/** The .bond file of one ordering, for `tools`. The seed runs without link monitoring, knowingly. */
export function bondFile(order: readonly StepName[], tools: string, node: Node = SEED_NODE): string {
  const lines = [
    `target linuxrc { kernel "${KERNEL[tools]}"  tools ${tools}  boot eth0 }`,
    "iface eth0, eth1",
    ...order.flatMap((step) =>
      step === "up" ? ["# bondc:allow BOND0507", bondStatement(step, node)] : [bondStatement(step, node)],
    ),
  ];
  return `${lines.join("\n")}\n`;
}

export interface Verdict {
  readonly accepted: boolean;
  /** The error codes, sorted and distinct: the ordering's class in the checker's model. */
  readonly codes: readonly string[];
}

export function checkOrdering(order: readonly StepName[], tools: string, node: Node = SEED_NODE): Verdict {
  const result = check(bondFile(order, tools, node), `ordering-${tools}.bond`);
  const codes = [...new Set(result.diagnostics.filter((d) => d.severity === "error").map((d) => d.code))].sort();
  return { accepted: !result.hasErrors, codes };
}

/**
 * The step as its toolset spells it, with nothing of bondc's around it (no checks, no failure
 * policy): the seed's script in another order. A failing command prints `bondc-step-failed STEP`.
 */
function stepCommands(
  step: StepName,
  toolset: Toolset,
  node: Node,
  enslavedLater: boolean,
): Command | readonly Command[] {
  switch (step) {
    case "load":
      return toolset.load("bonding", []);
    case "up":
      return toolset.up("bond0", {
        address: word(node.address),
        hwaddr: word(node.mac),
        netmask: word(node.netmask),
        broadcast: word(node.broadcast),
      });
    case "down0":
    case "down1":
      // As bondc spells it: a NIC that is enslaved later also drops its address, or the address
      // and its route would stay on the slave beside the bond.
      return toolset.down(step === "down0" ? "eth0" : "eth1", enslavedLater);
    case "enslave0":
    case "enslave1":
      return toolset.enslave("bond0", step === "enslave0" ? "eth0" : "eth1");
    case "mount":
      return toolset.mountProc();
    case "handoff":
      return {
        kind: "command",
        argv: [word("echo"), word("0x00ff")],
        redirect: { op: ">", target: word("/proc/sys/kernel/real-root-dev") },
      };
  }
}

/** Whether the NIC a down step takes down is enslaved after it in `order`. */
function enslavedAfter(order: readonly StepName[], step: StepName): boolean {
  const enslave = step === "down0" ? "enslave0" : step === "down1" ? "enslave1" : undefined;
  return enslave !== undefined && order.indexOf(enslave) > order.indexOf(step);
}

/** The script of one ordering on `tools`' programs. */
export function toolsScript(order: readonly StepName[], tools: string, node: Node = SEED_NODE): string {
  const toolset = registry.toolsets.get(tools);
  if (!toolset) throw new Error(`no toolset ${tools}`);
  const path: Statement = { kind: "assign", variable: "PATH", value: word("/sbin:/bin:/usr/sbin:/usr/bin") };
  // A toolset may spell one step as several commands (iproute2's up: address, then link up).
  const steps = order.flatMap((step): Statement[] =>
    [stepCommands(step, toolset, node, enslavedAfter(order, step))].flat().map((command) => ({
      ...command,
      orElse: { kind: "command", argv: [word("echo"), word(`bondc-step-failed ${step}`)] },
    })),
  );
  return printScript([path, ...steps]).text;
}

/** Every ordering of `items`, in lexicographic order of their indices. */
export function* permutations<T>(items: readonly T[]): Generator<T[]> {
  if (items.length <= 1) {
    yield [...items];
    return;
  }
  for (let i = 0; i < items.length; i++) {
    const rest = [...items.slice(0, i), ...items.slice(i + 1)];
    for (const p of permutations(rest)) yield [items[i]!, ...p];
  }
}

/** All 40320 orderings of the seed's steps, each with the checker's verdict on `tools`. */
export function classify(tools: string, node: Node = SEED_NODE): { order: StepName[]; verdict: Verdict }[] {
  return [...permutations(STEPS)].map((order) => ({ order, verdict: checkOrdering(order, tools, node) }));
}

/** Orderings grouped by their error codes (the checker's equivalence classes), in first-seen order. */
export function byClass<T extends { verdict: Verdict }>(items: readonly T[]): Map<string, T[]> {
  const classes = new Map<string, T[]>();
  for (const item of items) {
    const key = item.verdict.codes.join(",") || "accepted";
    let list = classes.get(key);
    if (!list) classes.set(key, (list = []));
    list.push(item);
  }
  return classes;
}
