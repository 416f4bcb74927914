/**
 * The seed's eight linuxrc steps, each as a .bond statement and as the command its toolset runs,
 * and every ordering of them (8! = 40320). The ordering tests (test/ordering, test/sandbox,
 * test/boot) hold the checker's verdict on an ordering against what the toolset's own programs
 * make of the same steps in the same order. On `target initramfs` the steps are seven: its /init
 * mounts /proc itself (`mount proc` there is BOND0115), so 7! = 5040 orderings.
 */
import { check } from "../../src/api/check.js";
import { MOUNT_PORT, NFS_PORT } from "../../src/boot/nfs-server.js";
import type { HandoffAction } from "../../src/ir/ir.js";
import { printScript } from "../../src/sh/printer.js";
import { word, type Command, type Statement } from "../../src/sh/ast.js";
import { registry } from "../../src/registry/registry.js";
import type { Value } from "../../src/semantic/types.js";
import type { Toolset } from "../../src/toolsets/toolset.js";

/** The node's address as the boot firmware gave it to eth0, and eth0's MAC. */
export interface Node {
  readonly address: string;
  readonly netmask: string;
  readonly broadcast: string;
  readonly mac: string;
  /** The NFS server, which `target initramfs` names in its handoff (it mounts the root itself). */
  readonly server?: string;
}

/** The seed's own node (the stub sandbox's defaults), with an NFS server on its network. */
export const SEED_NODE: Node = {
  address: "192.168.1.105",
  netmask: "255.255.255.0",
  broadcast: "192.168.1.255",
  mac: "00:90:27:E0:30:51",
  server: "192.168.1.1",
};

export type StepName = "load" | "up" | "down0" | "down1" | "enslave0" | "enslave1" | "mount" | "handoff";

/** In the seed's own order. */
export const STEPS: readonly StepName[] = ["load", "up", "down0", "down1", "enslave0", "enslave1", "mount", "handoff"];

export type TargetName = "linuxrc" | "initramfs";

/** The steps of a target's program, in the seed's order: an initramfs /init mounts /proc itself. */
export function stepsOf(target: TargetName): readonly StepName[] {
  return target === "linuxrc" ? STEPS : STEPS.filter((s) => s !== "mount");
}

/** The NFS root an initramfs /init mounts: the boot harness's export and its ganesha's ports. */
export const NFS_ROOT = {
  path: "/srv/nfsroot",
  options: `nfsvers=3,proto=tcp,port=${NFS_PORT},mountport=${MOUNT_PORT},mountproto=tcp,nolock`,
};

/** The step as a .bond statement. */
export function bondStatement(step: StepName, node: Node, target: TargetName = "linuxrc"): string {
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
      if (target === "linuxrc") return "handoff nfs";
      if (!node.server) throw new Error("an initramfs handoff names its NFS server: give the node one");
      return `handoff nfs { server ${node.server}  path "${NFS_ROOT.path}"  options "${NFS_ROOT.options}" }`;
  }
}

/**
 * The kernel each toolset's linuxrc file names: the seed's 2.2.14 for net-tools; busybox needs
 * sysfs bonding. An initramfs file names 6.1, the kernel the boot harness runs its /init on.
 */
export const KERNEL: Readonly<Record<string, string>> = { "net-tools": "2.2.14", busybox: "4.19" };

function kernelOf(tools: string, target: TargetName): string {
  return target === "linuxrc" ? KERNEL[tools]! : "6.1";
}

/** The .bond file of one ordering, for `tools`. The seed runs without link monitoring, knowingly. */
export function bondFile(
  order: readonly StepName[],
  tools: string,
  node: Node = SEED_NODE,
  target: TargetName = "linuxrc",
): string {
  const lines = [
    `target ${target} { kernel "${kernelOf(tools, target)}"  tools ${tools}  boot eth0 }`,
    "iface eth0, eth1",
    ...order.flatMap((step) => [
      ...(step === "up" ? ["# bondc:allow BOND0507"] : []),
      bondStatement(step, node, target),
    ]),
  ];
  return `${lines.join("\n")}\n`;
}

