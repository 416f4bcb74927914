import type { Check, CheckContext } from "../../checks/context.js";
import { mustHandOff, nothingAfterHandoff } from "../../checks/handoff.js";

/*
 * An /init mounts the root itself: it needs to know where the NFS root is (the kernel's nfsroot=
 * is for kernels that mount it themselves), and nothing follows switch_root.
 */

function nfsRootNamed(ctx: CheckContext): void {
  ctx.eachOf("handoff", (action) => {
    if (action.root.kind !== "nfs") return;
    const missing = [...(action.nfsServer ? [] : ["server"]), ...(action.nfsPath ? [] : ["path"])];
    if (missing.length === 0) return;
    ctx.bag.report("BOND0316", ctx.here(action), `the NFS root has no ${missing.join(" and no ")}`, {
      label: `an initramfs mounts the root itself and needs its ${missing.join(" and ")}`,
      related: ctx.callLabels(action),
      notes: ["only a kernel that mounts the root itself reads it from nfsroot= on its command line"],
      help: 'name them: handoff nfs { server 10.0.2.2  path "/srv/nfsroot/node5" }',
    });
  });
}

export const initramfsChecks: readonly Check[] = [
  nfsRootNamed,
  nothingAfterHandoff("switch_root replaces /init with the root's own init: nothing after it runs"),
  mustHandOff({
    label: "/init ends after this step",
    note: "an /init that ends without switch_root leaves the kernel without an init, and it panics",
    help: 'end with: handoff nfs { server …  path "…" }',
  }),
];
