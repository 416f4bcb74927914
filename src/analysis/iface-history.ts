import type { IfaceState } from "./iface-state.js";
import { firstWhere } from "../lists.js";

/**
 * Every version of every interface's state, each tagged with the step it took effect at. The
 * boot simulation keeps the state before every action (checks, editors and the real-kernel
 * comparison look back at them); copying the interface table per action made checking quadratic
 * in the size of a site description and buried it in garbage. Here a step's view of the table
 * costs nothing to make, and a lookup is a binary search in one interface's few versions.
 */
export class IfaceHistory {
  private versions = new Map<string, Versions>();

  /**
   * Records `state` as `name`'s state from `step` on (a later record at the same step wins), in
   * its place among the versions: after the steps an edit changed, later versions may be there.
   */
  record(step: number, state: IfaceState): void {
    let v = this.versions.get(state.name);
    if (!v) this.versions.set(state.name, (v = { steps: [], states: [] }));
    const at = firstAfter(v, step);
    if (at > 0 && v.steps[at - 1] === step) v.states[at - 1] = state;
    else if (at === v.steps.length) {
      v.steps.push(step);
      v.states.push(state);
    } else {
      v.steps.splice(at, 0, step);
      v.states.splice(at, 0, state);
    }
  }

  /**
   * Forgets the versions recorded at steps `from` + 1 to `end`, and says whose they were; or,
   * having changed nothing, undefined when an interface had no other (it was first met there).
   */
  cut(from: number, end: number): Set<string> | undefined {
    const cut = new Set<string>();
    for (const [name, v] of this.versions) {
      const [first, last] = [firstAfter(v, from), firstAfter(v, end)];
      if (first === last) continue;
      if (first === 0) return undefined;
      cut.add(name);
    }
    for (const name of cut) {
      const v = this.versions.get(name)!;
      const [first, last] = [firstAfter(v, from), firstAfter(v, end)];
      v.steps.splice(first, last - first);
      v.states.splice(first, last - first);
    }
    return cut;
  }

  /** Forgets `name`'s versions recorded after `step`. */
  dropAfter(name: string, step: number): void {
    const v = this.versions.get(name);
    if (!v) return;
    v.steps.length = v.states.length = firstAfter(v, step);
  }

  /** Forgets every version recorded after `step`, and the interfaces that had none before it. */
  truncate(step: number): void {
    for (const [name, v] of this.versions) {
      v.steps.length = v.states.length = firstAfter(v, step);
      // Deleted, so an interface first met again later takes its place in the order where a fresh simulation puts it.
      if (v.steps.length === 0) this.versions.delete(name);
    }
  }

  /** Whether `name` has a version other than its starting one (step 0). */
  changed(name: string): boolean {
    const v = this.versions.get(name);
    return v !== undefined && (v.steps.length > 1 || v.steps[0] !== 0);
  }

  /**
   * Starts the table from other starting interfaces, in their order, as a fresh history of them
   * would: those of `initial` already known keep their versions, those not known start with
   * `initial`'s state, those in `dropped` go, and the interfaces first met by a step keep their
   * order after them. The caller has made sure no step met an added or a dropped one.
   */
  restart(initial: readonly IfaceState[], dropped: ReadonlySet<string>): void {
    const old = this.versions;
    this.versions = new Map();
    for (const s of initial) this.versions.set(s.name, old.get(s.name) ?? { steps: [0], states: [s] });
    for (const [name, v] of old) if (!this.versions.has(name) && !dropped.has(name)) this.versions.set(name, v);
  }

  at(name: string, step: number): IfaceState | undefined {
    const v = this.versions.get(name);
    return v && versionAt(v, step);
  }

  /** Every interface's state at `step`, in the table's order. */
  *statesAt(step: number): Generator<IfaceState> {
    for (const v of this.versions.values()) {
      const s = versionAt(v, step);
      if (s) yield s;
    }
  }

  /** The table as it stood at `step`. */
  view(step: number): ReadonlyMap<string, IfaceState> {
    return new IfaceView(this, step);
  }
}

interface Versions {
  readonly steps: number[];
  readonly states: IfaceState[];
}

/** The index of the first version recorded after `step`. */
function firstAfter(v: Versions, step: number): number {
  let at = v.steps.length;
  while (at > 0 && v.steps[at - 1]! > step) at--;
  return at;
}

function versionAt(v: Versions, step: number): IfaceState | undefined {
  const hi = v.steps.length - 1;
  // Most lookups are of the latest version (a step after the interface's last change).
  if (hi < 0 || v.steps[hi]! <= step) return v.states[hi];
  // Before the first version: index -1, none.
  return v.states[firstWhere(hi, (i) => v.steps[i]! > step) - 1];
}

class IfaceView implements ReadonlyMap<string, IfaceState> {
  constructor(
    private readonly history: IfaceHistory,
    private readonly step: number,
  ) {}

  get(name: string): IfaceState | undefined {
    return this.history.at(name, this.step);
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  get size(): number {
    let n = 0;
    for (const _ of this.history.statesAt(this.step)) n++;
    return n;
  }

  *entries(): MapIterator<[string, IfaceState]> {
    for (const s of this.history.statesAt(this.step)) yield [s.name, s];
  }

  *keys(): MapIterator<string> {
    for (const s of this.history.statesAt(this.step)) yield s.name;
  }

  values(): MapIterator<IfaceState> {
    return this.history.statesAt(this.step);
  }

  [Symbol.iterator](): MapIterator<[string, IfaceState]> {
    return this.entries();
  }

  forEach(callback: (value: IfaceState, key: string, map: ReadonlyMap<string, IfaceState>) => void): void {
    for (const s of this.history.statesAt(this.step)) callback(s, s.name, this);
  }
}
