import type { Span } from "../diagnostics/span.js";
import type { Action, LoadModuleAction, Program } from "../ir/ir.js";
import { IfaceHistory } from "./iface-history.js";
import type { IfaceState, Power } from "./iface-state.js";
import type { InterfaceKind } from "../semantic/types.js";

/*
 * The typestate of a booting node: what exists, what is up, what carries which address, what is
 * mounted. The ordering checks compare each action with the state before it; editors show the
 * state at a line; the QEMU harness compares the final state with what the kernel reports.
 */

export interface BootState {
  readonly modules: ReadonlyMap<string, Span>;
  readonly ifaces: ReadonlyMap<string, IfaceState>;
  readonly procMountedAt?: Span;
  readonly handedOffAt?: Span;
  /** Where a server's program waited for the inventory's clients. */
  readonly clientsWaitedAt?: Span;
}

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

/** How many bonds `load bonding` creates: bond0 .. bond(max_bonds - 1). */
function bondsCreated(action: LoadModuleAction): number {
  const maxBonds = action.params.find((p) => p.name === "max_bonds")?.values[0];
  return maxBonds?.kind === "const" ? Number(maxBonds.text) : 1;
}

const createdBy = (load: LoadModuleAction, s: IfaceState, count: number) =>
  load.module === "bonding" && s.kind === "bond" && Number(s.name.slice(4)) < count;

/**
 * Whether `action` records a version of `s` (apply() below, which must agree): where a step
 * meets an interface, the interface's starting state decides what it leaves.
 */
function touches(action: Action, s: IfaceState): boolean {
  switch (action.kind) {
    case "load":
      return createdBy(action, s, bondsCreated(action));
    case "vlan":
    case "up":
    case "down":
      return action.iface === s.name;
    case "enslave":
      return action.slave === s.name || action.bond === s.name;
    default:
      return false;
  }
}

/** One step's state; a class, so the state before each of thousands of steps is one small object. */
class Step implements BootState {
  constructor(
    readonly modules: ReadonlyMap<string, Span>,
    readonly ifaces: ReadonlyMap<string, IfaceState>,
    readonly procMountedAt: Span | undefined,
    readonly handedOffAt: Span | undefined,
    readonly clientsWaitedAt: Span | undefined,
  ) {}
}

type Version = { -readonly [K in keyof IfaceState]: IfaceState[K] };

/**
 * A copy of `s` to change, with every field present in one order: one shape for every version
 * the simulation makes (thousands for a large site), where spreading states of a dozen shapes
 * was most of the simulation's cost.
 */
function copy(s: IfaceState): Version {
  return {
    name: s.name,
    kind: s.kind,
    exists: s.exists,
    power: s.power,
    address: s.address,
    netmask: s.netmask,
    broadcast: s.broadcast,
    hwaddr: s.hwaddr,
    master: s.master,
    slaves: s.slaves,
    changedAt: s.changedAt,
    upAt: s.upAt,
    firmware: s.firmware,
  };
}

/** Whether `s` is the interface `name` as the script finds it (all that sets an interface's start). */
const startsAs = (s: IfaceState, name: string, kind: InterfaceKind, exists: boolean, power: Power, firmware: boolean) =>
  s.name === name && s.kind === kind && s.exists === exists && s.power === power && s.firmware === firmware;

const sameStart = (a: IfaceState, b: IfaceState) =>
  a === b || startsAs(a, b.name, b.kind, b.exists, b.power, b.firmware);

/** An interface as the script finds it, in copy()'s shape. */
function startingState(
  name: string,
  kind: InterfaceKind,
  exists: boolean,
  power: Power,
  firmware: boolean,
): IfaceState {
  return {
    name,
    kind,
    exists,
    power,
    address: undefined,
    netmask: undefined,
    broadcast: undefined,
    hwaddr: undefined,
    master: undefined,
    slaves: [],
    changedAt: undefined,
    upAt: undefined,
    firmware,
  };
}

