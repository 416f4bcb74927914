import { basename } from "node:path";
import type { CompileResult } from "../api/compile.js";
import { originOf } from "../backend/source-map.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { makeDiagnostic } from "../diagnostics/report.js";
import { userSpan } from "../ir/ir.js";
import type { ShellcheckFinding } from "../shellcheck/run.js";

/**
 * Turns ShellCheck's findings on a compiled file's script into BOND0901 diagnostics on the .bond
 * statements that produced the offending script lines (the script's source map says which).
 * bondc promises shellcheck-clean scripts, so every finding, whatever ShellCheck's own level, is a
 * compiler bug and an error.
 */
export function shellcheckDiagnostics(result: CompileResult, findings: readonly ShellcheckFinding[]): Diagnostic[] {
  const script = result.artifacts[0];
  if (script === undefined || findings.length === 0) return [];
  const name = basename(script.path);
  const scriptLines = script.content.split("\n");
  return findings.flatMap((f) => {
    const origin = originOf(script.sourceMap, f.line);
    if (!origin) return [];
    return [
      makeDiagnostic("BOND0901", origin.span, `shellcheck SC${f.code} in the generated ${name}: ${f.message}`, {
        label: `generated ${name} line ${f.line} comes from here`,
        notes: [`${name} line ${f.line}: ${(scriptLines[f.line - 1] ?? "").trim()}`, `shellcheck ${f.level}; see https://www.shellcheck.net/wiki/SC${f.code}`],
        help: "this is a bondc bug: please report it with this .bond file, and review the generated script before booting with it",
      }),
    ];
  });
}
