/*
 * Which of many spans contain an offset, answered without looking at all of them: a request on a
 * 10,000-line file must not cost the file. The spans are sorted by start, with the greatest end
 * so far beside each: from the last span that starts at or before the offset, walking back stops
 * where no span at or before it reaches the offset. Names and expressions lie inside one
 * statement, so the walk covers that statement's spans, not the file's.
 */

/** What an entry needs to be indexed: its place, as in a Span. */
export interface Placed {
  readonly start: number;
  readonly end: number;
}

/** An entry found: `order` is its index in the list the index was built from. */
export interface Found<T> {
  readonly item: T;
  readonly order: number;
}

export class SpanIndex<T> {
  private readonly entries: Found<T>[];
  private readonly starts: number[];
  private readonly ends: number[];
  /** The greatest end among entries[0..i]. */
  private readonly reach: number[];

  /**
   * `firstOfSame`: of entries with the very same place, keep only the first. Right for a caller
   * that wants the first (or the smallest) span at an offset, and it keeps the walk short where
   * a procedure's body has an entry per call at each of its names.
   */
  constructor(items: readonly T[], place: (item: T) => Placed, firstOfSame = false) {
    const seen = firstOfSame ? new Set<string>() : undefined;
    const entries: Found<T>[] = [];
    items.forEach((item, order) => {
      if (seen) {
        const { start, end } = place(item);
        const key = `${start}:${end}`;
        if (seen.has(key)) return;
        seen.add(key);
      }
      entries.push({ item, order });
    });
    // Stable: entries with one start stay in list order.
    entries.sort((a, b) => place(a.item).start - place(b.item).start);
    this.entries = entries;
    this.starts = entries.map((e) => place(e.item).start);
    this.ends = entries.map((e) => place(e.item).end);
    this.reach = [];
    let reach = -Infinity;
    for (const end of this.ends) this.reach.push((reach = Math.max(reach, end)));
  }

  /** The entries whose place contains `offset`, its end included (the cursor may sit just after a name), in list order. */
  containing(offset: number): Found<T>[] {
    const out: Found<T>[] = [];
    for (let i = firstAfter(this.starts, offset) - 1; i >= 0 && this.reach[i]! >= offset; i--)
      if (this.ends[i]! >= offset) out.push(this.entries[i]!);
    return out.sort((a, b) => a.order - b.order);
  }
}

/** The index of the first of the ascending `values` greater than `value` (values.length when none is). */
export function firstAfter(values: readonly number[], value: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The index of the first of the ascending `values` at least `value` (values.length when none is). */
export function firstFrom(values: readonly number[], value: number): number {
  return firstAfter(values, value - 1);
}
