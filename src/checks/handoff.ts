import type { Check, CheckContext } from "./context.js";
import { moveStatement } from "./fixes.js";

/*
 * Rules every target's handoff shares, in each target's words: nothing happens after it, and a
 * script without one never reaches its root. Targets list these among their checks.
 */

/** BOND0307 for every step after the handoff; `note` says why, in the target's terms. */
export function nothingAfterHandoff(note: string): Check {
  return (ctx: CheckContext) => {
    // Only the steps after the first handoff come after one.
    const [first] = ctx.indicesOf("handoff");
    if (first === undefined) return;
    // A mount after a handoff that lacked /proc is BOND0305's to report: one mistake, one message.
    // (Once mounted, /proc stays so: the first state handed off says whether any lacked it.)
    const handoffWithoutProc = !ctx.states[first + 1]!.procMountedAt;
    const { actions } = ctx.program;
    for (let i = first + 1; i < actions.length; i++) {
      const action = actions[i]!;
      const before = ctx.states[i]!;
      const lateMount = action.kind === "mount-proc" && handoffWithoutProc;
      if (action.kind === "discover" || lateMount) continue;
      const handoff = before.handedOffAt!;
      ctx.bag.report("BOND0307", ctx.here(action), "this step comes after the root handoff", {
        label: "too late",
        related: [{ span: handoff, message: "the root is handed off here" }, ...ctx.callLabels(action)],
        notes: [note],
        help: "move it before the handoff",
        fixes:
          handoff.file === ctx.program.file
            ? ctx.fix(action, (lines) =>
                moveStatement(lines, action.span, handoff, "before", "Move this step before the handoff"),
              )
            : [],
      });
    }
  };
}

/** BOND0312 when the script never hands off; `label` and `note` say what happens instead. */
export function mustHandOff(words: { readonly label: string; readonly note: string; readonly help: string }): Check {
  return (ctx: CheckContext) => {
    const { actions } = ctx.program;
    if (ctx.indicesOf("handoff").length > 0) return;
    const last = actions[actions.length - 1];
    // An empty file still gets the warning, at its start: it compiles to a script that does nothing.
    const span = last ? ctx.here(last) : (ctx.program.target.span ?? ctx.lines.span(ctx.program.file, 0, 0));
    ctx.bag.report("BOND0312", span, "the script never hands off to a root device", {
      label: words.label,
      notes: [words.note],
      help: words.help,
    });
  };
}
