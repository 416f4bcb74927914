import type { CheckResult } from "../api/check.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { LineIndex } from "../diagnostics/span.js";
import { renderDiagnostic, styleFor, type LinesOf } from "../report/human.js";

/** Prints a check result's diagnostics to stderr in the human format. */
export function printDiagnostics(result: CheckResult, diagnostics: readonly Diagnostic[] = result.diagnostics): void {
  const files = new Map<string, LineIndex>([
    [result.source.path, result.source.lines],
    ...result.imports.map((s) => [s.path, s.lines] as const),
    ...result.inventories.map((i) => [i.path, i.lines] as const),
  ]);
  printDiagnosticList(diagnostics, (f) => files.get(f));
}

/** Prints diagnostics to stderr in the human format; `linesOf` supplies the source lines they quote. */
export function printDiagnosticList(diagnostics: readonly Diagnostic[], linesOf: LinesOf): void {
  const style = styleFor(process.stderr);
  for (const d of diagnostics) process.stderr.write(`${renderDiagnostic(d, linesOf, style)}\n\n`);
}
