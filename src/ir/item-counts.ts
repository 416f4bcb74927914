import type { ItemRecord } from "./item-memo.js";

/*
 * Where each top-level statement's results sit in one lowering's lists. A statement's actions,
 * reports and symbols are contiguous there, in the order of the statements, so a run of
 * statements whose records still hold can be taken from the previous lowering's lists as one
 * slice (ir/lower.ts), instead of statement by statement: that is what makes an edit in a
 * 10,000-line file cost the statements it touched rather than the file. Where a run begins is
 * the sum of what the records before it hold, counted when needed rather than stored per
 * statement (which would be a table to rebuild after every edit).
 */

/** How long each list a lowering fills is, and how many values it has discovered. */
export interface Counts {
  readonly actions: number;
  readonly diagnostics: number;
  readonly definitions: number;
  readonly references: number;
  readonly types: number;
  readonly discoveries: number;
}

/** `counts` moved past what `records[from..to)` hold (a declaration's record is none: it holds nothing). */
export function countPast(
  counts: Counts,
  records: readonly (ItemRecord | undefined)[],
  from: number,
  to: number,
): Counts {
  let { actions, diagnostics, definitions, references, types, discoveries } = counts;
  for (let i = from; i < to; i++) {
    const r = records[i];
    if (!r) continue;
    actions += r.actions.length;
    diagnostics += r.diagnostics.length;
    definitions += r.definitions.length;
    references += r.references.length;
    types += r.types.length;
    discoveries += r.discoveries;
  }
  return { actions, diagnostics, definitions, references, types, discoveries };
}
