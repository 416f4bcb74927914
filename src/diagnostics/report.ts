import { entry, type Code } from "./catalog.js";
import type { Diagnostic, Fix, Label } from "./diagnostic.js";
import type { Span } from "./span.js";

export interface ReportDetails {
  readonly label?: string;
  readonly related?: readonly Label[];
  readonly notes?: readonly string[];
  readonly help?: string;
  readonly fixes?: readonly Fix[];
}

/** Builds a diagnostic whose severity comes from the catalog, so no call site can disagree with it. */
export function makeDiagnostic(code: Code, span: Span, message: string, details: ReportDetails = {}): Diagnostic {
  return {
    code,
    severity: entry(code).severity,
    message,
    span,
    ...(details.label !== undefined ? { label: details.label } : {}),
    related: details.related ?? [],
    notes: details.notes ?? [],
    ...(details.help !== undefined ? { help: details.help } : {}),
    fixes: details.fixes ?? [],
  };
}

/** Collects diagnostics for one compilation; passes append, nobody removes. */
export class DiagnosticBag {
  readonly items: Diagnostic[] = [];

  report(code: Code, span: Span, message: string, details?: ReportDetails): void {
    this.items.push(makeDiagnostic(code, span, message, details));
  }

  get hasErrors(): boolean {
    return this.items.some((d) => d.severity === "error");
  }
}
