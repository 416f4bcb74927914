/* List helpers the layers share (L0: imports nothing). */

/**
 * Appends `from[start..end)` to `into`. A plain loop: V8 compiles it to a tight copy, faster than
 * pushing spread slices (measured: ~10 ns an entry against ~17), and it never grows the stack.
 */
export function appendSlice<T>(into: T[], from: readonly T[], start: number, end: number): void {
  for (let i = start; i < end; i++) into.push(from[i]!);
}

/**
 * The first index in [0, `length`) at which `holds` is true, where it stays true from there on
 * (`length` when it never is): a binary search over anything kept in order.
 */
export function firstWhere(length: number, holds: (index: number) => boolean): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (holds(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Whether two lists hold the very same entries (===), in the same order. */
export const sameList = <T>(a: readonly T[], b: readonly T[]): boolean =>
  a.length === b.length && a.every((x, i) => x === b[i]);
