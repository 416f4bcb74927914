import type { Command, Word } from "../sh/ast.js";

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

/** What the node's root carrier looks like at the handoff, for nfs-root-addrs. */
export interface Carrier {
  readonly iface: string;
  readonly address: Word;
  readonly netmask?: Word;
}

/**
 * The commands of one toolset. The generator decides what to do and in what order; a toolset
 * only knows how its tools spell each step.
 */
export interface Toolset {
  readonly name: string;
  /** The tools (beyond the shell) a script for this toolset runs. */
  readonly tools: readonly string[];
  query(iface: string): Command;
  load(module: string, params: readonly ModuleParam[]): Command;
  up(iface: string, args: UpArgs): Command;
  /** Takes an interface down; `clearAddress` also drops its IPv4 address (and so its route). */
  down(iface: string, clearAddress: boolean): Command;
  enslave(bond: string, slave: string): Command;
  release(bond: string, slave: string): Command;
  mountProc(): Command;
}
