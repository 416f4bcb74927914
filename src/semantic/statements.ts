import type { Span } from "../diagnostics/span.js";
import type * as A from "../syntax/ast.js";
import { bondOptionSpec, bondOptionSpecs, type BondOptionSpec } from "./bonding.js";
import {
  moduleName,
  moduleParameterName,
  moduleParameterValue,
  nfsOptions as nfsOptionsDomain,
  nfsPath as nfsPathDomain,
  nfsServer as nfsServerDomain,
} from "./domains/index.js";
import { checkNfsRootToken } from "./domains/boot-entry.js";
import { checkConst, checkLiteral } from "./domains/report.js";
import { declareInterface, evaluate, evaluateConst, type EvalContext } from "./evaluate.js";
import { closest, suggestName } from "../syntax/literals.js";
import { kernelVersionShape, parseKernelVersion, type KernelVersion } from "./kernel.js";
import { settingsFor } from "./settings.js";
import { valueTypes, type BondOption, type ConstValue, type UpSetting, type Value, type ValueType } from "./types.js";

/*
 * The typing of each statement's parts: settings checked against the one settings table, values
 * evaluated against the types their positions expect. Every function reports what is wrong and
 * returns what it could type; lowering (ir/lower.ts) turns the result into boot actions.
 */

const upSettingTypes = new Map(settingsFor("up").map((s) => [s.name, s.type!]));

function isUpSetting(name: string): name is UpSetting {
  return upSettingTypes.has(name);
}

/** A parameter type named in a procedure header. */
export function typeName(ident: A.Ident, ctx: EvalContext): ValueType | undefined {
  if ((valueTypes as readonly string[]).includes(ident.name)) return ident.name as ValueType;
  if (ident.name === "") return undefined;
  const suggestion = closest(ident.name, valueTypes);
  ctx.bag.report("BOND0117", ident.span, `\`${ident.name}\` is not a type`, {
    help: suggestion ? `did you mean \`${suggestion}\`?` : `the types are ${valueTypes.join(", ")}`,
  });
  return undefined;
}

/** Settings with duplicates reported and dropped. */
export function uniqueSettings(settings: readonly A.Setting[], ctx: EvalContext): A.Setting[] {
  const seen = new Map<string, A.Setting>();
  const out: A.Setting[] = [];
  for (const s of settings) {
    const first = seen.get(s.name.name);
    if (first) {
      ctx.bag.report("BOND0110", s.name.span, `\`${s.name.name}\` is set twice`, {
        related: [{ span: first.name.span, message: "first set here" }],
        help: "keep one",
      });
      continue;
    }
    seen.set(s.name.name, s);
    out.push(s);
  }
  return out;
}

/** Reports the unknown setting; returns the setting it was probably meant to be. */
export function unknownSetting(
  s: A.Setting,
  known: readonly string[],
  where: string,
  ctx: EvalContext,
): string | undefined {
  if (s.name.name === "") return undefined;
  const suggestion = suggestName(s.name.name, known);
  ctx.bag.report("BOND0105", s.name.span, `${where} takes no setting \`${s.name.name}\``, {
    label: "unknown setting",
    help: suggestion ? `did you mean \`${suggestion}\`?` : `known settings: ${known.join(", ")}`,
    ...(suggestion
      ? { fixes: [{ title: `Change to \`${suggestion}\``, edits: [{ span: s.name.span, newText: suggestion }] }] }
      : {}),
  });
  return suggestion;
}

/** The target block as written; whether its target and toolset exist is the lowering's question. */
export interface TargetSettings {
  readonly kernel?: string;
  /** The kernel's version when it parses, and where it is written; without it no version rules apply. */
  readonly kernelVersion?: { readonly version: KernelVersion; readonly span: Span };
  readonly tools?: { readonly word: string; readonly span: Span };
  readonly boot?: string;
}

