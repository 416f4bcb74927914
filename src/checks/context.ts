import type { Fix } from "../diagnostics/diagnostic.js";
import type { DiagnosticBag } from "../diagnostics/report.js";
import type { LineIndex, Span } from "../diagnostics/span.js";
import { userSpan, type Action, type Program } from "../ir/ir.js";
import type { BootState } from "../analysis/state.js";

/** A check over the IR: reads the program and the states, reports into the bag. */
export type Check = (ctx: CheckContext) => void;

/** What every check over the IR gets: the program, the state before each action, and the sink. */
export class CheckContext {
  private byKind?: Map<Action["kind"], number[]>;

  constructor(
    readonly program: Program,
    /** states[i] is the state action i sees; the last entry is the final state. */
    readonly states: readonly BootState[],
    readonly bag: DiagnosticBag,
    /** The root file's lines, for quick fixes. */
    readonly lines: LineIndex,
    /**
     * True when the target's handoff replaces the script (switch_root): nothing after it runs and
     * the root is mounted at the handoff. False for a handoff the kernel reads once the script
     * exits (real-root-dev): later steps still run before the root is mounted.
     */
    readonly handoffEndsScript: boolean,
  ) {}

  /** The state the node is in when its root is mounted (at a final handoff, or when the script exits). */
  stateAtRootMount(handoffIndex: number): BootState {
    return this.handoffEndsScript ? this.states[handoffIndex]! : this.states[this.states.length - 1]!;
  }

  /** Where the user should look for an action: their own file's statement or call. */
  here(action: Action): Span {
    return userSpan(action, this.program.file);
  }

  /** Quick fixes are offered only for steps written directly in the user's file. */
  fix(action: Action, make: (lines: LineIndex) => Fix | undefined): Fix[] {
    if (action.callSites.length > 0 || action.span.file !== this.program.file) return [];
    const fix = make(this.lines);
    return fix ? [fix] : [];
  }

  /**
   * Calls `visit` with each action of `kind` and its index, in order. Most checks look at one
   * kind of step; each walking the thousands of others of a large site added up.
   */
  eachOf<K extends Action["kind"]>(kind: K, visit: (action: Extract<Action, { kind: K }>, i: number) => void): void {
    const { actions } = this.program;
    for (const i of this.indicesOf(kind)) visit(actions[i] as Extract<Action, { kind: K }>, i);
  }

  /** The indices of the actions of `kind`, in order (one walk over the actions for all kinds). */
  indicesOf(kind: Action["kind"]): readonly number[] {
    if (!this.byKind) {
      const byKind = new Map<Action["kind"], number[]>();
      this.program.actions.forEach((a, i) => {
        let indices = byKind.get(a.kind);
        if (!indices) byKind.set(a.kind, (indices = []));
        indices.push(i);
      });
      this.byKind = byKind;
    }
    return this.byKind.get(kind) ?? [];
  }

  /** The first action after index `from` that satisfies `test`. */
  findLater<T extends Action>(from: number, test: (a: Action) => a is T): T | undefined;
  findLater(from: number, test: (a: Action) => boolean): Action | undefined;
  findLater(from: number, test: (a: Action) => boolean): Action | undefined {
    const { actions } = this.program;
    for (let i = from + 1; i < actions.length; i++) if (test(actions[i]!)) return actions[i];
    return undefined;
  }

  /** "called from here" labels, so an error inside a library procedure still leads to the user's line. */
  callLabels(action: Action): { span: Span; message: string }[] {
    if (action.span.file === this.program.file) return [];
    return [{ span: action.span, message: "inside this library step" }];
  }
}

/** What the program's target says about the boot around its script. */
export interface TargetFacts {
  /** Steps after the handoff never run (switch_root), rather than before the root is mounted. */
  readonly handoffEndsScript: boolean;
  /** The boot NIC still has the firmware's configuration when the program starts. */
  readonly bootNicConfigured: boolean;
}
