import type { DiagnosticBag } from "../diagnostics/report.js";
import type { Action, BondConfig } from "./ir.js";
import type { BondOption, InterfaceDecl } from "../semantic/types.js";
import { interfaceUses } from "./uses.js";
import { bondingMode, type BondingMode } from "../semantic/bonding.js";

function sameValues(a: BondOption, b: BondOption): boolean {
  return (
    a.values.length === b.values.length &&
    a.values.every((v, i) => v.kind === "const" && v.text === (b.values[i] as { text?: string }).text)
  );
}

/**
 * With net-tools the only way to set bonding options is as module parameters, which apply to
 * every bond; options written in a bond's up block apply to that bond. This merges both into one
 * effective configuration per bond and reports options given twice with different values.
 */
export function mergeBondConfigs(
  actions: readonly Action[],
  interfaces: ReadonlyMap<string, InterfaceDecl>,
  bag: DiagnosticBag,
): Map<string, BondConfig> {
  const moduleParams = actions
    .filter((a) => a.kind === "load" && a.module === "bonding")
    .flatMap((a) => (a.kind === "load" ? a.params : []));
  const configs = new Map<string, BondConfig>();
  const uses = interfaceUses(actions);
  for (const iface of interfaces.values()) {
    if (iface.kind !== "bond") continue;
    const options = new Map<string, BondOption>();
    for (const p of moduleParams) if (p.name !== "max_bonds") options.set(p.name, p);
    for (const a of uses(iface.name).ups) {
      for (const o of a.bondOptions) {
        const earlier = options.get(o.name);
        if (earlier && !sameValues(earlier, o)) {
          bag.report("BOND0110", o.span, `\`${o.name}\` is given two different values for ${iface.name}`, {
            related: [{ span: earlier.span, message: "also set here" }],
            notes: ["the kernel receives only one value"],
            help: "keep one of them",
          });
          continue;
        }
        options.set(o.name, o);
      }
    }
    const modeOption = options.get("mode");
    const mode: BondingMode =
      (modeOption?.values[0] && bondingMode(modeOption.values[0].kind === "const" ? modeOption.values[0].text : "")) ||
      "balance-rr";
    configs.set(iface.name, { name: iface.name, mode, ...(modeOption ? { modeSpan: modeOption.span } : {}), options });
  }
  return configs;
}
