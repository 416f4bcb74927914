import type { Span } from "./span.js";

export type Severity = "error" | "warning" | "info";

/** A secondary location that explains the primary one ("bond0 is brought up here"). */
export interface Label {
  readonly span: Span;
  readonly message: string;
}

/** A text edit a quick fix applies; `span` is replaced by `newText`. */
export interface TextEdit {
  readonly span: Span;
  readonly newText: string;
}

/** A mechanical fix an editor can offer; the CLI prints its title as help. */
export interface Fix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
}

export interface Diagnostic {
  readonly code: string;
  readonly severity: Severity;
  /** What is wrong, specific to this occurrence: "bond0 is configured before the bonding module is loaded". */
  readonly message: string;
  readonly span: Span;
  /** Text under the primary span's underline. */
  readonly label?: string;
  readonly related: readonly Label[];
  /** Why it matters. */
  readonly notes: readonly string[];
  /** How to fix it. */
  readonly help?: string;
  readonly fixes: readonly Fix[];
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return a.span.file.localeCompare(b.span.file) || a.span.start - b.span.start || a.code.localeCompare(b.code);
}
