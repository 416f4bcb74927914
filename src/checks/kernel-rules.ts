import type { Span } from "../diagnostics/span.js";
import type { Action } from "../ir/ir.js";
import { bondingMode, bondingModeSince, bondOptionSpec, maxBondsSince } from "../semantic/bonding.js";
import {
  compareKernels,
  kernel,
  kernelNumbers,
  outsideRange,
  type KernelFact,
  type KernelRange,
  type KernelVersion,
} from "../semantic/kernel.js";
import type { BondOption } from "../semantic/types.js";
import type { Check, CheckContext } from "./context.js";

/*
 * What the target's kernel version allows. A file without `kernel` names no kernel, and none of
 * these rules apply. The facts are data where the knowledge is: each bonding option's and mode's
 * first kernel in semantic/bonding.ts, the kernels a target or a toolset works on beside it
 * (targets/<name>/, toolsets/<name>/); these checks only compare versions and report.
 */

function sourceNote(fact: KernelFact): string {
  return `${fact.why} (${fact.source})`;
}

function kernelLabel(ctx: CheckContext): { span: Span; message: string }[] {
  const k = ctx.program.target.kernelVersion;
  return k ? [{ span: k.span, message: "the target's kernel" }] : [];
}

/** The option's value as the driver's word: enums also take their index (lacp_rate 1 is fast). */
function valueWord(option: BondOption, values: readonly string[] | undefined): string | undefined {
  const v = option.values[0];
  if (v?.kind !== "const") return undefined;
  if (values && /^\d+$/.test(v.text)) return values[Number(v.text)] ?? v.text;
  return v.text;
}

/** BOND0510: a bonding option, one of its values, or a mode newer than the target's kernel. */
export function checkOptionKernels(ctx: CheckContext): void {
  const target = ctx.program.target.kernelVersion;
  if (!target) return;
  const v = target.version;
  const tooNew = (fact: KernelFact | undefined): fact is KernelFact =>
    fact !== undefined && compareKernels(v, kernel(fact.version)) < 0;
  const report = (action: Action, option: BondOption, what: string, fact: KernelFact) => {
    const own = option.span.file === ctx.program.file;
    ctx.bag.report(
      "BOND0510",
      own ? option.span : ctx.here(action),
      `${what} needs Linux ${fact.version} or later; the target's kernel is ${kernelNumbers(v)}`,
      {
        label: `not in Linux ${kernelNumbers(v)}`,
        related: [
          ...kernelLabel(ctx),
          ...(own ? [] : [{ span: option.span, message: "set inside this library step" }]),
        ],
        notes: [
          sourceNote(fact),
          "the driver refuses an option or value it does not know: insmod fails, or the sysfs write does, and the bond never comes up as written",
        ],
        help: `remove it, or name the kernel the node really boots if it is ${fact.version} or later`,
      },
    );
  };
  for (const action of ctx.program.actions) {
    const options =
      action.kind === "load" && action.module === "bonding"
        ? action.params
        : action.kind === "up"
          ? action.bondOptions
          : [];
    for (const option of options) {
      if (option.name === "max_bonds") {
        if (tooNew(maxBondsSince)) report(action, option, "`max_bonds`", maxBondsSince);
        continue;
      }
      const spec = bondOptionSpec(option.name);
      if (!spec) continue;
      if (tooNew(spec.since)) {
        report(action, option, `\`${option.name}\``, spec.since);
        continue;
      }
      if (spec.name === "mode") {
        const word = valueWord(option, undefined);
        const mode = word === undefined ? undefined : bondingMode(word);
        const since = mode ? bondingModeSince[mode] : undefined;
        if (mode && tooNew(since)) report(action, option, `mode ${mode}`, since);
        continue;
      }
      const word = valueWord(option, spec.value.kind === "enum" ? spec.value.values : undefined);
      const since =
        word !== undefined && spec.valueSince && Object.hasOwn(spec.valueSince, word)
          ? spec.valueSince[word]
          : undefined;
      if (tooNew(since)) report(action, option, `\`${option.name} ${word ?? ""}\``, since);
    }
  }
}

/** What a target or a toolset is called in messages, and the kernels it works on. */
export interface KernelSubject {
  readonly kind: "target" | "toolset";
  readonly name: string;
  readonly kernels?: KernelRange;
}

/**
 * BOND0122 (a target) and BOND0511 (a toolset): the target's kernel is outside the kernels the
 * target's mechanism or the toolset's programs work on.
 */
export function supportedKernels(subject: KernelSubject): Check {
  return (ctx) => {
    const target = ctx.program.target.kernelVersion;
    if (!target || !subject.kernels) return;
    const out = outsideRange(target.version, subject.kernels);
    if (!out) return;
    const v: KernelVersion = target.version;
    const who = subject.kind === "target" ? `\`target ${subject.name}\`` : `the ${subject.name} toolset`;
    const message =
      out.end === "before"
        ? `${who} does not work on Linux ${kernelNumbers(v)}: ${out.fact.why}`
        : `${who} needs Linux ${out.fact.version} or later; the target's kernel is ${kernelNumbers(v)}`;
    ctx.bag.report(subject.kind === "target" ? "BOND0122" : "BOND0511", target.span, message, {
      label: out.end === "before" ? `Linux ${out.fact.version} and later` : `older than ${out.fact.version}`,
      notes: [out.end === "before" ? `since Linux ${out.fact.version}: ${out.fact.source}` : sourceNote(out.fact)],
      ...(out.fact.instead ? { help: out.fact.instead } : {}),
    });
  };
}
