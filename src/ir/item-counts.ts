import type { Definition, Reference, TypedSpan } from "../semantic/symbols.js";
import type { Action } from "./ir.js";
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

/** What one top-level statement of the root file produced: its own part of each of a lowering's lists. */
export interface StatementOutputs {
  /** Where its actions begin in the program's actions. */
  readonly firstAction: number;
  readonly actions: readonly Action[];
  readonly definitions: readonly Definition[];
  readonly references: readonly Reference[];
  readonly types: readonly TypedSpan[];
}

/**
 * The root file's top-level statements' results, one statement at a time: what an editor asks
 * about the statement under the cursor is in that statement's part of the lists (a procedure's
 * body expanded by a call there included), so it need not index the whole file's lists to find it.
 */
export class StatementTable {
  constructor(
    private readonly records: readonly (ItemRecord | undefined)[],
    /** The counts before the first item: what hoisting the procedures put in the lists. */
    private readonly base: Counts,
  ) {}

  /** Item `index` of the root file's items: undefined for a declaration, which records nothing. */
  outputs(index: number): StatementOutputs | undefined {
    const record = this.records[index];
    if (!record) return undefined;
    return {
      firstAction: this.actionsFrom(index),
      actions: record.actions,
      definitions: record.definitions,
      references: record.references,
      types: record.types,
    };
  }

  /** Where the actions of the items from `index` on begin in the program's actions. */
  actionsFrom(index: number): number {
    return countPast(this.base, this.records, 0, index).actions;
  }
}
