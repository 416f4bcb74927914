import { bondOptionSpec, modesNeedingMonitoring } from "../semantic/bonding.js";
import type { BondConfig } from "../ir/ir.js";
import type { BondOption } from "../semantic/types.js";
import { interfaceUses } from "../ir/uses.js";
import type { CheckContext } from "./context.js";

/*
 * The bonding driver's own rules (drivers/net/bonding/bond_options.c, bonding.rst): which options
 * apply in which modes, and how the link monitors combine.
 */

function intOf(option: BondOption | undefined): number | undefined {
  const v = option?.values[0];
  return v?.kind === "const" && v.type === "int" ? Number(v.text) : undefined;
}

export function checkBondingRules(ctx: CheckContext): void {
  const uses = interfaceUses(ctx.program.actions);
  for (const bond of ctx.program.bonds.values()) {
    const use = uses(bond.name);
    const used = use.ups.length > 0 || use.slavesAdded.length > 0;
    if (used) checkBond(ctx, bond);
  }
}

function checkBond(ctx: CheckContext, bond: BondConfig): void {
  const o = bond.options;
  const modeLabel = bond.modeSpan ? [{ span: bond.modeSpan, message: `mode ${bond.mode}` }] : [];
  for (const option of o.values()) {
    const spec = bondOptionSpec(option.name);
    if (spec?.modes && !spec.modes.includes(bond.mode)) {
      ctx.bag.report("BOND0501", option.span, `\`${option.name}\` does not apply in mode ${bond.mode}`, {
        label: `only in ${spec.modes.join(", ")}`,
        related: modeLabel,
        notes: [
          bond.modeSpan
            ? "the kernel rejects or ignores it in this mode"
            : "no mode is set, so the bond is balance-rr (the kernel default)",
        ],
        help: `remove \`${option.name}\`, or choose one of these modes: ${spec.modes.join(", ")}`,
      });
    }
  }
  const miimon = intOf(o.get("miimon")) ?? 0;
  const arpInterval = intOf(o.get("arp_interval")) ?? 0;
  if (miimon > 0 && arpInterval > 0) {
    ctx.bag.report("BOND0502", o.get("arp_interval")!.span, "miimon and arp_interval are both set", {
      related: [{ span: o.get("miimon")!.span, message: "miimon set here" }],
      notes: ["the driver runs one link monitor; with both it disables one"],
      help: "keep miimon (MII) or arp_interval (ARP), not both",
    });
  }
  for (const name of ["updelay", "downdelay"]) {
    const delay = intOf(o.get(name));
    if (delay === undefined || delay === 0) continue;
    if (miimon === 0) {
      ctx.bag.report("BOND0503", o.get(name)!.span, `\`${name}\` has no effect without miimon`, {
        notes: [`${name} is counted in MII monitor ticks`],
        help: "set miimon too, e.g. miimon 100",
      });
    } else if (delay % miimon !== 0) {
      const rounded = delay - (delay % miimon);
      ctx.bag.report(
        "BOND0504",
        o.get(name)!.span,
        `\`${name}\` ${delay} is not a multiple of miimon ${miimon}; the kernel uses ${rounded}`,
        {
          related: [{ span: o.get("miimon")!.span, message: `miimon ${miimon}` }],
          help: `write ${name} ${rounded} or ${rounded + miimon}`,
        },
      );
    }
  }
  if (arpInterval > 0 && !o.get("arp_ip_target")) {
    ctx.bag.report("BOND0505", o.get("arp_interval")!.span, "arp_interval is set but there is no arp_ip_target", {
      notes: ["the kernel resets arp_interval to 0, leaving the bond without link monitoring"],
      help: "add arp_ip_target with the NFS server's or gateway's address",
    });
  }
  const primary = o.get("primary");
  const primaryName = primary?.values[0]?.kind === "const" ? primary.values[0].text : undefined;
  if (primary && primaryName) {
    const slaves = interfaceUses(ctx.program.actions)(bond.name).slavesAdded.map((a) => a.slave);
    if (!slaves.includes(primaryName)) {
      ctx.bag.report("BOND0506", primary.span, `primary ${primaryName} is not a slave of ${bond.name}`, {
        label: slaves.length > 0 ? `the slaves are ${slaves.join(", ")}` : `${bond.name} has no slaves`,
        help: "name one of the enslaved interfaces",
      });
    }
  }
  if (modesNeedingMonitoring.includes(bond.mode) && miimon === 0 && arpInterval === 0) {
    const up = interfaceUses(ctx.program.actions)(bond.name).ups[0];
    const span = bond.modeSpan ?? (up ? ctx.here(up) : undefined);
    if (span) {
      ctx.bag.report("BOND0507", span, `${bond.name} (${bond.mode}) has no link monitoring and will never fail over`, {
        notes: ["without miimon or arp_interval the driver never notices a dead link"],
        help: "add miimon 100",
      });
    }
  }
}
