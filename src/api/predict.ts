import { predictState, type PredictedEndState } from "../analysis/end-state.js";
import type { HandoffAction } from "../ir/ir.js";
import { registry as defaultRegistry, type Registry } from "../registry/registry.js";
import type { CheckResult } from "./check.js";

/**
 * What the node must look like when its script has finished, according to the compiler: the
 * interfaces the steps leave behind and what the target promises of the handoff. The QEMU harness
 * and the sandbox compare it with what they observe.
 */
export function predictEndState(result: CheckResult, registry: Registry = defaultRegistry): PredictedEndState {
  const { program, states } = result;
  const handoff = program.actions.find((a): a is HandoffAction => a.kind === "handoff");
  const target = registry.targets.get(program.target.name);
  return predictState(program, states, handoff && target ? target.promise(handoff) : {});
}
