import type { Program, Action } from "../ir/ir.js";
import { Step, type BootState, type Simulation } from "./boot-state.js";
import { IfaceHistory } from "./iface-history.js";
import { startingState, startsAs, type IfaceState, type Power } from "./iface-state.js";
import { restartable, sameStarts, spliced } from "./resume.js";
import { transition, undeclared } from "./transition.js";
import type { InterfaceKind } from "../semantic/types.js";

export type { BootState, Simulation } from "./boot-state.js";

/**
 * The interfaces as the script finds them. Each one equal to the one at its place in `previous`
 * (the previous simulation's) is that object: a session's edit leaves nearly all as they were,
 * and making thousands anew per edit was a good part of resuming.
 */
function initialInterfaces(
  program: Program,
  bootNicConfigured: boolean,
  previous: readonly IfaceState[],
): IfaceState[] {
  const ifaces: IfaceState[] = [];
  const starting = (name: string, kind: InterfaceKind, exists: boolean, power: Power, firmware: boolean) => {
    const was = previous[ifaces.length];
    return was && startsAs(was, name, kind, exists, power, firmware)
      ? was
      : startingState(name, kind, exists, power, firmware);
  };
  for (const decl of program.interfaces.values()) {
    const boot = bootNicConfigured && decl.name === program.bootInterface;
    ifaces.push(
      starting(
        decl.name,
        decl.kind,
        // Bonds appear with the bonding module, VLAN interfaces when the script creates them.
        decl.kind !== "bond" && decl.kind !== "vlan",
        // The firmware configured the boot NIC, where the target's program still finds it so. Any
        // other NIC is unknown: the kernel leaves a NIC nobody configured down, but that is an
        // assumption, not something the program did.
        decl.kind === "bond" || decl.kind === "vlan" ? "down" : boot ? "up" : "unknown",
        boot,
      ),
    );
  }
  ifaces.push(starting("lo", "loopback", true, "unknown", false));
  return ifaces;
}

/**
 * Records in `history` what `action` changes, assuming it succeeded (invalid actions still
 * change what they can), and returns the state after it, the state at `step`.
 */
function apply(history: IfaceHistory, step: number, before: BootState, action: Action): BootState {
  const change = (name: string) => {
    const next = transition(action, before.ifaces.get(name) ?? undeclared(name));
    if (next) history.record(step, next);
  };
  let { modules, procMountedAt, handedOffAt, clientsWaitedAt } = before;
  switch (action.kind) {
    case "load": {
      const loaded = new Map(modules);
      loaded.set(action.module, action.span);
      modules = loaded;
      for (const s of before.ifaces.values()) {
        const next = transition(action, s);
        if (next) history.record(step, next);
      }
      break;
    }
    case "vlan":
    case "up":
    case "down":
      change(action.iface);
      break;
    case "enslave":
      // The bond's record comes last: a bond named as its own slave is changed as the bond.
      change(action.slave);
      change(action.bond);
      break;
    case "mount-proc":
      procMountedAt = action.span;
      break;
    case "handoff":
      handedOffAt = action.span;
      break;
    case "wait-clients":
      clientsWaitedAt = action.span;
      break;
    case "discover":
    case "node":
      break;
  }
  return new Step(modules, history.view(step), procMountedAt, handedOffAt, clientsWaitedAt);
}

/**
 * The state before each action, and after the last: states[i] is what action i sees.
 * `bootNicConfigured` is the target's word on whether the boot NIC still has the firmware's
 * configuration when the program starts. With the previous simulation of the same file, the
 * states before the first action that differs are that one's (the very same objects: the previous
 * simulation is used up), where the interfaces the two start from allow it (restartable()); and
 * after an edit that replaced steps by as many others, so are the states after them (spliced()).
 */
export function simulate(program: Program, bootNicConfigured: boolean, previous?: Simulation): Simulation {
  const initial = initialInterfaces(program, bootNicConfigured, previous?.initial ?? []);
  const { actions } = program;
  let from = 0;
  let history: IfaceHistory | undefined;
  let states: BootState[] = [];
  if (previous) {
    // The very same steps (a lowering taken over whole): the very same states.
    if (actions === previous.actions && sameStarts(previous.initial, initial)) return previous;
    const limit = Math.min(actions.length, previous.actions.length);
    while (from < limit && actions[from] === previous.actions[from]) from++;
    const same = sameStarts(previous.initial, initial);
    // An edit that replaced steps by as many others: the steps after them are the previous ones.
    let end = actions.length;
    while (end > from && actions.length === previous.actions.length && actions[end - 1] === previous.actions[end - 1])
      end--;
    if (same && end < actions.length) {
      const taken = spliced(previous, actions, from, end, (i, before) =>
        apply(previous.history, i + 1, before, actions[i]!),
      );
      if (taken) return { actions, initial, states: taken, history: previous.history };
    }
    previous.history.truncate(from);
    if (same || restartable(previous.history, previous.initial, initial, actions, from)) {
      history = previous.history;
      states = previous.states.slice(0, from + 1);
    } else from = 0;
  }
  if (!history) {
    history = new IfaceHistory();
    for (const iface of initial) history.record(0, iface);
    states = [new Step(new Map(), history.view(0), undefined, undefined, undefined)];
  }
  let current = states[from]!;
  for (let i = from; i < actions.length; i++) {
    current = apply(history, i + 1, current, actions[i]!);
    states.push(current);
  }
  return { actions, initial, states, history };
}

export function describePower(s: IfaceState): string {
  if (!s.exists)
    return s.kind === "bond"
      ? "does not exist yet (the bonding module is not loaded)"
      : s.kind === "vlan"
        ? "does not exist yet (the script has not created it)"
        : "does not exist";
  if (s.master) return `enslaved to ${s.master}`;
  if (s.power === "unknown") return "in an unknown state (nothing configured it before this script)";
  if (s.power === "up" && s.firmware) return "up, configured by the boot firmware";
  return s.power;
}

/** "eth0: down; bond0: up, 2 slaves (eth0, eth1)": for hovers and error messages. */
export function describeIface(s: IfaceState): string {
  const parts = [describePower(s)];
  if (s.slaves.length > 0) parts.push(`slaves ${s.slaves.join(", ")}`);
  return `${s.name}: ${parts.join(", ")}`;
}
