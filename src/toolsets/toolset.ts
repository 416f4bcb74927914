import type { Check } from "../checks/context.js";
import type { KernelRange } from "../semantic/kernel.js";
import type { DiscoverField } from "../semantic/types.js";
import type { Command, Statement, Word } from "../sh/ast.js";

/*
 * A toolset is the set of programs a generated script calls, and how it calls them. The generator
 * decides what to do and in what order; a toolset only knows how its programs spell each step,
 * how to read a field out of what they print, and how they take bonding options.
 * To add one: a folder beside net-tools/ exporting a Toolset, and one line in src/registry/.
 */

export interface UpArgs {
  readonly address?: Word;
  readonly netmask?: Word;
  readonly broadcast?: Word;
  readonly hwaddr?: Word;
}

export interface ModuleParam {
  readonly name: string;
  readonly value: Word;
}

/** How bonding options reach the driver. */
export type BondOptionRoute =
  /** As parameters of the module load, shared by every bond (insmod bonding mode=1). */
  | "module-parameters"
  /** Each bond its own, while it is down and has no slaves (sysfs); load parameters are every bond's defaults. */
  | "per-bond"
  /**
   * Each bond its own, all at once, as the toolset creates the bond right after the module load
   * (`ip link add bond0 type bond mode …`); the load itself then creates none.
   */
  | "at-creation";

export interface Toolset {
  readonly name: string;
  /** One line for `bondc explain` and docs: what it is and where it comes from. */
  readonly summary: string;
  /** The programs (beyond the shell) a script for this toolset runs, so an image builder can include them. */
  readonly tools: readonly string[];
  readonly bondOptions: BondOptionRoute;
  /** Sets one option of one bond; each value of a list option (arp_ip_target) is set on its own. Only for "per-bond". */
  bondOption?(bond: string, name: string, value: Word): Command;
  /** Creates a bond with its options (a list option's values joined by commas). Only for "at-creation". */
  createBond?(bond: string, options: readonly ModuleParam[]): Command;
  /** Prints the interface's settings, for `readField` to read. */
  query(iface: string): Command;
  /**
   * Why `query` needs /proc mounted, when it does (net-tools' ifconfig finds the interface in
   * /proc/net/dev). On a target that starts without /proc, the script then mounts it before the
   * first query, wherever the program's own `mount proc` comes.
   */
  readonly queryNeedsProc?: string;
  /**
   * Statements that set `target` to `field` read from the `query` output held in the variable
   * `source`, and run `fail` when it is not there or not well-formed.
   */
  readonly readField: (source: string, target: string, field: DiscoverField, fail: Statement) => Statement[];
  load(module: string, params: readonly ModuleParam[]): Command;
  /** Brings an interface up with its settings: one command (ifconfig) or several, run in order (ip). */
  up(iface: string, args: UpArgs): Command | readonly Command[];
  /** Takes an interface down; `clearAddress` also drops its IPv4 address (and so its route). */
  down(iface: string, clearAddress: boolean): Command | readonly Command[];
  enslave(bond: string, slave: string): Command;
  /**
   * Creates the VLAN interface `name` (PARENT.ID, as 8021q names it) with id `id` on `parent`.
   * Every toolset has a way: ip link add … type vlan, or the vconfig of the vlan package or of busybox.
   */
  createVlan(parent: string, id: number, name: string): Command;
  release(bond: string, slave: string): Command;
  mountProc(): Command;
  /** Adds the default route through `gateway`. */
  route(gateway: Word): Command;
  /**
   * The kernels whose interfaces this toolset's programs use (checked against `kernel`, BOND0511);
   * undefined when they work on every kernel bondc knows.
   */
  readonly kernels?: KernelRange;
  /** Rules this toolset's programs impose (module parameters shared by every bond, say). */
  readonly checks: readonly Check[];
  /** How each step is named when it fails ("insmod bonding"), in the toolset's own words. */
  readonly failed: StepWords;
  /**
   * Announces that `address` now lives on `iface` with a gratuitous ARP, when the toolset has a
   * program for it; without one the bonding driver's own notification is all there is
   * (docs/cluster.md).
   */
  announce?(iface: string, address: Word): Command;
}

export interface StepWords {
  query(iface: string): string;
  read(field: DiscoverField, iface: string): string;
  load(module: string): string;
  up(iface: string): string;
  down(iface: string): string;
  enslave(bond: string, slave: string): string;
  route(gateway: string): string;
  createVlan(name: string): string;
  /** Only for a toolset whose bonds are created "at-creation". */
  createBond?(bond: string): string;
}

/** A step's commands as a list, whether the toolset spells it as one command or several. */
export function commands(step: Command | readonly Command[]): readonly Command[] {
  return "kind" in step ? [step] : step;
}
