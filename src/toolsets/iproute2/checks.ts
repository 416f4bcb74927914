import type { Check, CheckContext } from "../../checks/context.js";
import { unknownSlaveMustBeDown } from "../../checks/enslave.js";
import type { DiscoverAction } from "../../ir/ir.js";

/*
 * iproute2 creates each bond with all its options in one `ip link add … type bond …`, right
 * after `modprobe bonding`. An option whose value is discovered (`primary` read from nothing, an
 * arp_ip_target read from a NIC) must therefore be read before that load: after it, the variable
 * that holds it is still empty when ip runs.
 */
function optionsReadBeforeCreation(ctx: CheckContext): void {
  const actions = ctx.program.actions;
  const loadAt = actions.findIndex((a) => a.kind === "load" && a.module === "bonding");
  if (loadAt < 0) return;
  const load = actions[loadAt]!;
  for (const bond of ctx.program.bonds.values()) {
    for (const option of bond.options.values()) {
      for (const value of option.values) {
        if (value.kind !== "discovered") continue;
        const readAt = actions.findIndex((a) => a.kind === "discover" && a.id === value.id);
        if (readAt < loadAt) continue;
        const read = actions[readAt] as DiscoverAction;
        ctx.bag.report(
          "BOND0512",
          option.span,
          `${bond.name}'s ${option.name} is read after \`load bonding\`, where iproute2 creates ${bond.name}`,
          {
            label: `${option.name} ${value.iface}.${value.field}`,
            related: [
              { span: ctx.here(read), message: `${value.iface}.${value.field} is read here` },
              { span: ctx.here(load), message: `\`ip link add ${bond.name} type bond …\` runs here` },
            ],
            notes: [
              "iproute2 gives a bond all its options in the `ip link add … type bond` that creates it, right after `modprobe bonding`",
            ],
            help: `read ${value.iface}.${value.field} before \`load bonding\``,
          },
        );
      }
    }
  }
}

// `ip link set … master` enslaves into a bond that is down (no masterMustBeUp), but leaves the
// slave as it is, and the kernel's bond_enslave() refuses an up one.
export const iproute2Checks: readonly Check[] = [
  optionsReadBeforeCreation,
  unknownSlaveMustBeDown({
    refusal:
      '`ip link set … master` does not take the slave down, and the kernel refuses an up slave (EPERM, "Device can not be enslaved while up")',
  }),
];