export function typeTargetSettings(decl: A.TargetDecl, ctx: EvalContext): TargetSettings {
  let out: {
    kernel?: string;
    kernelVersion?: { version: KernelVersion; span: Span };
    tools?: { word: string; span: Span };
    boot?: string;
  } = {};
  for (const s of uniqueSettings(decl.settings, ctx)) {
    const value = s.values[0];
    if (!value) continue;
    if (s.name.name === "kernel") {
      const v = evaluateConst(value, "string", ctx);
      if (v) {
        out = { ...out, kernel: v.text };
        const version = parseKernelVersion(v.text);
        if (version) out = { ...out, kernelVersion: { version, span: v.span } };
        else {
          ctx.bag.report(
            "BOND0121",
            v.span,
            v.text === "" ? "the kernel version is empty" : `"${v.text}" is not a kernel version`,
            {
              label: "no MAJOR.MINOR at its start",
              notes: [
                kernelVersionShape,
                "bondc checks the target, the toolset and every bonding option against this version",
              ],
              help: 'write the version the node boots, e.g. kernel "6.1", or leave `kernel` out to check against no particular kernel',
            },
          );
        }
      }
    } else if (s.name.name === "tools") {
      out = { ...out, tools: { word: value.kind === "NameExpr" ? value.name.name : "", span: value.span } };
    } else if (s.name.name === "boot") {
      const v = value.kind === "NameExpr" ? declareInterface(value.name, ctx) : evaluateConst(value, "interface", ctx);
      if (v) out = { ...out, boot: v.text };
    } else {
      unknownSetting(
        s,
        settingsFor("target").map((t) => t.name),
        "target",
        ctx,
      );
    }
  }
  return out;
}

export interface TypedLoad {
  readonly module: string;
  readonly params: readonly BondOption[];
}

export function typeLoad(stmt: A.LoadStmt, ctx: EvalContext): TypedLoad | undefined {
  const module = evaluateConst(stmt.module, "module", ctx);
  if (!module || !checkLiteral(moduleName, module.text, module.span, ctx.bag)) return undefined;
  const params: BondOption[] = [];
  for (const opt of uniqueSettings(stmt.options, ctx)) {
    const value = opt.values[0];
    if (!value) continue;
    if (module.text === "bonding") {
      if (opt.name.name === "max_bonds") {
        const v = evaluate(value, "int", ctx);
        if (v) params.push({ name: "max_bonds", values: [v], span: opt.span });
        continue;
      }
      const spec = bondOptionSpec(opt.name.name);
      if (!spec) {
        unknownSetting(
          opt,
          settingsFor("load-bonding").map((s) => s.name),
          "the bonding module",
          ctx,
        );
        continue;
      }
      const values = optionValues(spec, opt, ctx);
      if (values) params.push({ name: spec.name, values, span: opt.span });
    } else {
      const v =
        value.kind === "NameExpr"
          ? ({ kind: "const", type: "string", text: value.name.name, span: value.span } as const)
          : evaluate(value, undefined, ctx);
      const valid =
        checkLiteral(moduleParameterName, opt.name.name, opt.name.span, ctx.bag) &&
        checkConst(v, moduleParameterValue, ctx.bag);
      if (valid) params.push({ name: opt.name.name, values: [valid], span: opt.span });
    }
  }
  return { module: module.text, params };
}

export interface TypedUp {
  readonly iface?: string;
  readonly values: Partial<Record<UpSetting, Value>>;
  /** Settings whose values had errors (already reported). */
  readonly erroneous: readonly UpSetting[];
  readonly bondOptions: readonly BondOption[];
}

export function typeUp(stmt: A.UpStmt, ctx: EvalContext): TypedUp {
  const iface = evaluateConst(stmt.target, "interface", ctx);
  const values: Partial<Record<UpSetting, Value>> = {};
  const erroneous: UpSetting[] = [];
  const bondOptions: BondOption[] = [];
  const isBond = iface ? ctx.interfaces.get(iface.text)?.kind === "bond" : false;
  for (const s of uniqueSettings(stmt.settings ?? [], ctx)) {
    const name = s.name.name;
    const first = s.values[0];
    if (!first) continue;
    if (isUpSetting(name)) {
      const v = evaluate(first, upSettingTypes.get(name), ctx, name);
      if (v) values[name] = v;
      else erroneous.push(name);
      continue;
    }
    const spec = bondOptionSpec(name);
    if (spec && iface && !isBond) {
      ctx.bag.report("BOND0105", s.name.span, `\`${name}\` is a bonding option, and ${iface.text} is not a bond`, {
        help: "bonding options go in the bond's up block or on load bonding",
      });
      continue;
    }
    if (!spec) {
      const meant = unknownSetting(
        s,
        [...upSettingTypes.keys(), ...(isBond ? bondOptionSpecs.map((o) => o.name) : [])],
        "up",
        ctx,
      );
      // A misspelled `adress` is the one error: no "brought up without an address" after it.
      if (meant !== undefined && isUpSetting(meant)) erroneous.push(meant);
      continue;
    }
    const optValues = optionValues(spec, s, ctx);
    if (optValues) bondOptions.push({ name, values: optValues, span: s.span });
  }
  return { ...(iface ? { iface: iface.text } : {}), values, erroneous, bondOptions };
}

