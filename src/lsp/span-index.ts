import { firstWhere } from "../lists.js";

/*
 * Where in a list of placed things (names, expressions, statements, boot actions) an offset
 * falls, answered without looking at all of them: a request on a 10,000-line file must not cost
 * the file. The entries are sorted by start, with the greatest end so far beside each: from the
 * last entry that starts at or before the offset, walking back stops where no entry at or before
 * it reaches the offset. Names and expressions lie inside one statement, so the walk covers that
 * statement's entries, not the file's. Built once per check (a request after an edit builds it),
 * so it is made of flat arrays of numbers, sorted only when the list is not in order already (a
 * check records a file mostly top to bottom).
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
  /** The entries' indices in the list, by place. */
  private readonly orders: Int32Array;
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  /** The greatest end among the first i + 1 entries. */
  private readonly reach: Int32Array;
  /** The least list index among entries i and after, made on the first firstFrom(). */
  private leastAfter?: Int32Array;

  /**
   * The entries of `list` that `place` places (undefined: leave it out). `firstOfSame`: of
   * entries with the very same place, keep only the first. Right for a caller that wants the
   * first (or the smallest) span at an offset, and it keeps the walk short where a procedure's
   * body has an entry per call at each of its names.
   */
  constructor(
    private readonly list: readonly T[],
    place: (item: T) => Placed | undefined,
    firstOfSame = false,
  ) {
    const n = list.length;
    let orders = new Int32Array(n);
    let starts = new Int32Array(n);
    let ends = new Int32Array(n);
    let m = 0;
    let sorted = true;
    for (let i = 0; i < n; i++) {
      const at = place(list[i]!);
      if (!at) continue;
      if (m > 0 && (at.start < starts[m - 1]! || (at.start === starts[m - 1] && at.end < ends[m - 1]!))) sorted = false;
      orders[m] = i;
      starts[m] = at.start;
      ends[m] = at.end;
      m++;
    }
    if (!sorted && !insertionSorted(orders, starts, ends, m)) {
      // Far from order (a procedure's body is recorded again at each of its calls): a full sort.
      const by = Array.from({ length: m }, (_, k) => k).sort((a, b) => before(orders, starts, ends, a, b));
      const permute = (values: Int32Array) => Int32Array.from(by, (k) => values[k]!);
      [orders, starts, ends] = [permute(orders), permute(starts), permute(ends)];
    }
    let kept = 0;
    for (let k = 0; k < m; k++) {
      if (firstOfSame && kept > 0 && starts[kept - 1] === starts[k] && ends[kept - 1] === ends[k]) continue;
      orders[kept] = orders[k]!;
      starts[kept] = starts[k]!;
      ends[kept] = ends[k]!;
      kept++;
    }
    this.orders = orders.subarray(0, kept);
    this.starts = starts.subarray(0, kept);
    this.ends = ends.subarray(0, kept);
    this.reach = new Int32Array(kept);
    for (let k = 0; k < kept; k++) this.reach[k] = Math.max(ends[k]!, k > 0 ? this.reach[k - 1]! : ends[k]!);
  }

  /** The entries whose place contains `offset`, its end included (the cursor may sit just after a name), in list order. */
  containing(offset: number): Found<T>[] {
    const out: Found<T>[] = [];
    for (let k = firstAfter(this.starts, offset) - 1; k >= 0 && this.reach[k]! >= offset; k--)
      if (this.ends[k]! >= offset) out.push({ item: this.list[this.orders[k]!]!, order: this.orders[k]! });
    return out.sort((a, b) => a.order - b.order);
  }

  /** The list indices, ascending, of the entries that start from `from` to `to` and end by `endBy` (offsets are whole numbers). */
  startingIn(from: number, to: number, endBy = Infinity): number[] {
    const out: number[] = [];
    const last = firstAfter(this.starts, to);
    for (let k = firstAfter(this.starts, from - 1); k < last; k++)
      if (this.ends[k]! <= endBy) out.push(this.orders[k]!);
    return out.sort((a, b) => a - b);
  }

  /** The least list index of the entries that start at or after `offset`; -1 when none does. */
  firstFrom(offset: number): number {
    if (!this.leastAfter) {
      const least = Int32Array.from(this.orders);
      for (let k = least.length - 2; k >= 0; k--) least[k] = Math.min(least[k]!, least[k + 1]!);
      this.leastAfter = least;
    }
    return this.leastAfter[firstAfter(this.starts, offset - 1)] ?? -1;
  }
}

/** By start, then end (entries with the very same place become neighbours), then list order: a's place - b's. */
function before(orders: Int32Array, starts: Int32Array, ends: Int32Array, a: number, b: number): number {
  return starts[a]! - starts[b]! || ends[a]! - ends[b]! || orders[a]! - orders[b]!;
}

/**
 * Sorts the first m entries in place by insertion, for a list mostly in order (an `up` block
 * records its subject's type after its settings'), whose cost is how far entries move; gives up,
 * leaving them in an order of no use, when that passes a few moves an entry.
 */
function insertionSorted(orders: Int32Array, starts: Int32Array, ends: Int32Array, m: number): boolean {
  let budget = 8 * m;
  for (let k = 1; k < m; k++) {
    const [order, start, end] = [orders[k]!, starts[k]!, ends[k]!];
    let j = k - 1;
    while (j >= 0 && (starts[j]! - start || ends[j]! - end || orders[j]! - order) > 0) {
      if (--budget < 0) return false;
      orders[j + 1] = orders[j]!;
      starts[j + 1] = starts[j]!;
      ends[j + 1] = ends[j]!;
      j--;
    }
    orders[j + 1] = order;
    starts[j + 1] = start;
    ends[j + 1] = end;
  }
  return true;
}

/** The index of the first of the ascending `values` greater than `value` (values.length when none is). */
const firstAfter = (values: Int32Array, value: number): number => firstWhere(values.length, (i) => values[i]! > value);
