/*
 * Where each top-level statement's results begin in one lowering's lists. A statement's actions,
 * reports and symbols are contiguous in those lists, so a run of statements whose records still
 * hold can be taken from the previous lowering's lists as one slice (ir/lower.ts), instead of
 * statement by statement: that is what makes an edit in a 10,000-line file cost the statements
 * it touched rather than the file.
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

const FIELDS = 6;

/** The counts before each statement, and after the last, in one flat array of numbers. */
export class ItemOffsets {
  private readonly data: number[] = [];

  get length(): number {
    return this.data.length / FIELDS;
  }

  push(c: Counts): void {
    this.data.push(c.actions, c.diagnostics, c.definitions, c.references, c.types, c.discoveries);
  }

  at(k: number): Counts {
    const i = k * FIELDS;
    const d = this.data;
    return {
      actions: d[i]!,
      diagnostics: d[i + 1]!,
      definitions: d[i + 2]!,
      references: d[i + 3]!,
      types: d[i + 4]!,
      discoveries: d[i + 5]!,
    };
  }

  /**
   * Appends `from`'s entries `start` to `end` (exclusive), each moved by `to - from.at(start)`:
   * a run of statements taken from another lowering, now starting where `to` says.
   */
  appendShifted(from: ItemOffsets, start: number, end: number, to: Counts): void {
    const base = from.at(start);
    const delta = [
      to.actions - base.actions,
      to.diagnostics - base.diagnostics,
      to.definitions - base.definitions,
      to.references - base.references,
      to.types - base.types,
      to.discoveries - base.discoveries,
    ];
    const d = from.data;
    for (let i = start * FIELDS; i < end * FIELDS; i++) this.data.push(d[i]! + delta[i % FIELDS]!);
  }
}
