import type { Check, CheckContext } from "../../checks/context.js";
import { masterMustBeUp } from "../../checks/enslave.js";
import { valueSource, type BondOption } from "../../semantic/types.js";

/*
 * With net-tools, bonding options reach the driver only as insmod parameters, and module
 * parameters are every bond's: there is no way to give bond1 a mode of its own. Two bonds whose
 * options differ would silently get the same ones, so that is an error here, never a merge.
 */

const valueText = (o: BondOption | undefined): string =>
  o ? o.values.map(valueSource).join(",") : "the kernel's default";

function sharedModuleParameters(ctx: CheckContext): void {
  const bonds = [...ctx.program.bonds.values()];
  if (bonds.length < 2) return;
  const written = new Map<string, { bond: string; option: BondOption }[]>();
  ctx.eachOf("up", (action) => {
    if (!ctx.program.bonds.has(action.iface)) return;
    for (const option of action.bondOptions) {
      // Appended in place: copying the list per option made a site of many bonds quadratic.
      let uses = written.get(option.name);
      if (!uses) written.set(option.name, (uses = []));
      uses.push({ bond: action.iface, option });
    }
  });
  for (const [name, uses] of written) {
    const [first] = uses;
    if (!first) continue;
    const text = valueText(first.option);
    const other = bonds.find((b) => b.name !== first.bond && valueText(b.options.get(name)) !== text);
    if (!other) continue;
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

/*
 * ifenslave refuses a master that is not up: "Illegal operation; the specified master interface
 * '%s' is not up." (ifenslave.c from v1.0.0, 2003/05/01 "Prevent enslaving if the bond device is
 * down", through the last C release, 1.1.0, in the kernel's Documentation/networking/ifenslave.c).
 * The 2000-2002 versions did not check; bondc holds every net-tools file to the releases since.
 * A slave's own state is no rule here: ifenslave takes an up slave down itself before
 * SIOCBONDENSLAVE ("the interface will need to be down", ABI 1 and later), and the older ones
 * bring it up for the drivers of their day, so a NIC whose state is unknown needs no `down`.
 */
const ifenslaveNeedsMasterUp = masterMustBeUp({
  refusal:
    "ifenslave refuses a master that is not up (\"Illegal operation; the specified master interface 'bond0' is not up.\", ifenslave.c since 1.0.0)",
});

export const netToolsChecks: readonly Check[] = [sharedModuleParameters, ifenslaveNeedsMasterUp];
