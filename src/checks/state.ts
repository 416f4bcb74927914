import type { Span } from "../diagnostics/span.js";
import type { Action, InterfaceKind, Program, Value } from "../ir/ir.js";
import { PersistentMap } from "./persistent-map.js";

/*
 * The typestate of a booting node: what exists, what is up, what carries which address, what is
 * mounted. The ordering checks compare each action with the state before it; editors show the
 * state at a line; the QEMU harness compares the final state with what the kernel reports.
 */

export type Power = "up" | "down" | "maybe-up";

export interface IfaceState {
  readonly name: string;
  readonly kind: InterfaceKind;
  readonly exists: boolean;
  readonly power: Power;
  readonly address?: Value;
  readonly netmask?: Value;
  readonly broadcast?: Value;
  readonly hwaddr?: Value;
  readonly master?: string;
  readonly slaves: readonly string[];
  /** The action that last changed power or membership; where "it went down here" points. */
  readonly changedAt?: Span;
  /** The action that brought it up, when one did (rather than the firmware). */
  readonly upAt?: Span;
  /** True for the boot NIC as the firmware left it. */
  readonly firmware: boolean;
}

export interface BootState {
  readonly modules: ReadonlyMap<string, Span>;
  readonly ifaces: PersistentMap<string, IfaceState>;
  readonly procMountedAt?: Span;
  readonly handedOffAt?: Span;
}

export function initialState(program: Program): BootState {
  const ifaces = new Map<string, IfaceState>();
  for (const decl of program.interfaces.values()) {
    const boot = decl.name === program.bootInterface;
    ifaces.set(decl.name, {
      name: decl.name,
      kind: decl.kind,
      exists: decl.kind !== "bond",
      // The firmware configured the boot NIC; any other NIC may or may not have been brought up.
      power: decl.kind === "bond" ? "down" : boot ? "up" : "maybe-up",
      slaves: [],
      firmware: boot,
    });
  }
  ifaces.set("lo", { name: "lo", kind: "loopback", exists: true, power: "maybe-up", slaves: [], firmware: false });
  return { modules: new Map(), ifaces: PersistentMap.from(ifaces) };
}

function update(state: BootState, name: string, change: Partial<IfaceState>): BootState {
  const old = state.ifaces.get(name) ?? { name, kind: "nic" as const, exists: true, power: "maybe-up" as const, slaves: [], firmware: false };
  return { ...state, ifaces: state.ifaces.set(name, { ...old, ...change }) };
}

/** The state after `action`, assuming it succeeded. Invalid actions still change what they can. */
export function apply(state: BootState, action: Action): BootState {
  switch (action.kind) {
    case "discover":
      return state;
    case "load": {
      const modules = new Map(state.modules);
      modules.set(action.module, action.span);
      let next: BootState = { ...state, modules };
      if (action.module === "bonding") {
        // Loading the module creates bond0 .. bond(max_bonds - 1).
        const maxBonds = action.params.find((p) => p.name === "max_bonds")?.values[0];
        const count = maxBonds?.kind === "const" ? Number(maxBonds.text) : 1;
        for (const iface of state.ifaces.values()) {
          if (iface.kind === "bond" && Number(iface.name.slice(4)) < count) next = update(next, iface.name, { exists: true });
        }
      }
      return next;
    }
    case "up": {
      const change: Partial<{ -readonly [K in keyof IfaceState]: IfaceState[K] }> = { power: "up", changedAt: action.span, upAt: action.span, firmware: false };
      if (action.address) change.address = action.address;
      if (action.netmask) change.netmask = action.netmask;
      if (action.broadcast) change.broadcast = action.broadcast;
      if (action.hwaddr) change.hwaddr = action.hwaddr;
      return update(state, action.iface, change);
    }
    case "down":
      return update(state, action.iface, { power: "down", changedAt: action.span, firmware: false });
    case "enslave": {
      const bond = state.ifaces.get(action.bond);
      const next = update(state, action.slave, { master: action.bond, power: "up", changedAt: action.span, firmware: false });
      return update(next, action.bond, { slaves: [...(bond?.slaves ?? []), action.slave] });
    }
    case "mount-proc":
      return { ...state, procMountedAt: action.span };
    case "handoff":
      return { ...state, handedOffAt: action.span };
  }
}

/** The state before each action, and after the last: states[i] is what action i sees. */
export function simulate(program: Program): BootState[] {
  const states = [initialState(program)];
  for (const action of program.actions) states.push(apply(states[states.length - 1]!, action));
  return states;
}

export function describePower(s: IfaceState): string {
  if (!s.exists) return s.kind === "bond" ? "does not exist yet (the bonding module is not loaded)" : "does not exist";
  if (s.master) return `enslaved to ${s.master}`;
  if (s.power === "maybe-up") return "in the state the firmware left it (possibly up)";
  if (s.power === "up" && s.firmware) return "up, configured by the boot firmware";
  return s.power;
}

/** "eth0: down; bond0: up, 2 slaves (eth0, eth1)": for hovers and error messages. */
export function describeIface(s: IfaceState): string {
  const parts = [describePower(s)];
  if (s.slaves.length > 0) parts.push(`slaves ${s.slaves.join(", ")}`);
  return `${s.name}: ${parts.join(", ")}`;
}
