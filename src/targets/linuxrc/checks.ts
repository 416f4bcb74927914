import type { Check, CheckContext } from "../../checks/context.js";
import { insertLineBefore, moveStatement } from "../../checks/fixes.js";
import { mustHandOff, nothingAfterHandoff } from "../../checks/handoff.js";

/*
 * What the real-root-dev handoff demands: it is a write under /proc, so /proc must be mounted
 * first; nothing is done after it; and a linuxrc that never writes it leaves the kernel mounting
 * the root it booted with.
 */

function procBeforeHandoff(ctx: CheckContext): void {
  ctx.program.actions.forEach((action, i) => {
    if (action.kind !== "handoff" || ctx.states[i]!.procMountedAt || ctx.states[i]!.handedOffAt) return;
    const laterMount = ctx.findLater(i, (a) => a.kind === "mount-proc");
    ctx.bag.report("BOND0305", ctx.here(action), "the handoff writes to /proc before /proc is mounted", {
      label: "/proc/sys/kernel/real-root-dev does not exist yet",
      related: [...(laterMount ? [{ span: ctx.here(laterMount), message: "/proc is mounted only here" }] : []), ...ctx.callLabels(action)],
      notes: ["linuxrc starts without /proc; without the write the kernel mounts its default root, not NFS"],
      help: laterMount ? "move `mount proc` before the handoff" : "add `mount proc` before the handoff",
      fixes: laterMount
        ? ctx.fix(laterMount, (lines) => moveStatement(lines, laterMount.span, action.span, "before", "Move `mount proc` before the handoff"))
        : ctx.fix(action, (lines) => insertLineBefore(lines, action.span, "mount proc", "Insert `mount proc` before the handoff")),
    });
  });
}

export const handoffChecks: readonly Check[] = [
  nothingAfterHandoff("once real-root-dev is written and linuxrc ends, the kernel mounts the root"),
  procBeforeHandoff,
  mustHandOff({
    label: "linuxrc ends after this step",
    note: "without a handoff the kernel mounts the root it was booted with, not the NFS root",
    help: "end with: mount proc, then handoff nfs",
  }),
];
