import type { Severity } from "../diagnostics/diagnostic.js";
import type { LintReport } from "./lint-report.js";

// `file:line:col: severity: message [CODE]`, the shape editors' and CI tools' compiler-output
// parsers (Vim's errorformat, Emacs' compilation-mode, Problem Matchers) already understand.
// Secondary locations follow as `note:` lines, the way gcc prints "previous declaration here".

const gccSeverity: Record<Severity, string> = { error: "error", warning: "warning", info: "note" };

export function renderGcc(report: LintReport): string {
  const out: string[] = [];
  for (const d of report.diagnostics) {
    out.push(`${d.span.file}:${d.span.line}:${d.span.column}: ${gccSeverity[d.severity]}: ${d.message} [${d.code}]`);
    for (const r of d.related) out.push(`${r.span.file}:${r.span.line}:${r.span.column}: note: ${r.message}`);
  }
  return out.length > 0 ? `${out.join("\n")}\n` : "";
}
