import type { BootState } from "../analysis/state.js";
import { simulate } from "../analysis/state.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { DiagnosticBag } from "../diagnostics/report.js";
import type { LineIndex } from "../diagnostics/span.js";
import type { Program } from "../ir/ir.js";
import { checkBondingRules } from "./bonding-rules.js";
import { checkConsistency } from "./consistency.js";
import { checkOptionKernels } from "./kernel-rules.js";
import { CheckContext, type Check } from "./context.js";
import { checkOrdering } from "./ordering.js";
import { checkVlans } from "./vlan.js";

export interface CheckOutput {
  readonly diagnostics: readonly Diagnostic[];
  readonly states: readonly BootState[];
}

/** What the program's target says about the boot around its script. */
export interface TargetFacts {
  /** Steps after the handoff never run (switch_root), rather than before the root is mounted. */
  readonly handoffEndsScript: boolean;
  /** The boot NIC still has the firmware's configuration when the program starts. */
  readonly bootNicConfigured: boolean;
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
  { handoffEndsScript, bootNicConfigured }: TargetFacts,
): CheckOutput {
  const bag = new DiagnosticBag();
  const states = simulate(program, bootNicConfigured);
  const ctx = new CheckContext(program, states, bag, lines, handoffEndsScript);
  for (const check of [checkOrdering, checkConsistency, checkBondingRules, checkOptionKernels, checkVlans, ...imposed])
    check(ctx);
  return { diagnostics: bag.items, states };
}