export interface Verdict {
  readonly accepted: boolean;
  /** The error codes, sorted and distinct: the ordering's class in the checker's model. */
  readonly codes: readonly string[];
}

export function checkOrdering(
  order: readonly StepName[],
  tools: string,
  node: Node = SEED_NODE,
  target: TargetName = "linuxrc",
): Verdict {
  const result = check(bondFile(order, tools, node, target), `ordering-${tools}.bond`);
  const codes = [...new Set(result.diagnostics.filter((d) => d.severity === "error").map((d) => d.code))].sort();
  return { accepted: !result.hasErrors, codes };
}

/**
 * The step as its toolset spells it, with nothing of bondc's around it (no checks, no failure
 * policy): the seed's script in another order. The handoff is the target's (`handoffStatements`).
 */
function stepCommands(
  step: Exclude<StepName, "handoff">,
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
  }
}

/** Whether the NIC a down step takes down is enslaved after it in `order`. */
function enslavedAfter(order: readonly StepName[], step: StepName): boolean {
  const enslave = step === "down0" ? "enslave0" : step === "down1" ? "enslave1" : undefined;
  return enslave !== undefined && order.indexOf(enslave) > order.indexOf(step);
}

/** What a failing command of STEP prints instead of stopping the script. */
function failed(step: string): Command {
  return { kind: "command", argv: [word("echo"), word(`bondc-step-failed ${step}`)] };
}

/**
 * The target's handoff, as it writes it for this program: `echo 0x00ff > …/real-root-dev` for
 * linuxrc; for initramfs the wait for bond0's carrier, the NFS mount and `exec switch_root`.
 */
function handoffStatements(order: readonly StepName[], tools: string, node: Node, target: TargetName): Statement[] {
  const program = check(bondFile(order, tools, node, target), `ordering-${tools}.bond`).program;
  const action = program.actions.find((a): a is HandoffAction => a.kind === "handoff");
  if (!action) throw new Error("the ordering has no handoff");
  const render = (value: Value) => {
    if (value.kind !== "const") throw new Error("the seed's steps hand over constants only");
    return word(value.text);
  };
  const carrier = { iface: "bond0", address: word(node.address), netmask: word(node.netmask) };
  return registry.targets.get(target)!.handoff(action, carrier, render, () => failed("handoff"));
}

/** The script of one ordering on `tools`' programs, for `target` (its prelude, then the steps). */
export function toolsScript(
  order: readonly StepName[],
  tools: string,
  node: Node = SEED_NODE,
  target: TargetName = "linuxrc",
): string {
  const toolset = registry.toolsets.get(tools);
  if (!toolset) throw new Error(`no toolset ${tools}`);
  const path: Statement = { kind: "assign", variable: "PATH", value: word("/sbin:/bin:/usr/sbin:/usr/bin") };
  // A toolset may spell one step as several commands (iproute2's up: address, then link up).
  const steps = order.flatMap((step): Statement[] =>
    step === "handoff"
      ? handoffStatements(order, tools, node, target)
      : [stepCommands(step, toolset, node, enslavedAfter(order, step))]
          .flat()
          .map((command) => ({ ...command, orElse: failed(step) })),
  );
  const prelude = registry.targets.get(target)!.prelude(() => failed("prelude"));
  return printScript([path, ...prelude, ...steps]).text;
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

/** Every ordering of the target's steps, each with the checker's verdict on `tools`. */
export function classify(
  tools: string,
  node: Node = SEED_NODE,
  target: TargetName = "linuxrc",
): { order: StepName[]; verdict: Verdict }[] {
  return [...permutations(stepsOf(target))].map((order) => ({
    order,
    verdict: checkOrdering(order, tools, node, target),
  }));
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
