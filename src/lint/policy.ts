import type { Diagnostic, Severity } from "../diagnostics/diagnostic.js";

/*
 * What `bondc lint` shows and when it fails. Errors always fail. Warnings are findings too (the
 * examples are warning-free, and a warning is a real problem on a node: no failover, an unused
 * directive), unless --max-warnings allows that many. Notes (severity info) are shown but never
 * fail a run. Diagnostics below --severity are neither shown nor counted: asking for errors only
 * means not being failed by warnings one chose not to see.
 */

const rank: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

export interface LintPolicy {
  /** The least severe diagnostic shown and counted. */
  readonly minSeverity: Severity;
  /** Warnings allowed before the run fails; 0 unless --max-warnings says otherwise. */
  readonly maxWarnings: number;
}

export const defaultPolicy: LintPolicy = { minSeverity: "info", maxWarnings: 0 };

export function visible(diagnostics: readonly Diagnostic[], policy: LintPolicy): Diagnostic[] {
  return diagnostics.filter((d) => rank[d.severity] >= rank[policy.minSeverity]);
}

/** 1 when the shown diagnostics are findings (any error, or more warnings than allowed), else 0. */
export function lintExitCode(shown: readonly Diagnostic[], policy: LintPolicy): 0 | 1 {
  const errors = shown.filter((d) => d.severity === "error").length;
  const warnings = shown.filter((d) => d.severity === "warning").length;
  return errors > 0 || warnings > policy.maxWarnings ? 1 : 0;
}
