import type { Check } from "../checks/context.js";
import type { HandoffPromise } from "../analysis/end-state.js";
import type { HandoffAction, WaitClientsAction } from "../ir/ir.js";
import type { Inventory } from "../semantic/inventory/inventory.js";
import type { KernelRange } from "../semantic/kernel.js";
import type { Value } from "../semantic/types.js";
import type { Command, Statement, Word } from "../sh/ast.js";

/*
 * A target is what bondc generates for one way of booting: where the program lives in the initrd,
 * what it may mount, how the root is handed over (emitted and checked), what the end state
 * promises, and the words messages use for it. To add one: a folder beside linuxrc/ exporting a
 * Target, and one line in src/registry/.
 */

/** What the node's root carrier looks like at the handoff (the bond and its address). */
export interface Carrier {
  readonly iface: string;
  readonly address: Word;
  readonly netmask?: Word;
  /** An 802.3ad bond carries traffic only once its aggregator has ports. */
  readonly aggregator?: boolean;
}

/** A client of the cluster's inventory, as the server's wait needs it. */
export interface Client {
  readonly name: string;
  readonly address: string;
}

export interface Target {
  readonly name: string;
  /** One line for `bondc explain` and docs. */
  readonly summary: string;
  /** Where the generated program lives in the initrd, and so the artifact's path. */
  readonly entryPath: string;
  readonly defaultTools: string;
  /** What `mount WHAT` may name. */
  readonly mounts: readonly string[];
  /**
   * True when /proc is mounted before the first step (the prelude mounts it, or the system is up);
   * false when the file starts without it and mounts it itself (`mount proc`): a toolset whose
   * reads need /proc (`Toolset.queryNeedsProc`) then gets it mounted before the first read.
   */
  readonly procAtStart: boolean;
  /** Programs the target's own statements run (beyond the toolset's and the shell's builtins). */
  readonly tools: readonly string[];
  /** Statements that run before the first step (mounts the target needs, helper functions). */
  prelude(onFail: (what: string) => Command): Statement[];
  /**
   * The kernels whose boot runs this target's program (checked against `kernel`, BOND0122);
   * undefined when every kernel bondc knows does.
   */
  readonly kernels?: KernelRange;
  /**
   * What the script exits with once the fallback has put the boot NIC back: 0 (the default) for a
   * boot script, after which the kernel goes on; non-zero for a script whose caller must hear
   * that the system stayed unbonded.
   */
  readonly fallbackExit?: number;
  /** True for the cluster's server, whose program waits for the inventory's clients. */
  readonly waitsForClients?: boolean;
  /**
   * The wait for the inventory's clients as script statements, for a target that waits for them;
   * `onFail(what)` runs when a step of the wait itself fails (reading the clock).
   */
  waitForClients?(
    action: WaitClientsAction,
    clients: readonly Client[],
    /** What the script's echoes start with: `bondc: FILE:LINE: `. */
    say: string,
    onFail: (what: string) => Command,
  ): Statement[];
  /** Rules that compare the program with the cluster's inventories (the server's). */
  clusterChecks?(inventories: readonly Inventory[]): Check[];
  /** The rules this target's handoff imposes, run after the generic checks. */
  readonly checks: readonly Check[];
  /** True when the handoff replaces the script (exec), so nothing after it ever runs. */
  readonly handoffExecs: boolean;
  /**
   * Whether the boot NIC still has the boot firmware's configuration (up, with the node's
   * address) when the program starts. When false, it starts like every other NIC: unknown, which
   * the kernel leaves down and unaddressed (an assumption the checks state as one).
   */
  readonly bootNicConfigured: boolean;
  /** The first line of the generated program's header comment. */
  title(sourceName: string, version: string): string;
  /** What the handoff step says it does ("hand the root over to NFS (real-root-dev 0x00ff)"). */
  describeHandoff(action: HandoffAction): string;
  /**
   * The handoff as script statements. `render` spells a value in the script (a discovered one
   * lives where the backend put it); `onFail(what)` runs when one of the statements fails.
   */
  handoff(
    action: HandoffAction,
    carrier: Carrier | undefined,
    render: (value: Value) => Word,
    onFail: (what: string) => Command,
  ): Statement[];
  /** What a finished handoff leaves for the real-kernel harness to compare. */
  promise(action: HandoffAction): HandoffPromise;
}
