/**
 * Shared by the behaviour tests: compiled .bond files, the scenarios they run in, and the
 * compiler's predicted end state set against what the sandbox's stub kernel was left with.
 */
import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import {
  compile,
  predictEndState,
  type CompileResult,
  type PredictedEndState,
  type PredictedValue,
} from "../../src/index.js";
import { bondingModes } from "../../src/semantic/bonding.js";
import { repoRoot } from "../support/repo.js";
import type { SandboxRun, Scenario } from "../support/sandbox/index.js";
import { resolveInterfaces } from "../support/sandbox/scenario.js";

export interface Compiled {
  /** Base name, as the script names it in its messages: `seed-general.bond`. */
  readonly file: string;
  readonly text: string;
  readonly result: CompileResult;
  readonly script: string;
  readonly processes: number;
  readonly discoveryProcesses: number;
  readonly predicted: PredictedEndState;
}

/** Compile a .bond file; a file that does not compile is a broken fixture, not a finding. */
export function compileFile(path: string): Compiled {
  const text = readFileSync(path, "utf8");
  const result = compile(text, path);
  if (result.script === undefined || result.stats === undefined) {
    const errors = result.diagnostics.map((d) => `${d.code} ${d.message}`).join("\n");
    throw new Error(`${path} does not compile:\n${errors}`);
  }
  return {
    file: basename(path),
    text,
    result,
    script: result.script,
    processes: result.stats.processes,
    discoveryProcesses: result.stats.discoveryProcesses,
    predicted: predictEndState(result),
  };
}

export const compileExample = (name: string): Compiled => compileFile(join(repoRoot, "examples", name));

/** 1-based number of the first line of `text` that starts with `prefix` (after indentation). */
export function lineOf(text: string, prefix: string): number {
  const i = text.split("\n").findIndex((l) => l.trimStart().startsWith(prefix));
  if (i < 0) throw new Error(`no line starts with ${JSON.stringify(prefix)}`);
  return i + 1;
}

/**
 * The firmware gave eth0 another network, another MAC (written in lower case) and a /16: what a
 * discovering script must read rather than assume.
 */
export const RENUMBERED: Scenario = {
  interfaces: {
    eth0: {
      ipv4: "10.1.2.3",
      netmask: "255.255.0.0",
      mac: "52:54:00:ab:cd:ef",
    },
  },
};

/** An interface as the scenario's firmware left it (defaults applied, MAC in upper case). */
export function firmware(scenario: Scenario, iface: string): ReturnType<typeof resolveInterfaces>[number] | undefined {
  return resolveInterfaces(scenario).find((i) => i.name === iface);
}

/** A predicted value as text: a constant, or what the scenario's firmware gave the interface. */
function resolve(value: PredictedValue, scenario: Scenario): string | undefined {
  if (value.kind === "const") return value.text;
  // A scenario has no inventory: the node's own values are test/sandbox/cluster-client.test.ts's.
  if (value.kind === "node") return undefined;
  const nic = firmware(scenario, value.iface);
  switch (value.field) {
    case "inet":
      return nic?.ipv4;
    case "netmask":
      return nic?.netmask;
    case "broadcast":
      return nic?.broadcast;
    case "hwaddr":
      return nic?.mac;
  }
}

/**
 * Where the sandbox's end state differs from the compiler's prediction, in words; [] when it
 * matches. Discovered values are resolved against the scenario's firmware setup.
 */
export function predictionMismatches(predicted: PredictedEndState, run: SandboxRun, scenario: Scenario = {}): string[] {
  const out: string[] = [];
  const differ = (what: string, want: unknown, got: unknown) => {
    if (JSON.stringify(want) !== JSON.stringify(got))
      out.push(`${what}: predicted ${JSON.stringify(want)}, sandbox has ${JSON.stringify(got)}`);
  };
  const { interfaces, modules } = run.state;
  const params = modules.find((m) => m.name === "bonding")?.params ?? {};

  for (const bond of predicted.bonds) {
    const seen = interfaces[bond.name];
    if (seen?.kind !== "bond") {
      out.push(`${bond.name}: predicted, sandbox has no such bond`);
      continue;
    }
    differ(`${bond.name} up`, bond.up, seen.up);
    differ(`${bond.name} slaves`, bond.slaves, seen.slaves);
    differ(`${bond.name} mode`, bondingModes.indexOf(bond.mode), seen.mode);
    differ(`${bond.name} ipv4`, bond.address && resolve(bond.address, scenario), seen.ipv4);
    if (bond.netmask) differ(`${bond.name} netmask`, resolve(bond.netmask, scenario), seen.netmask);
    // Without hwaddr the bond takes its first slave's MAC.
    const mac = bond.hwaddr
      ? resolve(bond.hwaddr, scenario)
      : bond.slaves[0] && firmware(scenario, bond.slaves[0])?.mac;
    differ(`${bond.name} mac`, mac?.toUpperCase(), seen.mac);
    for (const [option, value] of Object.entries(bond.options)) {
      // net-tools can set bonding options only as module parameters.
      if (!value.includes("$")) differ(`bonding module parameter ${option}`, value, params[option]);
    }
  }
  for (const nic of predicted.interfaces) {
    const seen = interfaces[nic.name];
    if (!seen) {
      out.push(`${nic.name}: predicted, sandbox has no such interface`);
      continue;
    }
    if (nic.up !== "unknown") differ(`${nic.name} up`, nic.up, seen.up);
    differ(`${nic.name} master`, nic.master, seen.master);
    // A slave keeps no address of its own: it would route around the bond.
    if (nic.master) differ(`${nic.name} ipv4`, undefined, seen.ipv4);
    else if (nic.address) differ(`${nic.name} ipv4`, resolve(nic.address, scenario), seen.ipv4);
  }
  differ("/proc mounted", predicted.procMounted, run.state.procMounted);
  if (predicted.realRootDev !== undefined) differ("real-root-dev", predicted.realRootDev, run.state.realRootDevValue);
  differ("nfs-root-name", predicted.nfsRootName, run.state.nfsRootName);
  return out;
}
