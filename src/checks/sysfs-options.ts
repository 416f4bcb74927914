import type { Check, CheckContext } from "./context.js";

/*
 * A toolset that writes each bond's options to sysfs at its `up` step meets the driver's own
 * conditions on when an option may change (drivers/net/bonding/bond_options.c): mode and
 * fail_over_mac only while the bond has no slaves (BOND_OPTFLAG_NOSLAVES), mode, lacp_rate and
 * ad_select only while it is down (BOND_OPTFLAG_IFDOWN). Enslaving into a down bond is fine for
 * such a toolset, so an `up` with these options after an enslave is where it breaks.
 */

const NO_SLAVES = new Set(["mode", "fail_over_mac"]);
const DOWN_ONLY = new Set(["mode", "lacp_rate", "ad_select"]);

/** BOND0515 for an option the driver would refuse at the `up` that writes it. */
export const optionsWhileBondIdle: Check = (ctx: CheckContext) => {
  ctx.eachOf("up", (action, i) => {
    const bond = ctx.states[i]!.ifaces.get(action.iface);
    if (bond?.kind !== "bond" || !bond.exists) return;
    for (const option of action.bondOptions) {
      const slaves = NO_SLAVES.has(option.name) && bond.slaves.length > 0;
      const up = DOWN_ONLY.has(option.name) && bond.power === "up";
      if (!slaves && !up) continue;
      const enslaved = ctx.program.actions
        .slice(0, i)
        .find((a) => a.kind === "enslave" && a.bond === action.iface && slaves);
      ctx.bag.report(
        "BOND0515",
        option.span,
        `\`${option.name}\` is written to ${action.iface} while it ${slaves ? "has slaves" : "is up"}`,
        {
          label: slaves ? `${action.iface} has ${bond.slaves.join(", ")} here` : `${action.iface} is up here`,
          related: [
            ...(enslaved ? [{ span: ctx.here(enslaved), message: "enslaved here, before the options" }] : []),
            ...ctx.callLabels(action),
          ],
          notes: [
            slaves
              ? `the bonding driver takes ${option.name} only from a bond without slaves (bond_options.c, BOND_OPTFLAG_NOSLAVES); the sysfs write fails`
              : `the bonding driver takes ${option.name} only from a bond that is down (bond_options.c, BOND_OPTFLAG_IFDOWN); the sysfs write fails`,
          ],
          help: `give ${action.iface} its options in the first \`up ${action.iface}\`, before anything is enslaved to it`,
        },
      );
    }
  });
};
