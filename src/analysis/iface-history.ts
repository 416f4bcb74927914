import type { IfaceState } from "./iface-state.js";

/**
 * Every version of every interface's state, each tagged with the step it took effect at. The
 * boot simulation keeps the state before every action (checks, editors and the real-kernel
 * comparison look back at them); copying the interface table per action made checking quadratic
 * in the size of a site description and buried it in garbage. Here a step's view of the table
 * costs nothing to make, and a lookup is a binary search in one interface's few versions.
 */
export class IfaceHistory {
  private readonly versions = new Map<string, { steps: number[]; states: IfaceState[] }>();

  /** Records `state` as `name`'s state from `step` on (a later record at the same step wins). */
  record(step: number, state: IfaceState): void {
    let v = this.versions.get(state.name);
    if (!v) this.versions.set(state.name, (v = { steps: [], states: [] }));
    if (v.steps[v.steps.length - 1] === step) v.states[v.states.length - 1] = state;
    else {
      v.steps.push(step);
      v.states.push(state);
    }
  }

  /** Forgets every version recorded after `step`, and the interfaces that had none before it. */
  truncate(step: number): void {
    for (const [name, v] of this.versions) {
      while (v.steps.length > 0 && v.steps[v.steps.length - 1]! > step) {
        v.steps.pop();
        v.states.pop();
      }
      // Deleted, so an interface first met again later takes its place in the order where a fresh simulation puts it.
      if (v.steps.length === 0) this.versions.delete(name);
    }
  }

  at(name: string, step: number): IfaceState | undefined {
    const v = this.versions.get(name);
    if (!v || (v.steps[0] ?? Infinity) > step) return undefined;
    let lo = 0;
    let hi = v.steps.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (v.steps[mid]! <= step) lo = mid;
      else hi = mid - 1;
    }
    return v.states[lo];
  }

  names(): IterableIterator<string> {
    return this.versions.keys();
  }

  /** The table as it stood at `step`. */
  view(step: number): ReadonlyMap<string, IfaceState> {
    return new IfaceView(this, step);
  }
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
    for (const _ of this.entries()) n++;
    return n;
  }

  *entries(): MapIterator<[string, IfaceState]> {
    for (const name of this.history.names()) {
      const s = this.get(name);
      if (s) yield [name, s];
    }
  }

  *keys(): MapIterator<string> {
    for (const [k] of this.entries()) yield k;
  }

  *values(): MapIterator<IfaceState> {
    for (const [, v] of this.entries()) yield v;
  }

  [Symbol.iterator](): MapIterator<[string, IfaceState]> {
    return this.entries();
  }

  forEach(callback: (value: IfaceState, key: string, map: ReadonlyMap<string, IfaceState>) => void): void {
    for (const [k, v] of this.entries()) callback(v, k, this);
  }
}
