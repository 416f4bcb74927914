import type { Check, CheckContext } from "../../checks/context.js";
import { insertLineBefore, moveStatement } from "../../checks/fixes.js";
import { mustHandOff } from "../../checks/handoff.js";

/*
 * What the real-root-dev handoff demands: it is a write under /proc, so /proc must be mounted
 * first, and a linuxrc that never writes it leaves the kernel mounting the root it booted with.
 * The write is final in nothing else: the kernel reads real-root-dev only once linuxrc has
 * exited (init/do_mounts_initrd.c, handle_initrd), so steps after it still run before the root
 * is mounted, and the root's carrier is judged at the script's end (checks/ordering.ts).
 */

function procBeforeHandoff(ctx: CheckContext): void {
  ctx.program.actions.forEach((action, i) => {
    if (action.kind !== "handoff" || ctx.states[i]!.procMountedAt || ctx.states[i]!.handedOffAt) return;
    const laterMount = ctx.findLater(i, (a) => a.kind === "mount-proc");
    ctx.bag.report("BOND0305", ctx.here(action), "the handoff writes to /proc before /proc is mounted", {
      label: "/proc/sys/kernel/real-root-dev does not exist yet",
      related: [
        ...(laterMount ? [{ span: ctx.here(laterMount), message: "/proc is mounted only here" }] : []),
        ...ctx.callLabels(action),
      ],
      notes: ["linuxrc starts without /proc; without the write the kernel mounts its default root, not NFS"],
      help: laterMount ? "move `mount proc` before the handoff" : "add `mount proc` before the handoff",
      fixes: laterMount
        ? ctx.fix(laterMount, (lines) =>
            moveStatement(lines, laterMount.span, action.span, "before", "Move `mount proc` before the handoff"),
          )
        : ctx.fix(action, (lines) =>
            insertLineBefore(lines, action.span, "mount proc", "Insert `mount proc` before the handoff"),
          ),
    });
  });
}

export const handoffChecks: readonly Check[] = [
  procBeforeHandoff,
  mustHandOff({
    label: "linuxrc ends after this step",
    note: "without a handoff the kernel mounts the root it was booted with, not the NFS root",
    help: "end with: mount proc, then handoff nfs",
  }),
];
