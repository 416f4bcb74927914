import { simulate, type BootState, type Simulation } from "../analysis/state.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { DiagnosticBag } from "../diagnostics/report.js";
import type { LineIndex } from "../diagnostics/span.js";
import type { Program } from "../ir/ir.js";
import { checkBondingRules } from "./bonding-rules.js";
import { checkConsistency } from "./consistency.js";
import { checkOptionKernels } from "./kernel-rules.js";
import { CheckContext, type Check, type TargetFacts } from "./context.js";
import { checkOrdering } from "./ordering.js";
import { reportsHold, type CheckInputs } from "./same-program.js";
import { checkVlans } from "./vlan.js";

export interface CheckOutput {
  readonly diagnostics: readonly Diagnostic[];
  readonly states: readonly BootState[];
  /** What the next check of the same file can resume the simulation from. */
  readonly simulation: Simulation;
  /** What the reports were made from, for the next check of the same file (same-program.ts). */
  readonly inputs: CheckInputs;
}

/**
 * Runs every check over the IR, then the rules the program's target and toolset impose
 * (targets/<name>/checks.ts, toolsets/<name>/checks.ts), over the boot states the target's facts
 * start from. Each check only reads the program and reports.
 */
export function runChecks(
  program: Program,
  lines: LineIndex,
  imposed: readonly Check[],
  facts: TargetFacts,
  /** The previous check's output for the same file (a session's); its simulation is used up by this one. */
  previous?: CheckOutput,
): CheckOutput {
  const simulation = simulate(program, facts.bootNicConfigured, previous?.simulation);
  const { states } = simulation;
  const inputs: CheckInputs = { program, imposed, facts };
  if (previous && reportsHold(previous, inputs))
    return { diagnostics: previous.diagnostics, states, simulation, inputs };
  const bag = new DiagnosticBag();
  const ctx = new CheckContext(program, states, bag, lines, facts.handoffEndsScript);
  for (const check of [checkOrdering, checkConsistency, checkBondingRules, checkOptionKernels, checkVlans, ...imposed])
    check(ctx);
  return { diagnostics: bag.items, states, simulation, inputs };
}
