/*
 * Kernel versions as values: what `target … { kernel "6.1" }` means, how two versions compare,
 * and the shape of a fact from the kernel's history ("this appeared in 2.6.16", "this was removed
 * in 7.0") with the source it comes from. The facts themselves live where the knowledge is: the
 * bonding driver's options in bonding.ts, a target's or a toolset's own kernels beside it.
 */

/** A parsed kernel version: its leading numbers (6.1.0-56-cloud-amd64 is 6.1.0) and the text as written. */
export interface KernelVersion {
  readonly numbers: readonly number[];
  readonly text: string;
}

/** What every message about an unreadable version says a version looks like. */
export const kernelVersionShape =
  'a kernel version is two or three numbers separated by dots, as `uname -r` begins: "2.6.32", "6.1", "6.1.0-56-cloud-amd64"';

/**
 * Reads the leading MAJOR.MINOR[.PATCH] of a kernel release string, as `uname -r` prints it;
 * whatever follows the numbers (-56-cloud-amd64, -rc1, +) is the distribution's and ignored.
 * Undefined when the text does not start with at least MAJOR.MINOR.
 */
export function parseKernelVersion(text: string): KernelVersion | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})(?:\.(\d{1,4}))?(?:\.(\d{1,4}))?/.exec(text);
  if (!m) return undefined;
  // 2.6.32.27 (the 2.6 stable series), "6.1-rc1" and "6.1.0-56-cloud-amd64" are versions; "6.1." is not.
  const rest = text.slice(m[0].length);
  if (/^[.\d]/.test(rest)) return undefined;
  const numbers = [m[1], m[2], m[3], m[4]].filter((n): n is string => n !== undefined).map(Number);
  return { numbers, text };
}

/** Negative when a is older than b, 0 when the same, positive when newer; missing numbers count as 0. */
export function compareKernels(a: KernelVersion, b: KernelVersion): number {
  for (let i = 0; i < Math.max(a.numbers.length, b.numbers.length); i++) {
    const d = (a.numbers[i] ?? 0) - (b.numbers[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** The tables' versions, parsed once: the checks ask for one per bonding option of every step. */
const tableVersions = new Map<string, KernelVersion>();

/** A version known to parse, for the tables of this program (throws on a typo in a table). */
export function kernel(text: string): KernelVersion {
  let v = tableVersions.get(text);
  if (!v) {
    v = parseKernelVersion(text);
    if (!v) throw new Error(`not a kernel version: ${text}`);
    tableVersions.set(text, v);
  }
  return v;
}

/** The leading numbers only, as messages name a version ("6.1.0", not "6.1.0-56-cloud-amd64"). */
export function kernelNumbers(v: KernelVersion): string {
  return v.numbers.join(".");
}

/**
 * One fact from the kernel's history: the first version that has something, or the first that no
 * longer has it, with where that is written down (commit or driver version, and the section of
 * Documentation/ that describes it).
 */
export interface KernelFact {
  readonly version: string;
  /** Why the version matters, in one clause for messages ("the kernel no longer runs /linuxrc"). */
  readonly why: string;
  readonly source: string;
  /** What to use instead on kernels outside the range, for a target or a toolset. */
  readonly instead?: string;
}

/** The kernels something works on: from `since` (inclusive) to `before` (exclusive). */
export interface KernelRange {
  readonly since?: KernelFact;
  readonly before?: KernelFact;
}

/** Which end of a range a version falls outside of, or undefined when it is inside. */
export function outsideRange(
  v: KernelVersion,
  range: KernelRange,
): { readonly end: "since" | "before"; readonly fact: KernelFact } | undefined {
  if (range.since && compareKernels(v, kernel(range.since.version)) < 0) return { end: "since", fact: range.since };
  if (range.before && compareKernels(v, kernel(range.before.version)) >= 0)
    return { end: "before", fact: range.before };
  return undefined;
}