/** An interface no declaration names, as the first step that names it finds it. */
const undeclared = (name: string): IfaceState => startingState(name, "nic", true, "unknown", false);

/**
 * Records in `history` what `action` changes, assuming it succeeded (invalid actions still
 * change what they can), and returns the state after it, the state at `step`.
 */
function apply(history: IfaceHistory, step: number, before: BootState, action: Action): BootState {
  const changing = (name: string) => copy(before.ifaces.get(name) ?? undeclared(name));
  let { modules, procMountedAt, handedOffAt, clientsWaitedAt } = before;
  switch (action.kind) {
    case "load": {
      const loaded = new Map(modules);
      loaded.set(action.module, action.span);
      modules = loaded;
      const count = bondsCreated(action);
      for (const s of before.ifaces.values()) {
        if (!createdBy(action, s, count)) continue;
        const bond = copy(s);
        bond.exists = true;
        history.record(step, bond);
      }
      break;
    }
    case "vlan": {
      const s = changing(action.iface);
      s.exists = true;
      s.power = "down";
      s.changedAt = action.span;
      history.record(step, s);
      break;
    }
    case "up": {
      const s = changing(action.iface);
      s.power = "up";
      s.changedAt = s.upAt = action.span;
      s.firmware = false;
      if (action.address) s.address = action.address;
      if (action.netmask) s.netmask = action.netmask;
      if (action.broadcast) s.broadcast = action.broadcast;
      if (action.hwaddr) s.hwaddr = action.hwaddr;
      history.record(step, s);
      break;
    }
    case "down": {
      const s = changing(action.iface);
      s.power = "down";
      s.changedAt = action.span;
      s.firmware = false;
      history.record(step, s);
      break;
    }
    case "enslave": {
      const slave = changing(action.slave);
      const bond = changing(action.bond);
      slave.master = action.bond;
      slave.power = "up";
      slave.changedAt = action.span;
      slave.firmware = false;
      bond.slaves = [...bond.slaves, action.slave];
      // A bond named as its own slave: the bond's record, the later one, wins.
      history.record(step, slave);
      history.record(step, bond);
      break;
    }
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
 * One simulation, kept so that simulating the next program of the same file (an editor's session)
 * can resume at the first action that differs.
 */
export interface Simulation {
  readonly actions: readonly Action[];
  readonly initial: readonly IfaceState[];
  readonly states: readonly BootState[];
  readonly history: IfaceHistory;
}

/**
 * Whether `history`, truncated to the `from` steps both programs share, is also the history of
 * `initial`'s interfaces through those steps; if so, starts it from them (IfaceHistory.restart).
 * It is when every interface both start with starts the same, and no shared step met one that
 * only one of them starts with: typing in a statement that names a new interface declares it,
 * and that changes nothing before the statement.
 */
function restartable(
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
  if (head + tail === previous.length && previous.length === initial.length) return true;
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
  for (let i = 0; i < from && added.length > 0; i++) if (added.some((s) => touches(actions[i]!, s))) return false;
  history.restart(initial, dropped);
  return true;
}

/**
 * The state before each action, and after the last: states[i] is what action i sees.
 * `bootNicConfigured` is the target's word on whether the boot NIC still has the firmware's
 * configuration when the program starts. With the previous simulation of the same file, the
 * states before the first action that differs are that one's (the very same objects: the previous
 * simulation is used up), where the interfaces the two start from allow it (restartable()).
 */
export function simulate(program: Program, bootNicConfigured: boolean, previous?: Simulation): Simulation {
  const initial = initialInterfaces(program, bootNicConfigured, previous?.initial ?? []);
  const { actions } = program;
  let from = 0;
  let history: IfaceHistory | undefined;
  let states: BootState[] = [];
  if (previous) {
    const limit = Math.min(actions.length, previous.actions.length);
    while (from < limit && actions[from] === previous.actions[from]) from++;
    previous.history.truncate(from);
    if (restartable(previous.history, previous.initial, initial, actions, from)) {
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
