// Boot a compiled .bond file and judge the result against the compiler's own prediction: the
// one step `bondc boot`, the boot tests and the boot benchmark share.

import type { CompileResult } from "../api/compile.js";
import type { PredictedEndState } from "../analysis/end-state.js";
import { predictEndState } from "../api/predict.js";
import { compareEndState } from "./compare.js";
import { bootLinuxrc, type BootOptions } from "./harness.js";
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
