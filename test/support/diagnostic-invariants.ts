import type { CheckResult } from "../../src/api/check.js";
import { catalog } from "../../src/diagnostics/catalog.js";
import type { Span } from "../../src/diagnostics/span.js";

const codes = new Set(catalog.map((e) => e.code));

/** Why `span` cannot point into `text` (undefined when it can): lines and columns within the text, start ≤ end. */
function spanProblem(span: Span, text: string, lines: readonly string[]): string | undefined {
  const inside = (line: number, column: number) =>
    Number.isInteger(line) &&
    Number.isInteger(column) &&
    line >= 1 &&
    line <= lines.length &&
    column >= 1 &&
    column <= (lines[line - 1]?.length ?? 0) + 1;
  if (!inside(span.line, span.column)) return `start ${span.line}:${span.column} is outside the text`;
  if (!inside(span.endLine, span.endColumn)) return `end ${span.endLine}:${span.endColumn} is outside the text`;
  if (!(span.start >= 0 && span.start <= span.end && span.end <= text.length))
    return `offsets ${span.start}..${span.end} are not within 0..${text.length}`;
  if (span.endLine < span.line || (span.endLine === span.line && span.endColumn < span.column))
    return "ends before it starts";
  return undefined;
}

/**
 * Everything wrong with a result's diagnostics: codes missing from the catalog, severities that
 * disagree with it, spans (primary and related) that do not fit the file they name. Empty when
 * all is well, so a failing test prints exactly what broke.
 */
export function diagnosticProblems(result: CheckResult): string[] {
  const texts = new Map(
    [result.source, ...result.imports, ...result.inventories.map((i) => ({ path: i.path, text: i.lines.text }))].map(
      (s) => [s.path, { text: s.text, lines: s.text.split("\n") }],
    ),
  );
  const problems: string[] = [];
  for (const d of result.diagnostics) {
    const where = `${d.code} "${d.message}"`;
    if (!codes.has(d.code)) problems.push(`${where}: code is not in the catalog`);
    else if (catalog.find((e) => e.code === d.code)?.severity !== d.severity)
      problems.push(`${where}: severity ${d.severity} differs from the catalog`);
    for (const span of [d.span, ...d.related.map((r) => r.span)]) {
      const file = texts.get(span.file);
      if (file === undefined) {
        problems.push(`${where}: names file ${span.file}, which is not part of the compilation`);
        continue;
      }
      const problem = spanProblem(span, file.text, file.lines);
      if (problem) problems.push(`${where} at ${span.file}:${span.line}:${span.column}: ${problem}`);
    }
  }
  return problems;
}
