import type { Check, CheckContext } from "../../checks/context.js";
import type { BondOption } from "../../semantic/types.js";

/*
 * With net-tools, bonding options reach the driver only as insmod parameters, and module
 * parameters are every bond's: there is no way to give bond1 a mode of its own. Two bonds whose
 * options differ would silently get the same ones, so that is an error here, never a merge.
 */

const valueText = (o: BondOption | undefined): string =>
  o ? o.values.map((v) => (v.kind === "const" ? v.text : `${v.iface}.${v.field}`)).join(",") : "the kernel's default";

function sharedModuleParameters(ctx: CheckContext): void {
  const bonds = [...ctx.program.bonds.values()];
  if (bonds.length < 2) return;
  const written = new Map<string, { bond: string; option: BondOption }[]>();
  for (const action of ctx.program.actions) {
    if (action.kind !== "up" || !ctx.program.bonds.has(action.iface)) continue;
    for (const option of action.bondOptions) {
      // Appended in place: copying the list per option made a site of many bonds quadratic.
      let uses = written.get(option.name);
      if (!uses) written.set(option.name, (uses = []));
      uses.push({ bond: action.iface, option });
    }
  }
  for (const [name, uses] of written) {
    const [first] = uses;
    const other = bonds.find(
      (b) => b.name !== first!.bond && valueText(b.options.get(name)) !== valueText(first!.option),
    );
    if (!first || !other) continue;
    const theirs = other.options.get(name);
    ctx.bag.report(
      "BOND0509",
      first.option.span,
      `${first.bond} and ${other.name} need different \`${name}\` values, and net-tools can set only one`,
      {
        label: `${first.bond}: ${name} ${valueText(first.option)}`,
        related: theirs ? [{ span: theirs.span, message: `${other.name}: ${name} ${valueText(theirs)}` }] : [],
        notes: [
          "net-tools sets bonding options as parameters of `insmod bonding`, which apply to every bond",
          `${other.name} would silently run with ${first.bond}'s ${name}`,
        ],
        help: "give every bond the same options, or use a toolset that sets them per bond (tools busybox)",
      },
    );
  }
}

export const moduleParameterChecks: readonly Check[] = [sharedModuleParameters];
