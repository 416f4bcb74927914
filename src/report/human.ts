import type { Diagnostic, Severity } from "../diagnostics/diagnostic.js";
import type { LineIndex, Span } from "../diagnostics/span.js";

/*
 * rustc-style rendering: `error[CODE]: message`, `--> file:line:col`, the source line with the
 * span underlined and labelled, secondary spans with `-`, then `= note:` and `= help:` lines.
 */

export interface Style {
  bold(s: string): string;
  severity(sev: Severity, s: string): string;
  accent(s: string): string;
}

const esc = (code: string) => (s: string) => `\x1b[${code}m${s}\x1b[0m`;

export const colourStyle: Style = {
  bold: esc("1"),
  severity: (sev, s) => (sev === "error" ? esc("1;31")(s) : sev === "warning" ? esc("1;33")(s) : esc("1;36")(s)),
  accent: esc("1;34"),
};

export const plainStyle: Style = { bold: (s) => s, severity: (_, s) => s, accent: (s) => s };

/** Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function styleFor(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv = process.env): Style {
  if (env["NO_COLOR"] !== undefined && env["NO_COLOR"] !== "") return plainStyle;
  if (env["FORCE_COLOR"] !== undefined && env["FORCE_COLOR"] !== "0") return colourStyle;
  return stream.isTTY ? colourStyle : plainStyle;
}

export type LinesOf = (file: string) => LineIndex | undefined;

interface Snippet {
  readonly span: Span;
  readonly text: string;
  readonly primary: boolean;
}

function underline(span: Span, lineText: string, primary: boolean): string {
  const start = span.column - 1;
  const end = span.endLine === span.line ? span.endColumn - 1 : lineText.length;
  const width = Math.max(1, end - start);
  return " ".repeat(start) + (primary ? "^" : "-").repeat(width);
}

/**
 * A source line as it may go to a terminal: a tab becomes one space and a control character
 * U+FFFD, one column each, so the underline stays aligned and a stray ESC in a file cannot drive
 * the user's terminal.
 */
function printable(line: string): string {
  return line.replace(/\t/g, " ").replace(/[\u0000-\u001f\u007f-\u009f]/g, "\ufffd");
}

export function renderDiagnostic(d: Diagnostic, linesOf: LinesOf, style: Style = plainStyle): string {
  const snippets: Snippet[] = [
    { span: d.span, text: d.label ?? "", primary: true },
    ...d.related.map((r) => ({ span: r.span, text: r.message, primary: false })),
  ];
  const gutter = Math.max(...snippets.map((s) => String(s.span.line).length));
  const pad = " ".repeat(gutter);
  const bar = style.accent("|");
  const out: string[] = [];
  out.push(`${style.severity(d.severity, `${d.severity}[${d.code}]`)}${style.bold(`: ${d.message}`)}`);
  for (const [i, s] of snippets.entries()) {
    const arrow = i === 0 ? "-->" : ":::";
    out.push(`${pad}${style.accent(arrow)} ${s.span.file}:${s.span.line}:${s.span.column}`);
    const lines = linesOf(s.span.file);
    if (!lines) continue;
    const text = printable(lines.lineText(s.span.line));
    const mark = underline(s.span, text, s.primary);
    const marked = s.primary ? style.severity(d.severity, mark) : style.accent(mark);
    out.push(`${pad} ${bar}`);
    out.push(`${style.accent(String(s.span.line).padStart(gutter))} ${bar} ${text}`);
    out.push(
      `${pad} ${bar} ${marked}${s.text ? ` ${s.primary ? style.severity(d.severity, s.text) : style.accent(s.text)}` : ""}`,
    );
  }
  if (d.notes.length > 0 || d.help) out.push(`${pad} ${bar}`);
  for (const note of d.notes) out.push(`${pad} ${style.accent("=")} ${style.bold("note")}: ${note}`);
  if (d.help) out.push(`${pad} ${style.accent("=")} ${style.bold("help")}: ${d.help}`);
  return out.join("\n");
}

export function summarise(diagnostics: readonly Diagnostic[]): string {
  const count = (sev: Severity) => diagnostics.filter((d) => d.severity === sev).length;
  const parts: string[] = [];
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? "" : "s"}`;
  if (count("error") > 0) parts.push(plural(count("error"), "error"));
  if (count("warning") > 0) parts.push(plural(count("warning"), "warning"));
  if (count("info") > 0) parts.push(plural(count("info"), "note"));
  return parts.join(", ");
}
