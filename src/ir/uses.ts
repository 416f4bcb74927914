import type { Action, EnslaveAction, UpAction } from "./ir.js";

/** What the action list does to one interface, in order. */
export interface InterfaceUses {
  readonly ups: readonly UpAction[];
  /** Enslave actions with this interface as the bond. */
  readonly slavesAdded: readonly EnslaveAction[];
  /** Index of the last action enslaving this interface (as a slave), if any. */
  readonly lastEnslavedAt?: number;
}

/**
 * The index of the action list last asked about: the checks of one program and its generator
 * all ask about the same list. Not a WeakMap by list: in an editor's session, a long-lived
 * WeakMap's entry for each edit's list, and the actions it reaches, survived V8's young-generation
 * GCs until a full one (measured), each of them copying it all again. This holds one list's index
 * past its use, no more.
 */
let last: { readonly actions: readonly Action[]; readonly index: ReadonlyMap<string, InterfaceUses> } | undefined;
const none: InterfaceUses = { ups: [], slavesAdded: [] };

/**
 * An index from interface name to its uses, built once per action list. Checks that ask "the
 * first up of bond0" or "the slaves of bond0" for every bond would otherwise scan all actions
 * per bond, which is quadratic for a large site description. Call it only on a complete action
 * list: the index is cached by the list's identity.
 */
export function interfaceUses(actions: readonly Action[]): (iface: string) => InterfaceUses {
  let index = last?.actions === actions ? last.index : undefined;
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
    last = { actions, index };
  }
  const found = index;
  return (iface) => found.get(iface) ?? none;
}
