import type { CheckResult } from "../api/check.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { LineIndex } from "../diagnostics/span.js";
import { renderDiagnostic, styleFor } from "../report/human.js";

/** Prints a check result's diagnostics to stderr in the human format. */
export function printDiagnostics(result: CheckResult, diagnostics: readonly Diagnostic[] = result.diagnostics): void {
  const files = new Map<string, LineIndex>([[result.source.path, result.source.lines], ...result.imports.map((s) => [s.path, s.lines] as const)]);
  const style = styleFor(process.stderr);
  for (const d of diagnostics) process.stderr.write(`${renderDiagnostic(d, (f) => files.get(f), style)}\n\n`);
}
