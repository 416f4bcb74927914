// Boot a compiled .bond file and judge the result against the compiler's own prediction: the
// one step `bondc boot`, the boot tests and the boot benchmark share. bootCompiled boots a
// `target linuxrc` script, bootCompiledInit a `target initramfs` one to its NFS root.

import type { CompileResult } from "../api/compile.js";
import type { PredictedEndState } from "../analysis/end-state.js";
import { predictEndState } from "../api/predict.js";
import { planOf } from "../image/build.js";
import type { HandoffAction } from "../ir/ir.js";
import { bootInit, type InitBoot, type InitBootOptions, type InitScenario } from "./boot-init.js";
import { compareEndState, compareRootState } from "./compare.js";
import { NFS_SERVER_IP } from "./nfs-server.js";
import { bootLinuxrc, HarnessLimit, type BootOptions } from "./harness.js";
import type { BootObservation } from "./observe.js";
import type { BootScenario } from "./scenario.js";

export interface CompiledBoot {
  readonly observation: BootObservation;
  readonly predicted: PredictedEndState;
  /** Empty when the kernel ended in the predicted state. */
  readonly mismatches: readonly string[];
}

/** `compiled` must have compiled without errors (it has a script). */
export async function bootCompiled(
  compiled: CompileResult,
  scenario: BootScenario = {},
  options: BootOptions = {},
): Promise<CompiledBoot> {
  if (compiled.script === undefined) throw new Error(`${compiled.source.path} has errors; there is no linuxrc to boot`);
  const observation = await bootLinuxrc(compiled.script, scenario, options);
  const predicted = predictEndState(compiled);
  return { observation, predicted, mismatches: compareEndState(predicted, observation, scenario) };
}

export interface CompiledInitBoot {
  readonly boot: InitBoot;
  readonly predicted: PredictedEndState;
  /** `server:path` the /init mounts, as the handoff names it. */
  readonly root: string;
  /** Empty when the NFS root's init reported the predicted state. */
  readonly mismatches: readonly string[];
}

/**
 * Boot a compiled `target initramfs` program: the image `bondc build` makes for it (with QEMU's NIC
 * drivers, see init-initramfs.ts), the NFS root
 * served under the handoff's path, as many NICs as the program names (eth0..eth3, at least two),
 * and the NFS root's report judged against the prediction (compareRootState). `scenario` may add
 * a load or faults; its nfsPath and nics default to the program's.
 */
export async function bootCompiledInit(
  compiled: CompileResult,
  scenario: InitScenario = {},
  options: InitBootOptions = {},
): Promise<CompiledInitBoot> {
  if (compiled.script === undefined) throw new Error(`${compiled.source.path} has errors; there is no /init to boot`);
  const handoff = compiled.program.actions.find((a): a is HandoffAction => a.kind === "handoff");
  const server = handoff?.nfsServer?.kind === "const" ? handoff.nfsServer.text : undefined;
  const path = handoff?.nfsPath?.kind === "const" ? handoff.nfsPath.text : undefined;
  if (!server || !path)
    throw new HarnessLimit(`${compiled.source.path}: no NFS handoff with a constant server and path to serve`);
  if (server !== NFS_SERVER_IP)
    throw new HarnessLimit(
      `${compiled.source.path}: the harness serves the NFS root as ${NFS_SERVER_IP}, not ${server}`,
    );
  const predicted = predictEndState(compiled);
  const highest = Math.max(1, ...predicted.interfaces.map((i) => Number(/^eth(\d+)$/.exec(i.name)?.[1] ?? "0")));
  // With eth1 absent the guest has eth0 alone, whatever the program names.
  const nics = scenario.eth1 === "absent" ? {} : { nics: Math.min(4, highest + 1) };
  // A root over a VLAN reaches the server through the harness's 802.1Q access port for it.
  const vlan = [...compiled.program.interfaces.values()].find((i) => i.vlan)?.vlan;
  const relay = vlan ? { vlan: vlan.id } : {};
  // The image bondc build makes for the program (planOf), not the script alone.
  const boot = await bootInit(planOf(compiled), { nfsPath: path, ...nics, ...relay, ...scenario }, options);
  const root = `${server}:${path}`;
  return { boot, predicted, root, mismatches: compareRootState(predicted, boot, root) };
}
