import type { Span } from "../diagnostics/span.js";
import type { InterfaceKind, Value } from "../semantic/types.js";

/**
 * One interface in the boot typestate. "unknown" is a NIC nothing configured before the script
 * (every NIC but the boot NIC, and the boot NIC too where the target says the firmware's
 * configuration does not reach the script): the kernel leaves such a NIC down, but nothing in the
 * program says so, so the checks treat its state as an assumption and never as "up".
 */
export type Power = "up" | "down" | "unknown";

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

/** A state being made: every field writable. */
export type IfaceVersion = { -readonly [K in keyof IfaceState]: IfaceState[K] };

/**
 * A copy of `s` to change, with every field present in one order: one shape for every version
 * the simulation makes (thousands for a large site), where spreading states of a dozen shapes
 * was most of the simulation's cost.
 */
export function changeable(s: IfaceState): IfaceVersion {
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

/** An interface as the script finds it, in changeable()'s shape. */
export function startingState(
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

/** Whether `s` is the interface `name` as the script finds it (all that sets an interface's start). */
export const startsAs = (
  s: IfaceState,
  name: string,
  kind: InterfaceKind,
  exists: boolean,
  power: Power,
  firmware: boolean,
): boolean => s.name === name && s.kind === kind && s.exists === exists && s.power === power && s.firmware === firmware;

export const sameStart = (a: IfaceState, b: IfaceState): boolean =>
  a === b || startsAs(a, b.name, b.kind, b.exists, b.power, b.firmware);
