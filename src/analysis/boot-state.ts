import type { Span } from "../diagnostics/span.js";
import type { Action } from "../ir/ir.js";
import type { IfaceHistory } from "./iface-history.js";
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

/** One step's state; a class, so the state before each of thousands of steps is one small object. */
export class Step implements BootState {
  constructor(
    readonly modules: ReadonlyMap<string, Span>,
    readonly ifaces: ReadonlyMap<string, IfaceState>,
    readonly procMountedAt: Span | undefined,
    readonly handedOffAt: Span | undefined,
    readonly clientsWaitedAt: Span | undefined,
  ) {}
}

/**
 * One simulation, kept so that simulating the next program of the same file (an editor's session)
 * can resume from it (resume.ts).
 */
export interface Simulation {
  readonly actions: readonly Action[];
  readonly initial: readonly IfaceState[];
  readonly states: readonly BootState[];
  readonly history: IfaceHistory;
}
