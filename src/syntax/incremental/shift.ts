import type { Span } from "../../diagnostics/span.js";

type MutableSpan = { -readonly [K in keyof Span]: Span[K] };

/**
 * Every distinct span object in `value` (an AST, diagnostics: plain data), found once when a chunk
 * is parsed, so that moving the chunk later is a loop over them, not a walk of its tree. A span
 * object met twice (a node sharing its child's span) is listed once, so it is moved once.
 */
export function collectSpans(value: unknown): Span[] {
  const found = new Set<Span>();
  const walk = (v: unknown): void => {
    if (typeof v !== "object" || v === null) return;
    if (Array.isArray(v)) {
      for (const x of v) walk(x);
      return;
    }
    const o = v as Record<string, unknown>;
    if (typeof o["endLine"] === "number" && typeof o["start"] === "number" && typeof o["file"] === "string") {
      found.add(o as unknown as Span);
      return;
    }
    for (const k in o) walk(o[k]);
  };
  walk(value);
  return [...found];
}

/**
 * Moves `spans` `offset` characters and `lines` lines down the file, in place. Columns stay:
 * chunks start at the start of a line. In place, because everything computed from a moved
 * statement (its boot actions, symbols, reports, boot states) holds these very objects and so
 * moves with it: that is what lets a session reuse the analysis of the statements after an edit
 * (api/session.ts). The price: a session's previous result changes under whoever still holds it.
 */
export function moveSpans(spans: readonly Span[], offset: number, lines: number): void {
  if (offset === 0 && lines === 0) return;
  for (const span of spans) {
    const s = span as MutableSpan;
    s.start += offset;
    s.end += offset;
    s.line += lines;
    s.endLine += lines;
  }
}
