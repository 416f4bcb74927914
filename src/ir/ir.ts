import type { Span } from "../diagnostics/span.js";
import type { BondingMode } from "../semantic/bonding.js";
import type { KernelVersion } from "../semantic/kernel.js";
import type { LateClients } from "../semantic/wait.js";
import type { BondOption, DiscoverField, InterfaceDecl, NodeField, UpSetting, Value } from "../semantic/types.js";

/*
 * The flat IR: one straight-line list of boot actions, procedures already expanded, every name
 * resolved and every value typed. Checks walk it as a typestate machine; backends print it.
 * Nothing here knows about shells or toolsets.
 */

interface ActionBase {
  /** The statement that produced the action (possibly inside a procedure, possibly in stdlib). */
  readonly span: Span;
  /** Call sites that expanded to this action, outermost first; empty at top level. */
  readonly callSites: readonly Span[];
}

export interface DiscoverAction extends ActionBase {
  readonly kind: "discover";
  readonly iface: string;
  readonly field: DiscoverField;
  /** The DiscoveredValue.id of the value this read produces. */
  readonly id: number;
  /** What the user called the value (`let ip = discover …`), for readable run-time names. */
  readonly hint: string;
}
/**
 * Finds this node's row of the cluster's inventory: its name from `bondc.node=` on the kernel
 * command line, its values from the inventory's clients, which the script holds.
 */
export interface NodeAction extends ActionBase {
  readonly kind: "node";
  readonly field: NodeField;
  /** The NodeValue.id of the value this lookup produces. */
  readonly id: number;
  /** What the user called the value, for readable run-time names. */
  readonly hint: string;
}
export interface LoadModuleAction extends ActionBase {
  readonly kind: "load";
  readonly module: string;
  readonly params: readonly BondOption[];
}
export interface UpAction extends ActionBase {
  readonly kind: "up";
  readonly iface: string;
  readonly address?: Value;
  readonly netmask?: Value;
  readonly broadcast?: Value;
  readonly hwaddr?: Value;
  /** The default route's next hop, added once the interface is up. */
  readonly gateway?: Value;
  /** Bonding options written in the bond's up block. */
  readonly bondOptions: readonly BondOption[];
  /**
   * Settings written in the block whose values had errors (already reported). Checks treat them
   * as given, so a mistyped address is not echoed as "brought up without an address".
   */
  readonly erroneous: readonly UpSetting[];
}
export interface DownAction extends ActionBase {
  readonly kind: "down";
  readonly iface: string;
}
export interface EnslaveAction extends ActionBase {
  readonly kind: "enslave";
  readonly bond: string;
  readonly slave: string;
}
/** Creates a VLAN interface (`bond0.100`) on its parent; lowered before the VLAN's first `up`. */
export interface VlanAction extends ActionBase {
  readonly kind: "vlan";
  readonly iface: string;
  readonly parent: string;
  readonly id: number;
}
export interface MountProcAction extends ActionBase {
  readonly kind: "mount-proc";
}

export type RootDevice =
  | { readonly kind: "nfs" }
  /** A block device; `number` is what real-root-dev takes (major * 256 + minor). */
  | { readonly kind: "block"; readonly device: string; readonly number: number }
  /**
   * A root bondc could not make sense of (already reported). The handoff still happens as far as
   * the checks are concerned, so they do not add "never hands off" to the real mistake.
   */
  | { readonly kind: "unknown" };

export interface HandoffAction extends ActionBase {
  readonly kind: "handoff";
  readonly root: RootDevice;
  readonly nfsServer?: Value;
  readonly nfsPath?: Value;
  /** Mount options for a target that mounts the NFS root itself. */
  readonly nfsOptions?: Value;
}

/**
 * A server's wait for every client of the inventory to answer on its address. The clients
 * themselves are read from the inventory when the script is generated.
 */
export interface WaitClientsAction extends ActionBase {
  readonly kind: "wait-clients";
  /** Seconds. */
  readonly deadline: number;
  /** At the deadline with clients missing: stop (`fail`) or bond anyway (`bond`, written out). */
  readonly then: LateClients;
  /** Where `then bond` is written. */
  readonly thenSpan?: Span;
}

export type Action =
  | DiscoverAction
  | NodeAction
  | LoadModuleAction
  | VlanAction
  | UpAction
  | DownAction
  | EnslaveAction
  | MountProcAction
  | HandoffAction
  | WaitClientsAction;

export type FailurePolicyKind = "fallback" | "shell" | "halt";

export interface FailurePolicy {
  readonly kind: FailurePolicyKind;
  /** Where `on failure` was written; undefined when defaulted. */
  readonly span?: Span;
}

export interface TargetInfo {
  readonly name: string;
  readonly kernel?: string;
  /** The kernel as a version, when `kernel` parses; where it is written, for messages. */
  readonly kernelVersion?: { readonly version: KernelVersion; readonly span: Span };
  readonly tools: string;
  readonly span?: Span;
}

/** The effective configuration of one bond: load parameters and up-block options merged. */
export interface BondConfig {
  readonly name: string;
  readonly mode: BondingMode;
  /** Where the mode was set; undefined when it is the kernel default (balance-rr). */
  readonly modeSpan?: Span;
  readonly options: ReadonlyMap<string, BondOption>;
}

export interface Program {
  readonly file: string;
  readonly target: TargetInfo;
  readonly policy: FailurePolicy;
  /** The NIC the boot firmware configured; what fallback restores. */
  readonly bootInterface?: string;
  readonly interfaces: ReadonlyMap<string, InterfaceDecl>;
  readonly actions: readonly Action[];
  readonly bonds: ReadonlyMap<string, BondConfig>;
  /**
   * True for a library: a file of procedures, imports or an inventory with no node program (no
   * target block, no statement outside a procedure). It boots nothing, so the rules about a
   * node's program (a handoff, its kernel) do not apply to it.
   */
  readonly library: boolean;
}

/** Where a user should look for an action: in their own file, the outermost call site. */
export function userSpan(action: ActionBase, file: string): Span {
  if (action.span.file === file) return action.span;
  return action.callSites[0] ?? action.span;
}