function optionValues(spec: BondOptionSpec, setting: A.Setting, ctx: EvalContext): Value[] | undefined {
  if (spec.value.kind !== "ipv4" && setting.values.length > 1) {
    ctx.bag.report("BOND0508", setting.values[1]!.span, `\`${spec.name}\` takes one value`, {
      help: "remove the extra values",
    });
    return undefined;
  }
  const out: Value[] = [];
  for (const expr of setting.values) {
    let v: Value | undefined;
    switch (spec.value.kind) {
      case "int":
      case "ipv4":
      case "interface":
      case "mode":
        // These option kinds are value types of their own name.
        v = evaluate(expr, spec.value.kind, ctx);
        break;
      case "enum": {
        const allowed = spec.value.values;
        // The kernel takes a value's number too (lacp_rate=1); the script gets the name.
        const numbered = expr.kind === "IntLit" ? (allowed[Number(expr.text)] ?? expr.text) : undefined;
        const word = expr.kind === "NameExpr" ? expr.name.name : numbered;
        if (word !== undefined && allowed.includes(word))
          v = { kind: "const", type: "string", text: word, span: expr.span };
        else {
          const suggestion = word ? closest(word, allowed) : undefined;
          ctx.bag.report("BOND0508", expr.span, `\`${spec.name}\` does not accept this value`, {
            label: `expected one of ${allowed.join(", ")} (or 0 to ${allowed.length - 1})`,
            ...(suggestion
              ? {
                  help: `did you mean \`${suggestion}\`?`,
                  fixes: [{ title: `Change to \`${suggestion}\``, edits: [{ span: expr.span, newText: suggestion }] }],
                }
              : {}),
          });
        }
        break;
      }
    }
    if (!v) return undefined;
    out.push(v);
  }
  return out;
}

export interface TypedHandoff {
  readonly root: ConstValue;
  readonly nfsServer?: Value;
  readonly nfsPath?: Value;
  readonly nfsOptions?: Value;
}

export function typeHandoff(stmt: A.HandoffStmt, ctx: EvalContext): TypedHandoff | undefined {
  const root = evaluateConst(stmt.root, "rootdev", ctx);
  let nfsServer: Value | undefined;
  let nfsPath: Value | undefined;
  let nfsOptions: Value | undefined;
  for (const s of uniqueSettings(stmt.settings ?? [], ctx)) {
    const first = s.values[0];
    if (!first) continue;
    if (root?.text !== "nfs") {
      ctx.bag.report("BOND0105", s.name.span, `a block-device handoff takes no settings`, { help: "remove the block" });
    } else if (s.name.name === "server") nfsServer = checkConst(evaluate(first, "ipv4", ctx), nfsServerDomain, ctx.bag);
    else if (s.name.name === "path") nfsPath = checkConst(evaluate(first, "path", ctx), nfsPathDomain, ctx.bag);
    else if (s.name.name === "options")
      nfsOptions = checkConst(evaluate(first, "string", ctx), nfsOptionsDomain, ctx.bag);
    else
      unknownSetting(
        s,
        settingsFor("handoff").map((h) => h.name),
        "handoff nfs",
        ctx,
      );
  }
  if (!root) return undefined;
  // A value that breaks a boot entry format is refused like one that breaks its own domain.
  if (nfsServer?.kind === "const" && nfsPath?.kind === "const" && nfsOptions?.kind !== "discovered") {
    const options = nfsOptions?.kind === "const" ? nfsOptions : undefined;
    checkNfsRootToken(nfsServer, nfsPath, options, ctx.bag);
  }
  return {
    root,
    ...(nfsServer ? { nfsServer } : {}),
    ...(nfsPath ? { nfsPath } : {}),
    ...(nfsOptions ? { nfsOptions } : {}),
  };
}
