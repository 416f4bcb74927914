import type { Span } from "../diagnostics/span.js";
import type { Action, Program } from "../ir/ir.js";
import { IfaceHistory } from "./iface-history.js";
import type { IfaceState } from "./iface-state.js";

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

function initialInterfaces(program: Program): IfaceState[] {
  const ifaces: IfaceState[] = [];
  for (const decl of program.interfaces.values()) {
    const boot = decl.name === program.bootInterface;
    ifaces.push({
      name: decl.name,
      kind: decl.kind,
      // Bonds appear with the bonding module, VLAN interfaces when the script creates them.
      exists: decl.kind !== "bond" && decl.kind !== "vlan",
      // The firmware configured the boot NIC. Any other NIC is unknown: the kernel leaves a NIC
      // nobody configured down, but that is an assumption, not something the program did.
      power: decl.kind === "bond" || decl.kind === "vlan" ? "down" : boot ? "up" : "unknown",
      slaves: [],
      firmware: boot,
    });
  }
  ifaces.push({ name: "lo", kind: "loopback", exists: true, power: "unknown", slaves: [], firmware: false });
  return ifaces;
}

type Change = Partial<{ -readonly [K in keyof IfaceState]: IfaceState[K] }>;

/** What `action` changes, assuming it succeeded. Invalid actions still change what they can. */
function effects(before: BootState, action: Action): { ifaces: [string, Change][]; state?: Partial<BootState> } {
  switch (action.kind) {
    case "discover":
    case "node":
      return { ifaces: [] };
    case "load": {
      const modules = new Map(before.modules);
      modules.set(action.module, action.span);
      const ifaces: [string, Change][] = [];
      if (action.module === "bonding") {
        // Loading the module creates bond0 .. bond(max_bonds - 1).
        const maxBonds = action.params.find((p) => p.name === "max_bonds")?.values[0];
        const count = maxBonds?.kind === "const" ? Number(maxBonds.text) : 1;
        for (const iface of before.ifaces.values()) {
          if (iface.kind === "bond" && Number(iface.name.slice(4)) < count) ifaces.push([iface.name, { exists: true }]);
        }
      }
      return { ifaces, state: { modules } };
    }
    case "vlan":
      return { ifaces: [[action.iface, { exists: true, power: "down", changedAt: action.span }]] };
    case "up": {
      const change: Change = { power: "up", changedAt: action.span, upAt: action.span, firmware: false };
      if (action.address) change.address = action.address;
      if (action.netmask) change.netmask = action.netmask;
      if (action.broadcast) change.broadcast = action.broadcast;
      if (action.hwaddr) change.hwaddr = action.hwaddr;
      return { ifaces: [[action.iface, change]] };
    }
    case "down":
      return { ifaces: [[action.iface, { power: "down", changedAt: action.span, firmware: false }]] };
    case "enslave": {
      const bond = before.ifaces.get(action.bond);
      return {
        ifaces: [
          [action.slave, { master: action.bond, power: "up", changedAt: action.span, firmware: false }],
          [action.bond, { slaves: [...(bond?.slaves ?? []), action.slave] }],
        ],
      };
    }
    case "mount-proc":
      return { ifaces: [], state: { procMountedAt: action.span } };
    case "handoff":
      return { ifaces: [], state: { handedOffAt: action.span } };
    case "wait-clients":
      return { ifaces: [], state: { clientsWaitedAt: action.span } };
  }
}

/** The state before each action, and after the last: states[i] is what action i sees. */
export function simulate(program: Program): BootState[] {
  const history = new IfaceHistory();
  for (const iface of initialInterfaces(program)) history.record(0, iface);
  let current: BootState = { modules: new Map(), ifaces: history.view(0) };
  const states = [current];
  program.actions.forEach((action, i) => {
    const { ifaces, state } = effects(current, action);
    for (const [name, change] of ifaces) {
      const old = current.ifaces.get(name) ?? {
        name,
        kind: "nic" as const,
        exists: true,
        power: "unknown" as const,
        slaves: [],
        firmware: false,
      };
      history.record(i + 1, { ...old, ...change });
    }
    current = { ...current, ...state, ifaces: history.view(i + 1) };
    states.push(current);
  });
  return states;
}

export function describePower(s: IfaceState): string {
  if (!s.exists)
    return s.kind === "bond"
      ? "does not exist yet (the bonding module is not loaded)"
      : s.kind === "vlan"
        ? "does not exist yet (the script has not created it)"
        : "does not exist";
  if (s.master) return `enslaved to ${s.master}`;
  if (s.power === "unknown") return "in an unknown state (the boot firmware never configured it)";
  if (s.power === "up" && s.firmware) return "up, configured by the boot firmware";
  return s.power;
}

/** "eth0: down; bond0: up, 2 slaves (eth0, eth1)": for hovers and error messages. */
export function describeIface(s: IfaceState): string {
  const parts = [describePower(s)];
  if (s.slaves.length > 0) parts.push(`slaves ${s.slaves.join(", ")}`);
  return `${s.name}: ${parts.join(", ")}`;
}
