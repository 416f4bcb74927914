import type { BootState } from "../analysis/state.js";
import type { VlanAction } from "../ir/ir.js";
import type { CheckContext } from "./context.js";

/*
 * VLAN interfaces (`bond0.100`) on a bond: the 8021q module must be loaded before the first one
 * is created, and the bond under it must already be up with a slave, since the VLAN copies its
 * parent's MAC when it is created (bonding.rst, "VLAN Challenges") and cannot come up on a parent
 * that is down (vlan_dev_open(): -ENETDOWN).
 */
export function checkVlans(ctx: CheckContext): void {
  ctx.eachOf("vlan", (action, i) => {
    const before = ctx.states[i]!;
    require8021q(ctx, action, before);
    requireParentWithSlave(ctx, action, before);
  });
}

function require8021q(ctx: CheckContext, action: VlanAction, before: BootState): void {
  if (before.modules.has("8021q")) return;
  ctx.bag.report("BOND0321", ctx.here(action), `${action.iface} is created before the 8021q module is loaded`, {
    label: `VLAN ${action.id} on ${action.parent}`,
    related: ctx.callLabels(action),
    notes: [
      "VLAN interfaces are the 8021q module's; bondc loads it explicitly so that a missing module fails at its own step",
    ],
    help: "add `load 8021q` before this step",
  });
}

function requireParentWithSlave(ctx: CheckContext, action: VlanAction, before: BootState): void {
  const parent = before.ifaces.get(action.parent);
  if (!parent || parent.kind !== "bond") return;
  if (parent.power === "up" && parent.slaves.length > 0) return;
  const missing = parent.power !== "up" ? "is not up" : "has no slave yet";
  ctx.bag.report("BOND0320", ctx.here(action), `${action.iface} is created while ${action.parent} ${missing}`, {
    label: `VLAN ${action.id} on ${action.parent}`,
    related: [
      ...(parent.changedAt ? [{ span: parent.changedAt, message: `${action.parent} last changed here` }] : []),
      ...ctx.callLabels(action),
    ],
    notes: [
      "a VLAN copies its bond's MAC when it is created, and a bond takes its MAC from its first slave",
      "a VLAN cannot come up while its parent is down (the kernel answers ENETDOWN)",
    ],
    help: `bring ${action.parent} up and enslave its NICs before this step`,
  });
}
