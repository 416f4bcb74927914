import { lookup } from "../diagnostics/catalog.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { makeDiagnostic } from "../diagnostics/report.js";
import type { LineIndex, Span } from "../diagnostics/span.js";
import type { BondFile } from "../syntax/ast.js";

/** The code list ends at a second `#`, which starts a remark (as in ShellCheck's directives). */
const directivePattern = /^#\s*bondc:allow\s+([^#]*)/;

interface Directive {
  readonly codes: { code: string; span: Span }[];
  readonly span: Span;
  /** Lines of the statement it applies to. */
  readonly target?: { line: number; endLine: number };
}

/**
 * `# bondc:allow CODE[, CODE] [# why]` suppresses those warnings on the next statement. Unknown
 * codes, errors and directives that suppress nothing are reported, so no directive is silently dead.
 */
export function applyDirectives(ast: BondFile, lines: LineIndex, diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const directives: Directive[] = [];
  const problems: Diagnostic[] = [];
  for (const comment of ast.comments) {
    const m = directivePattern.exec(comment.text);
    if (!m) continue;
    const codes: { code: string; span: Span }[] = [];
    const listStart = comment.span.start + comment.text.indexOf(m[1]!);
    for (const found of m[1]!.matchAll(/[A-Za-z0-9]+/g)) {
      const start = listStart + found.index;
      codes.push({ code: found[0].toUpperCase(), span: lines.span(comment.span.file, start, start + found[0].length) });
    }
    const next = ast.items.find((i) => i.span.line > comment.span.line);
    directives.push({
      codes,
      span: comment.span,
      ...(next ? { target: { line: next.span.line, endLine: next.span.endLine } } : {}),
    });
  }

  const used = new Set<string>();
  const kept = diagnostics.filter((d) => {
    if (d.severity !== "warning") return true;
    for (const dir of directives) {
      if (!dir.target || d.span.file !== ast.span.file) continue;
      if (d.span.line < dir.target.line || d.span.line > dir.target.endLine) continue;
      const hit = dir.codes.find((c) => c.code === d.code);
      if (hit) {
        used.add(`${hit.span.start}`);
        return false;
      }
    }
    return true;
  });

  for (const dir of directives) {
    for (const { code, span } of dir.codes) {
      const entry = lookup(code);
      if (!entry) {
        problems.push(
          makeDiagnostic("BOND0601", span, `\`${code}\` is not a bondc diagnostic code`, {
            help: "see `bondc explain` or docs/diagnostics.md for the codes",
          }),
        );
      } else if (entry.severity === "error") {
        problems.push(
          makeDiagnostic("BOND0602", span, `${code} is an error and cannot be suppressed`, {
            notes: [`${code}: ${entry.summary}`],
            help: "fix the error instead",
          }),
        );
      } else if (!used.has(`${span.start}`)) {
        problems.push(
          makeDiagnostic("BOND0603", span, `nothing on the next statement produces ${code}`, {
            help: "remove the directive",
          }),
        );
      }
    }
  }
  return [...kept, ...problems];
}
