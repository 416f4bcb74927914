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

/** A step that reads or writes under /proc, and how a report about it reads. */
interface ProcStep {
  readonly kind: "handoff" | "node";
  readonly code: "BOND0305" | "BOND0333";
  readonly message: string;
  readonly label: string;
  readonly note: string;
  /** The step as help and quick fixes name it. */
  readonly step: string;
}

/** `step` must come after `mount proc`: linuxrc starts without /proc. */
function procBefore(step: ProcStep): Check {
  return (ctx: CheckContext) =>
    ctx.eachOf(step.kind, (action, i) => {
      if (ctx.states[i]!.procMountedAt || ctx.states[i]!.handedOffAt) return;
      const laterMount = ctx.findLater(i, (a) => a.kind === "mount-proc");
      ctx.bag.report(step.code, ctx.here(action), step.message, {
        label: step.label,
        related: [
          ...(laterMount ? [{ span: ctx.here(laterMount), message: "/proc is mounted only here" }] : []),
          ...ctx.callLabels(action),
        ],
        notes: [step.note],
        help: laterMount ? `move \`mount proc\` before ${step.step}` : `add \`mount proc\` before ${step.step}`,
        fixes: laterMount
          ? ctx.fix(laterMount, (lines) =>
              moveStatement(lines, laterMount.span, action.span, "before", `Move \`mount proc\` before ${step.step}`),
            )
          : ctx.fix(action, (lines) =>
              insertLineBefore(lines, action.span, "mount proc", `Insert \`mount proc\` before ${step.step}`),
            ),
      });
    });
}

export const handoffChecks: readonly Check[] = [
  procBefore({
    kind: "handoff",
    code: "BOND0305",
    message: "the handoff writes to /proc before /proc is mounted",
    label: "/proc/sys/kernel/real-root-dev does not exist yet",
    note: "linuxrc starts without /proc; without the write the kernel mounts its default root, not NFS",
    step: "the handoff",
  }),
  // The one image finds its node by bondc.node= in /proc/cmdline (docs/cluster.md).
  procBefore({
    kind: "node",
    code: "BOND0333",
    message: "the node's row is looked up before /proc is mounted",
    label: "/proc/cmdline, which names the node, does not exist yet",
    note: "linuxrc starts without /proc; the lookup would find no bondc.node= on any node",
    step: "the lookup",
  }),
  mustHandOff({
    label: "linuxrc ends after this step",
    note: "without a handoff the kernel mounts the root it was booted with, not the NFS root",
    help: "end with: mount proc, then handoff nfs",
  }),
];
