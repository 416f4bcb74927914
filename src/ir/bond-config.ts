import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { sameList } from "../lists.js";
import { DiagnosticBag } from "../diagnostics/report.js";
import type { Action, BondConfig, UpAction } from "./ir.js";
import type { BondOption, InterfaceDecl } from "../semantic/types.js";
import { interfaceUses } from "./uses.js";
import { bondingMode, type BondingMode } from "../semantic/bonding.js";

function sameValues(a: BondOption, b: BondOption): boolean {
  return (
    a.values.length === b.values.length &&
    a.values.every((v, i) => v.kind === "const" && v.text === (b.values[i] as { text?: string }).text)
  );
}

/** One bond's merged configuration and what merging it reported, kept for the next lowering of the file. */
export interface BondMerge {
  /** What it was merged from: the bond's up actions and the bonding module's parameters. */
  readonly ups: readonly UpAction[];
  readonly params: readonly BondOption[];
  readonly config: BondConfig;
  readonly reports: readonly Diagnostic[];
}

/**
 * With net-tools the only way to set bonding options is as module parameters, which apply to
 * every bond; options written in a bond's up block apply to that bond. This merges both into one
 * effective configuration per bond and reports options given twice with different values. A bond
 * merged from the very same actions as in `previous` (the last lowering of the same file) is
 * taken as it was, reports included: an edit of one bond re-merges that bond, not a thousand.
 */
export function mergeBondConfigs(
  actions: readonly Action[],
  interfaces: ReadonlyMap<string, InterfaceDecl>,
  bag: DiagnosticBag,
  previous?: ReadonlyMap<string, BondMerge>,
): { configs: Map<string, BondConfig>; merges: Map<string, BondMerge> } {
  const params = actions
    .filter((a) => a.kind === "load" && a.module === "bonding")
    .flatMap((a) => (a.kind === "load" ? a.params : []));
  const configs = new Map<string, BondConfig>();
  const merges = new Map<string, BondMerge>();
  const uses = interfaceUses(actions);
  for (const iface of interfaces.values()) {
    if (iface.kind !== "bond") continue;
    const { ups } = uses(iface.name);
    const kept = previous?.get(iface.name);
    const merge =
      kept && sameList(kept.ups, ups) && sameList(kept.params, params) ? kept : mergeBond(iface.name, ups, params);
    for (const d of merge.reports) bag.items.push(d);
    configs.set(iface.name, merge.config);
    merges.set(iface.name, merge);
  }
  return { configs, merges };
}

function mergeBond(name: string, ups: readonly UpAction[], params: readonly BondOption[]): BondMerge {
  const reports = new DiagnosticBag();
  const options = new Map<string, BondOption>();
  for (const p of params) if (p.name !== "max_bonds") options.set(p.name, p);
  for (const a of ups) {
    for (const o of a.bondOptions) {
      const earlier = options.get(o.name);
      if (earlier && !sameValues(earlier, o)) {
        reports.report("BOND0110", o.span, `\`${o.name}\` is given two different values for ${name}`, {
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
  const config = { name, mode, ...(modeOption ? { modeSpan: modeOption.span } : {}), options };
  return { ups, params, config, reports: reports.items };
}
