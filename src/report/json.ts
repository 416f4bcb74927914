import { docsLink } from "../diagnostics/catalog.js";
import type { Span } from "../diagnostics/span.js";
import { rootRelative, type LintReport } from "./lint-report.js";

// The json format is one JSON array with an object per diagnostic; docs/lint.md has its schema.
// One document (rather than JSON lines) so `jq`, JSON.parse and every language's parser read it
// whole, and an empty result is the unambiguous `[]`.

function location(root: string, span: Span) {
  return {
    file: rootRelative(root, span.file),
    line: span.line,
    column: span.column,
    endLine: span.endLine,
    endColumn: span.endColumn,
  };
}

export function renderJson(report: LintReport): string {
  const items = report.diagnostics.map((d) => ({
    ...location(report.root, d.span),
    code: d.code,
    severity: d.severity,
    message: d.message,
    related: d.related.map((r) => ({ ...location(report.root, r.span), message: r.message })),
    notes: d.notes,
    help: d.help ?? null,
    docs: docsLink(d.code),
  }));
  return `${JSON.stringify(items, null, 2)}\n`;
}
