import type { Action, EnslaveAction, UpAction } from "./ir.js";

/** What the action list does to one interface, in order. */
export interface InterfaceUses {
  readonly ups: readonly UpAction[];
  /** Enslave actions with this interface as the bond. */
  readonly slavesAdded: readonly EnslaveAction[];
  /** Index of the last action enslaving this interface (as a slave), if any. */
  readonly lastEnslavedAt?: number;
}

const cache = new WeakMap<readonly Action[], ReadonlyMap<string, InterfaceUses>>();
const none: InterfaceUses = { ups: [], slavesAdded: [] };

/**
 * An index from interface name to its uses, built once per action list. Checks that ask "the
 * first up of bond0" or "the slaves of bond0" for every bond would otherwise scan all actions
 * per bond, which is quadratic for a large site description. Call it only on a complete action
 * list: the index is cached by the list's identity.
 */
export function interfaceUses(actions: readonly Action[]): (iface: string) => InterfaceUses {
  let index = cache.get(actions);
  if (!index) {
    const built = new Map<string, { ups: UpAction[]; slavesAdded: EnslaveAction[]; lastEnslavedAt?: number }>();
    const entry = (name: string) => {
      let e = built.get(name);
      if (!e) built.set(name, (e = { ups: [], slavesAdded: [] }));
      return e;
    };
    actions.forEach((a, i) => {
      if (a.kind === "up") entry(a.iface).ups.push(a);
      if (a.kind === "enslave") {
        entry(a.bond).slavesAdded.push(a);
        entry(a.slave).lastEnslavedAt = i;
      }
    });
    index = built;
    cache.set(actions, index);
  }
  const found = index;
  return (iface) => found.get(iface) ?? none;
}
