import type { Action } from "../ir/ir.js";
import type { BootState, Simulation } from "./boot-state.js";
import type { IfaceHistory } from "./iface-history.js";
import { sameStart, type IfaceState } from "./iface-state.js";
import { transition } from "./transition.js";

/*
 * How a simulation of a session's new program takes over the previous program's (state.ts's
 * simulate()): the states before the first changed step always, when the interfaces it starts
 * from allow it; and after an edit that replaced steps by as many others (a character typed in a
 * statement), the states after them too, but for the few interfaces the edit changed.
 */

export const sameStarts = (a: readonly IfaceState[], b: readonly IfaceState[]): boolean =>
  a.length === b.length && a.every((s, i) => sameStart(s, b[i]!));

/**
 * Whether `history`, truncated to the `from` steps both programs share, is also the history of
 * `initial`'s interfaces through those steps, though they differ from `previous`; if so, starts
 * it from them (IfaceHistory.restart). It is when every interface both start with starts the
 * same, and no shared step met one that only one of them starts with: typing in a statement that
 * names a new interface declares it, and that changes nothing before the statement.
 */
export function restartable(
  history: IfaceHistory,
  previous: readonly IfaceState[],
  initial: readonly IfaceState[],
  actions: readonly Action[],
  from: number,
): boolean {
  // Both lists are in declaration order: compare the ends one to one, and only what lies between by name.
  let head = 0;
  while (head < previous.length && head < initial.length && previous[head]!.name === initial[head]!.name) head++;
  let tail = 0;
  while (
    tail < previous.length - head &&
    tail < initial.length - head &&
    previous[previous.length - 1 - tail]!.name === initial[initial.length - 1 - tail]!.name
  )
    tail++;
  for (let i = 0; i < head; i++) if (!sameStart(previous[i]!, initial[i]!)) return false;
  for (let i = 1; i <= tail; i++)
    if (!sameStart(previous[previous.length - i]!, initial[initial.length - i]!)) return false;
  // Only `lo` can be declared twice (as itself, and as the loopback every table has): then the lists must be the same.
  if (initial.filter((s) => s.name === "lo").length > 1 || previous.filter((s) => s.name === "lo").length > 1)
    return false;
  const was = new Map(previous.slice(head, previous.length - tail).map((s) => [s.name, s]));
  const now = new Map(initial.slice(head, initial.length - tail).map((s) => [s.name, s]));
  const added: IfaceState[] = [];
  for (const s of now.values()) {
    const before = was.get(s.name);
    if (before ? !sameStart(before, s) : history.changed(s.name)) return false;
    if (!before) added.push(s);
  }
  const dropped = new Set<string>();
  for (const s of was.values()) {
    if (now.has(s.name)) continue;
    if (history.changed(s.name)) return false;
    dropped.add(s.name);
  }
  // An added interface was not in the previous table, so no step before `from` recorded it; one
  // that would have (a bond `load bonding` creates) starts differently.
  for (let i = 0; i < from && added.length > 0; i++)
    if (added.some((s) => transition(actions[i]!, s) !== undefined)) return false;
  history.restart(initial, dropped);
  return true;
}

/** Beyond this many interfaces changed by an edit, replaying their steps costs more than simulating the rest. */
const MOST_CHANGED = 8;

/**
 * The states of `actions`, which differ from `previous.actions` (as long a list, from the same
 * starting interfaces) only in steps from..end-1, or undefined when the edit changed more than a
 * few interfaces, or the modules, /proc, the handoff or the wait (then the caller simulates from
 * `from`: nothing here changed the history before it). Every interface evolves by its own state
 * alone (transition.ts), so only those the edited steps touch are replayed through the steps
 * after them, and those steps keep their state objects.
 */
export function spliced(
  previous: Simulation,
  actions: readonly Action[],
  from: number,
  end: number,
  step: (i: number, before: BootState) => BootState,
): BootState[] | undefined {
  const { history } = previous;
  // Interfaces first met in the edited steps would change the table's order: simulated from `from`.
  const named = (a: Action) =>
    a.kind === "enslave"
      ? [a.bond, a.slave]
      : a.kind === "up" || a.kind === "down" || a.kind === "vlan"
        ? [a.iface]
        : [];
  for (let i = from; i < end; i++) {
    const action = actions[i]!;
    if (action.kind === "load" || named(action).some((name) => history.at(name, from) === undefined)) return undefined;
  }
  const cut = history.cut(from, end);
  if (!cut) return undefined;
  const states = previous.states.slice(0, from + 1);
  let current = states[from]!;
  for (let i = from; i < end; i++) {
    current = step(i, current);
    states.push(current);
  }
  const old = previous.states[end]!;
  if (
    current.modules !== old.modules ||
    current.procMountedAt !== old.procMountedAt ||
    current.handedOffAt !== old.handedOffAt ||
    current.clientsWaitedAt !== old.clientsWaitedAt
  )
    return undefined;
  // What the edited steps touch, before the edit or after it, is a new object after them.
  const changed = new Set(cut);
  for (let i = from; i < end; i++) for (const name of named(actions[i]!)) changed.add(name);
  if (changed.size > MOST_CHANGED) return undefined;
  for (const name of changed) {
    history.dropAfter(name, end);
    let s = history.at(name, end)!;
    for (let i = end; i < actions.length; i++) {
      const next = transition(actions[i]!, s);
      if (next) history.record(i + 1, (s = next));
    }
  }
  for (let i = end + 1; i < previous.states.length; i++) states.push(previous.states[i]!);
  return states;
}
