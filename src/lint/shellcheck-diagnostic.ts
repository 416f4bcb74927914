import { basename } from "node:path";
import type { CompileResult } from "../api/compile.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { makeDiagnostic } from "../diagnostics/report.js";
import { userSpan } from "../ir/ir.js";
import type { ShellcheckFinding } from "../shellcheck/run.js";
import { scriptLineMap } from "./script-map.js";

/**
 * The statement that owns the script's prelude (the failure functions, whose fallback repeats the
 * handoff's writes): the target block, else `on failure`, else the first step. Never line 1 of a
 * file that starts with comments: a finding there would point at no statement at all.
 */
function preludeLine({ program, source }: CompileResult): number {
  const first = program.actions[0];
  return program.target.span?.line ?? program.policy.span?.line ?? (first ? userSpan(first, program.file).line : undefined) ?? source.ast.items[0]?.span.line ?? 1;
}

/**
 * Turns ShellCheck's findings on a compiled file's linuxrc into BOND0901 diagnostics on the .bond
 * lines that produced the offending script lines. bondc promises shellcheck-clean scripts, so
 * every finding, whatever ShellCheck's own level, is a compiler bug and an error.
 */
export function shellcheckDiagnostics(result: CompileResult, findings: readonly ShellcheckFinding[]): Diagnostic[] {
  const script = result.script;
  if (script === undefined || findings.length === 0) return [];
  const { source } = result;
  const toSource = scriptLineMap(script, basename(source.path), preludeLine(result));
  const scriptLines = script.split("\n");
  return findings.map((f) => {
    const line = toSource(f.line);
    const text = source.lines.lineText(line);
    const start = source.lines.lineStart(line);
    const indent = text.length - text.trimStart().length;
    const span = source.lines.span(source.path, start + indent, start + text.trimEnd().length);
    return makeDiagnostic("BOND0901", span, `shellcheck SC${f.code} in the generated linuxrc: ${f.message}`, {
      label: `generated linuxrc line ${f.line} comes from here`,
      notes: [`linuxrc line ${f.line}: ${(scriptLines[f.line - 1] ?? "").trim()}`, `shellcheck ${f.level}; see https://www.shellcheck.net/wiki/SC${f.code}`],
      help: "this is a bondc bug: please report it with this .bond file, and review the generated script before booting with it",
    });
  });
}
