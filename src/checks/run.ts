import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { DiagnosticBag } from "../diagnostics/report.js";
import type { LineIndex } from "../diagnostics/span.js";
import type { Program } from "../ir/ir.js";
import { checkBondingRules } from "./bonding-rules.js";
import { checkConsistency } from "./consistency.js";
import { CheckContext } from "./context.js";
import { checkOrdering } from "./ordering.js";
import { simulate, type BootState } from "./state.js";

export interface CheckOutput {
  readonly diagnostics: readonly Diagnostic[];
  readonly states: readonly BootState[];
}

/** Runs every check over the IR. Each check only reads the program and reports. */
export function runChecks(program: Program, lines: LineIndex): CheckOutput {
  const bag = new DiagnosticBag();
  const states = simulate(program);
  const ctx = new CheckContext(program, states, bag, lines);
  checkOrdering(ctx);
  checkConsistency(ctx);
  checkBondingRules(ctx);
  return { diagnostics: bag.items, states };
}
