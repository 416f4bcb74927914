/**
 * Deterministic samples of the checker's verdict classes (byClass in seed-steps.ts), for the tests
 * that run orderings on the toolsets' programs: the stub sandbox and the QEMU boots.
 */
import type { StepName, Verdict } from "./seed-steps.js";

/** A fixed-seed generator (mulberry32), so a sample is the same on every run. */
export function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Judged {
  readonly order: readonly StepName[];
  readonly verdict: Verdict;
}

/**
 * For every error code, the rejected class that has it in the least company (fewest codes; the
 * first seen on a tie), each once: each rule broken on its own where an ordering can break it
 * alone, else with the rule it always brings along (on net-tools BOND0303 comes only with
 * BOND0313: the boot NIC enslaved before its down is then taken down as a slave). Every rejected
 * class is a union of codes, so a boot per chosen class shows each rule's failure on the real
 * tools without a boot per union.
 */
export function classPerCode(classes: ReadonlyMap<string, readonly Judged[]>): string[] {
  const rejected = [...classes.entries()].filter(([, members]) => !members[0]!.verdict.accepted);
  const codes = [...new Set(rejected.flatMap(([, members]) => members[0]!.verdict.codes))].sort();
  const chosen = codes.map((code) => {
    const having = rejected.filter(([, members]) => members[0]!.verdict.codes.includes(code));
    const fewest = Math.min(...having.map(([, members]) => members[0]!.verdict.codes.length));
    return having.find(([, members]) => members[0]!.verdict.codes.length === fewest)![0];
  });
  return [...new Set(chosen)];
}

/**
 * A boot sample: `first` (the seed's own order, which the checker must accept), `accepted - 1`
 * more accepted orderings and one ordering of each class classPerCode chooses, each drawn with a
 * fixed seed.
 */
export function bootSample(
  classes: ReadonlyMap<string, readonly Judged[]>,
  first: readonly StepName[],
  options: { readonly seed: number; readonly accepted: number },
): Judged[] {
  const random = seeded(options.seed);
  const draw = (members: readonly Judged[]) => members[Math.floor(random() * members.length)]!;
  const accepted = classes.get("accepted") ?? [];
  const seedOrder = accepted.find((m) => m.order.join(" ") === first.join(" "));
  if (!seedOrder) throw new Error(`the checker does not accept the seed's own order, ${first.join(" ")}`);
  const picked = new Map([[first.join(" "), seedOrder]]);
  // Distinct draws; the accepted class has hundreds of members, so this ends at once.
  while (picked.size < Math.min(options.accepted, accepted.length)) {
    const m = draw(accepted);
    picked.set(m.order.join(" "), m);
  }
  return [...picked.values(), ...classPerCode(classes).map((key) => draw(classes.get(key)!))];
}
