/*
 * Where two texts differ: the incremental parser's first step on every edit, over the whole of a
 * long file, so it compares blocks (a slice shares its text's characters, and `===` of two strings
 * compares them at memory speed) and reads characters one by one only inside the block that
 * differs.
 */

/** The characters compared at once: large enough that a slice's cost is noise beside it. */
const BLOCK = 1024;

/** The length of the longest common prefix of `a` and `b`. */
export function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i + BLOCK <= n && a.slice(i, i + BLOCK) === b.slice(i, i + BLOCK)) i += BLOCK;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/** The common suffix of `a` and `b`, at most `limit` long (so it never overlaps the common prefix). */
export function commonSuffix(a: string, b: string, limit: number): number {
  let i = 0;
  while (
    i + BLOCK <= limit &&
    a.slice(a.length - i - BLOCK, a.length - i) === b.slice(b.length - i - BLOCK, b.length - i)
  )
    i += BLOCK;
  while (i < limit && a.charCodeAt(a.length - 1 - i) === b.charCodeAt(b.length - 1 - i)) i++;
  return i;
}

/** A change of a text: its first `prefix` and last `suffix` characters stayed, what lies between was replaced. */
export interface TextEdit {
  readonly prefix: number;
  readonly suffix: number;
}

/** The edit that turns `before` into `after`: the least that was replaced. */
export function editBetween(before: string, after: string): TextEdit {
  const prefix = commonPrefix(before, after);
  return { prefix, suffix: commonSuffix(before, after, Math.min(before.length, after.length) - prefix) };
}

/**
 * Whether `after`, made from a text without a lone carriage return (one not followed by `\n`) by
 * `edit`, has one: only one in the replaced part can be, or the one just before it, whose next
 * character may have changed; every other one is followed by what followed it before.
 */
export function editAddsLoneCarriageReturn(after: string, edit: TextEdit): boolean {
  const end = after.length - edit.suffix;
  for (let i = Math.max(0, edit.prefix - 1); i < end; i++) {
    if (after.charCodeAt(i) === 13 && after.charCodeAt(i + 1) !== 10) return true;
  }
  return false;
}
