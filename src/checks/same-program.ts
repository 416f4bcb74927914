import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { sameList } from "../lists.js";
import type { BondConfig, Program } from "../ir/ir.js";
import type { Check, TargetFacts } from "./context.js";

/*
 * Whether the checks over the IR would report again exactly what they reported for the previous
 * program of the same file (an editor's session, after an edit that changed no step: a comment,
 * blank lines, a statement moved down by lines typed above it). The checks read the program, the
 * states (a function of the program and the target's word on its boot NIC), the target's word on its handoff and the checks it
 * imposes, and, for quick fixes only, the file's lines. So the same program, as the very same
 * objects (their spans moved in place with their statements: syntax/incremental/shift.ts), gives
 * the same reports, as the same objects, wherever the statements now are; except a quick fix,
 * whose edits are computed from the lines, and so are not moved: a previous report with a fix
 * is never taken over.
 */

export interface CheckInputs {
  readonly program: Program;
  readonly imposed: readonly Check[];
  readonly facts: TargetFacts;
}

function sameEntries<K, V>(a: ReadonlyMap<K, V>, b: ReadonlyMap<K, V>, same: (x: V, y: V) => boolean): boolean {
  if (a.size !== b.size) return false;
  const bs = b.entries();
  for (const [k, v] of a) {
    const next = bs.next();
    if (next.done || next.value[0] !== k || !same(v, next.value[1])) return false;
  }
  return true;
}

// Lowering makes the bond configurations anew each time; the options in them are the steps' own objects.
const sameBond = (a: BondConfig, b: BondConfig) =>
  a.name === b.name &&
  a.mode === b.mode &&
  a.modeSpan === b.modeSpan &&
  sameEntries(a.options, b.options, (x, y) => x === y);

function samePrograms(a: Program, b: Program): boolean {
  return (
    a === b ||
    (a.file === b.file &&
      a.library === b.library &&
      a.bootInterface === b.bootInterface &&
      a.target === b.target &&
      a.policy.kind === b.policy.kind &&
      a.policy.span === b.policy.span &&
      sameList(a.actions, b.actions) &&
      sameEntries(a.interfaces, b.interfaces, (x, y) => x === y) &&
      sameEntries(a.bonds, b.bonds, sameBond))
  );
}

/** Whether `previous`'s reports are the reports for `next` (see above). */
export function reportsHold(
  previous: { readonly inputs: CheckInputs; readonly diagnostics: readonly Diagnostic[] },
  next: CheckInputs,
): boolean {
  return (
    previous.inputs.facts.handoffEndsScript === next.facts.handoffEndsScript &&
    previous.inputs.facts.bootNicConfigured === next.facts.bootNicConfigured &&
    sameList(previous.inputs.imposed, next.imposed) &&
    samePrograms(previous.inputs.program, next.program) &&
    previous.diagnostics.every((d) => d.fixes.length === 0)
  );
}
