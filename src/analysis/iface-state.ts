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
