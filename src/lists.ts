/* List helpers the layers share (L0: imports nothing). */

/**
 * Appends `from[start..end)` to `into`, by native copies of bounded slices (a loop of single
 * pushes costs as much as lowering the statements again; one spread of a whole list could
 * overflow the stack).
 */
export function appendSlice<T>(into: T[], from: readonly T[], start: number, end: number): void {
  const STEP = 8192;
  for (let i = start; i < end; i += STEP) into.push(...from.slice(i, Math.min(end, i + STEP)));
}
