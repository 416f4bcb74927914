import type { BootState } from "../analysis/state.js";
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

export interface CheckReports {
  readonly diagnostics: readonly Diagnostic[];
  /** What the reports were made from, for the next check of the same file (same-program.ts). */
  readonly inputs: CheckInputs;
}

/**
 * Runs every check over the IR, then the rules the program's target and toolset impose
 * (targets/<name>/checks.ts, toolsets/<name>/checks.ts), over the boot states the target's facts
 * start from (analysis/state.ts's simulate(), which the caller runs: an editor's hover wants the
 * states without the checks). Each check only reads the program and reports.
 */
export function runChecks(
  program: Program,
  lines: LineIndex,
  states: readonly BootState[],
  imposed: readonly Check[],
  facts: TargetFacts,
  /**
   * The reports of the last check of the same file that ran the checks (a session's), taken over
   * when they hold for this program. Checks that stopped short of the checks in between leave
   * them valid: they are a function of the program, which carries its spans with it.
   */
  previous?: CheckReports,
): CheckReports {
  const inputs: CheckInputs = { program, imposed, facts };
  if (previous && reportsHold(previous, inputs)) return { diagnostics: previous.diagnostics, inputs };
  const bag = new DiagnosticBag();
  const ctx = new CheckContext(program, states, bag, lines, facts.handoffEndsScript);
  for (const check of [checkOrdering, checkConsistency, checkBondingRules, checkOptionKernels, checkVlans, ...imposed])
    check(ctx);
  return { diagnostics: bag.items, inputs };
}
