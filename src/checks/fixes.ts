import type { Fix } from "../diagnostics/diagnostic.js";
import type { LineIndex, Span } from "../diagnostics/span.js";

/*
 * Quick fixes that editors offer for ordering errors. They only touch whole lines of the user's
 * own file; when a step came from a procedure or shares its line with others, no fix is offered
 * rather than a wrong one.
 */

function indentOf(lines: LineIndex, line: number): string {
  return /^[ \t]*/.exec(lines.lineText(line))?.[0] ?? "";
}

function statementText(lines: LineIndex, span: Span): string {
  return lines.text.slice(lines.lineStart(span.line), lines.lineStart(span.endLine + 1));
}

function atLine(lines: LineIndex, file: string, line: number): Span {
  const offset = lines.lineStart(line);
  return lines.span(file, offset, offset);
}

/** Inserts `text` as a new line just before the statement at `before`. */
export function insertLineBefore(lines: LineIndex, before: Span, text: string, title: string): Fix {
  const at = atLine(lines, before.file, before.line);
  return { title, edits: [{ span: at, newText: `${indentOf(lines, before.line)}${text}\n` }] };
}

/** Moves the statement at `span` to just after the statement at `after` (or before `before`). */
export function moveStatement(
  lines: LineIndex,
  span: Span,
  anchor: Span,
  where: "after" | "before",
  title: string,
): Fix | undefined {
  if (lines.text.length === 0) return undefined;
  const text = statementText(lines, span);
  const removal = lines.span(span.file, lines.lineStart(span.line), lines.lineStart(span.endLine + 1));
  const insertLine = where === "after" ? anchor.endLine + 1 : anchor.line;
  const insertion = atLine(lines, span.file, insertLine);
  const newText = text.endsWith("\n") ? text : `${text}\n`;
  return {
    title,
    edits: [
      { span: insertion, newText },
      { span: removal, newText: "" },
    ],
  };
}
