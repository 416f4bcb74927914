import type { Action, LoadModuleAction } from "../ir/ir.js";
import { changeable, startingState, type IfaceState } from "./iface-state.js";

/*
 * What one boot action makes of one interface, assuming it succeeded (invalid actions still
 * change what they can). An interface's next state depends on nothing but its own state and the
 * action: the simulation (state.ts) and its resumption after an edit (resume.ts) rest on that.
 */

/** How many bonds `load bonding` creates: bond0 .. bond(max_bonds - 1). */
function bondsCreated(action: LoadModuleAction): number {
  const maxBonds = action.params.find((p) => p.name === "max_bonds")?.values[0];
  return maxBonds?.kind === "const" ? Number(maxBonds.text) : 1;
}

/** An interface no declaration names, as the first step that names it finds it. */
export const undeclared = (name: string): IfaceState => startingState(name, "nic", true, "unknown", false);

/** `s` after `action`, or undefined when the action leaves it alone. */
export function transition(action: Action, s: IfaceState): IfaceState | undefined {
  switch (action.kind) {
    case "load": {
      if (action.module !== "bonding" || s.kind !== "bond" || Number(s.name.slice(4)) >= bondsCreated(action))
        return undefined;
      const bond = changeable(s);
      bond.exists = true;
      return bond;
    }
    case "vlan": {
      if (action.iface !== s.name) return undefined;
      const next = changeable(s);
      next.exists = true;
      next.power = "down";
      next.changedAt = action.span;
      return next;
    }
    case "up": {
      if (action.iface !== s.name) return undefined;
      const next = changeable(s);
      next.power = "up";
      next.changedAt = next.upAt = action.span;
      next.firmware = false;
      if (action.address) next.address = action.address;
      if (action.netmask) next.netmask = action.netmask;
      if (action.broadcast) next.broadcast = action.broadcast;
      if (action.hwaddr) next.hwaddr = action.hwaddr;
      return next;
    }
    case "down": {
      if (action.iface !== s.name) return undefined;
      const next = changeable(s);
      next.power = "down";
      next.changedAt = action.span;
      next.firmware = false;
      return next;
    }
    case "enslave": {
      // A bond named as its own slave is changed as the bond.
      if (action.bond === s.name) {
        const bond = changeable(s);
        bond.slaves = [...s.slaves, action.slave];
        return bond;
      }
      if (action.slave !== s.name) return undefined;
      const slave = changeable(s);
      slave.master = action.bond;
      slave.power = "up";
      slave.changedAt = action.span;
      slave.firmware = false;
      return slave;
    }
    default:
      return undefined;
  }
}
