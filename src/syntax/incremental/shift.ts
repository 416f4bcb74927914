/**
 * A copy of `value` (an AST, diagnostics: plain data) with every span moved `offset` characters
 * and `lines` lines down the file. Columns stay: chunks start at the start of a line. This runs
 * over every chunk after an edit, so it is written for speed: plain loops, and spans rebuilt
 * with one fixed shape.
 */
export function shiftSpans<T>(value: T, offset: number, lines: number): T {
  if (offset === 0 && lines === 0) return value;
  const walk = (v: unknown): unknown => {
    if (typeof v !== "object" || v === null) return v;
    if (Array.isArray(v)) {
      const out = new Array<unknown>(v.length);
      for (let i = 0; i < v.length; i++) out[i] = walk(v[i]);
      return out;
    }
    const o = v as Record<string, unknown>;
    if (typeof o["endLine"] === "number" && typeof o["start"] === "number" && typeof o["file"] === "string") {
      // A Span (diagnostics/span.ts).
      const s = o as unknown as {
        file: string;
        start: number;
        end: number;
        line: number;
        column: number;
        endLine: number;
        endColumn: number;
      };
      return {
        file: s.file,
        start: s.start + offset,
        end: s.end + offset,
        line: s.line + lines,
        column: s.column,
        endLine: s.endLine + lines,
        endColumn: s.endColumn,
      };
    }
    const out: Record<string, unknown> = {};
    for (const k in o) out[k] = walk(o[k]);
    return out;
  };
  return walk(value) as T;
}
