import type { DiagnosticBag } from "../diagnostics/report.js";
import type { Span } from "../diagnostics/span.js";
import { bondOptionSpec, bondOptionSpecs, type BondOptionSpec } from "../semantic/bonding.js";
import { declareInterface, describeValue, evaluate, evaluateConst, type EvalContext } from "../semantic/evaluate.js";
import { moduleName, moduleParameterName, moduleParameterValue, nfsPath as nfsPathDomain, nfsServer as nfsServerDomain } from "../semantic/domains/index.js";
import { checkConst, checkLiteral } from "../semantic/domains/report.js";
import { closest, suggestName } from "../semantic/literals.js";
import { Scope } from "../semantic/scope.js";
import type { SourceFile } from "../semantic/sources.js";
import { SymbolTable, type Definition } from "../semantic/symbols.js";
import type * as A from "../syntax/ast.js";
import { blockDeviceNumber } from "./devices.js";
import {
  discoverFieldTypes,
  valueTypes,
  type Action,
  type BondOption,
  type DiscoverAction,
  type DiscoverField,
  type DiscoveredValue,
  type FailurePolicy,
  type FailurePolicyKind,
  type InterfaceDecl,
  type Program,
  type TargetInfo,
  type UpSetting,
  type Value,
  type ValueType,
} from "./ir.js";
import { mergeBondConfigs } from "./bond-config.js";

export interface LowerResult {
  readonly program: Program;
  readonly symbols: SymbolTable;
}

interface Frame {
  readonly scope: Scope;
  readonly callSites: readonly Span[];
  /** Procedures being expanded, to catch recursion. */
  readonly expanding: readonly string[];
}

const reservedShellNames = new Set(["PATH", "IFS", "HOME", "PWD", "OLDPWD", "PS1", "PS2", "PS4", "ENV", "CDPATH", "OPTIND", "OPTARG", "LINENO"]);
const upSettings: Record<UpSetting, ValueType> = { address: "ipv4", netmask: "netmask", broadcast: "ipv4", hwaddr: "mac" };

function isUpSetting(name: string): name is UpSetting {
  return Object.hasOwn(upSettings, name);
}

/**
 * Name resolution, typing and procedure expansion in one ordered walk: the output is the flat
 * list of boot actions in the order the script will run them.
 */
class Lowerer {
  readonly symbols = new SymbolTable();
  readonly actions: Action[] = [];
  readonly interfaces = new Map<string, InterfaceDecl>();
  private readonly usedVariables = new Set<string>();
  private readonly nextSuffix = new Map<string, number>();
  private readonly procScope = new Scope();
  private target: TargetInfo = { name: "linuxrc", tools: "net-tools" };
  private targetBoot?: string;
  private policy?: FailurePolicy;

  constructor(
    private readonly root: SourceFile,
    private readonly bag: DiagnosticBag,
  ) {}

  run(imports: readonly SourceFile[]): LowerResult {
    for (const file of [this.root, ...imports]) this.hoistProcedures(file, file !== this.root);
    const frame: Frame = { scope: new Scope(this.procScope), callSites: [], expanding: [] };
    let targetSeen = false;
    for (const item of this.root.ast.items) {
      if (item.kind === "TargetDecl") {
        if (targetSeen) this.bag.report("BOND0111", item.span, "a file has one target block", { help: "merge the two blocks" });
        targetSeen = true;
        this.lowerTarget(item, frame);
      } else if (item.kind !== "ImportDecl" && item.kind !== "ProcDecl") {
        this.statement(item, frame);
      }
    }
    const bootInterface = this.targetBoot ?? this.actions.find((a): a is DiscoverAction => a.kind === "discover" && a.field === "inet")?.iface;
    const policy = this.resolvePolicy(bootInterface);
    const bonds = mergeBondConfigs(this.actions, this.interfaces, this.bag);
    const program: Program = {
      file: this.root.path,
      target: this.target,
      policy,
      ...(bootInterface ? { bootInterface } : {}),
      interfaces: this.interfaces,
      actions: this.actions,
      bonds,
    };
    return { program, symbols: this.symbols };
  }

  // ---- declarations ---------------------------------------------------------------------

  private hoistProcedures(file: SourceFile, isLibrary: boolean): void {
    for (const item of file.ast.items) {
      if (item.kind === "ProcDecl") {
        if (item.name.name === "") continue;
        const existing = this.procScope.local(item.name.name);
        const params = item.params.map((p) => `${p.name.name}: ${p.type.name}`).join(", ");
        const definition: Definition = this.symbols.define({
          name: item.name.name,
          kind: "proc",
          span: item.name.span,
          fullSpan: item.span,
          detail: `proc ${item.name.name}(${params})`,
        });
        if (existing?.kind === "proc") {
          this.bag.report("BOND0103", item.name.span, `the procedure \`${item.name.name}\` is defined twice`, {
            related: [{ span: existing.definition.span, message: "first defined here" }],
            help: "rename one of them",
          });
          continue;
        }
        this.procScope.bind(item.name.name, { kind: "proc", decl: item, definition });
      }
    }
    // One report per library, at its first stray statement: importing a whole node file would
    // otherwise produce one identical error per line of it.
    const stray = isLibrary ? file.ast.items.filter((i) => i.kind !== "ProcDecl" && i.kind !== "ImportDecl") : [];
    if (stray.length > 0) {
      this.bag.report("BOND0111", stray[0]!.span, "an imported library may only declare procedures and import others", {
        label: stray.length === 1 ? "a statement outside any procedure" : `the first of ${stray.length} statements outside any procedure`,
        notes: ["a library's statements would run wherever it is imported; procedures run only where they are called"],
        help: "move these steps into a procedure, or into the node's own file",
      });
    }
  }

  private lowerTarget(decl: A.TargetDecl, frame: Frame): void {
    if (decl.name.name !== "" && decl.name.name !== "linuxrc") {
      this.bag.report("BOND0109", decl.name.span, `\`${decl.name.name}\` is not a target`, { help: "the target is `linuxrc`" });
    }
    let target: TargetInfo = { name: "linuxrc", tools: "net-tools", span: decl.span };
    for (const s of this.uniqueSettings(decl.settings)) {
      const value = s.values[0];
      if (!value) continue;
      if (s.name.name === "kernel") {
        const v = evaluateConst(value, "string", this.evalContext(frame));
        if (v) target = { ...target, kernel: v.text };
      } else if (s.name.name === "tools") {
        const word = value.kind === "NameExpr" ? value.name.name : "";
        if (word !== "net-tools") {
          this.bag.report("BOND0109", value.span, `\`${word || "this"}\` is not a supported toolset`, {
            help: "the supported toolset is net-tools (ifconfig, ifenslave, insmod, mount)",
          });
        }
      } else if (s.name.name === "boot") {
        const v = value.kind === "NameExpr" ? declareInterface(value.name, this.evalContext(frame)) : evaluateConst(value, "interface", this.evalContext(frame));
        if (v) this.targetBoot = v.text;
      } else {
        this.unknownSetting(s, ["kernel", "tools", "boot"], "target");
      }
    }
    this.target = target;
  }

  private resolvePolicy(bootInterface: string | undefined): FailurePolicy {
    if (this.policy) {
      if (this.policy.kind === "fallback" && !bootInterface && this.policy.span) {
        this.bag.report("BOND0112", this.policy.span, "fallback needs to know the boot interface", {
          notes: ["fallback restores the NIC the firmware configured, with its original address"],
          help: "name it in the target block (target linuxrc { boot eth0 }), or discover its address",
        });
      }
      return this.policy;
    }
    return { kind: bootInterface ? "fallback" : "halt" };
  }

  // ---- statements -----------------------------------------------------------------------

  private statement(stmt: A.Statement, frame: Frame): void {
    const ctx = this.evalContext(frame);
    switch (stmt.kind) {
      case "LetStmt":
        return this.letStmt(stmt, frame, ctx);
      case "IfaceStmt":
        for (const n of stmt.names) declareInterface(n, ctx);
        return;
      case "LoadStmt":
        return this.loadStmt(stmt, frame, ctx);
      case "UpStmt":
        return this.upStmt(stmt, frame, ctx);
      case "DownStmt":
        for (const t of stmt.targets) {
          const iface = evaluateConst(t, "interface", ctx);
          if (iface) this.emit({ kind: "down", iface: iface.text, span: t.span, callSites: frame.callSites });
        }
        return;
      case "EnslaveStmt": {
        const bond = evaluateConst(stmt.bond, "interface", ctx);
        const slaves = stmt.slaves.map((s) => evaluateConst(s, "interface", ctx));
        if (!bond) return;
        for (const [i, slave] of slaves.entries()) {
          if (slave) {
            this.emit({ kind: "enslave", bond: bond.text, slave: slave.text, span: stmt.slaves[i]!.span, callSites: frame.callSites });
          }
        }
        return;
      }
      case "MountStmt":
        if (stmt.what.name === "proc") this.emit({ kind: "mount-proc", span: stmt.span, callSites: frame.callSites });
        else if (stmt.what.name !== "") {
          this.bag.report("BOND0109", stmt.what.span, `\`${stmt.what.name}\` cannot be mounted here`, { help: "linuxrc mounts `proc`" });
        }
        return;
      case "HandoffStmt":
        return this.handoffStmt(stmt, frame, ctx);
      case "OnFailureStmt":
        return this.onFailure(stmt, frame);
      case "CallStmt":
        return this.call(stmt, frame, ctx);
    }
  }

  private letStmt(stmt: A.LetStmt, frame: Frame, ctx: EvalContext): void {
    const declared = stmt.type ? this.typeName(stmt.type) : undefined;
    const value = stmt.type && !declared ? undefined : evaluate(stmt.value, declared, ctx, stmt.name.name);
    if (stmt.name.name === "") return;
    if (!value) {
      // The error is reported; binding the name anyway keeps every later use from echoing it.
      if (!frame.scope.local(stmt.name.name)) frame.scope.bind(stmt.name.name, { kind: "poisoned", span: stmt.name.span });
      return;
    }
    const existing = frame.scope.local(stmt.name.name);
    if (existing) {
      this.bag.report("BOND0103", stmt.name.span, `\`${stmt.name.name}\` is already bound in this scope`, {
        related: [{ span: existing.kind === "poisoned" ? existing.span : existing.definition.span, message: "first bound here" }],
        help: "values never change in .bond; pick another name",
      });
      return;
    }
    const definition = this.symbols.define({
      name: stmt.name.name,
      kind: "let",
      span: stmt.name.span,
      fullSpan: stmt.span,
      type: value.type,
      detail: `let ${stmt.name.name}: ${value.type}  (${describeValue(value)})`,
    });
    frame.scope.bind(stmt.name.name, { kind: "value", value, definition });
  }

  private loadStmt(stmt: A.LoadStmt, frame: Frame, ctx: EvalContext): void {
    const module = evaluateConst(stmt.module, "module", ctx);
    if (!module || !checkLiteral(moduleName, module.text, module.span, this.bag)) return;
    const params: BondOption[] = [];
    for (const opt of this.uniqueSettings(stmt.options)) {
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
          this.unknownSetting(opt, [...bondOptionSpecs.map((s) => s.name), "max_bonds"], "the bonding module");
          continue;
        }
        const values = this.optionValues(spec, opt, ctx);
        if (values) params.push({ name: spec.name, values, span: opt.span });
      } else {
        const v = value.kind === "NameExpr" ? ({ kind: "const", type: "string", text: value.name.name, span: value.span } as const) : evaluate(value, undefined, ctx);
        const valid = checkLiteral(moduleParameterName, opt.name.name, opt.name.span, this.bag) && checkConst(v, moduleParameterValue, this.bag);
        if (valid) params.push({ name: opt.name.name, values: [valid], span: opt.span });
      }
    }
    this.emit({ kind: "load", module: module.text, params, span: stmt.span, callSites: frame.callSites });
  }

  private upStmt(stmt: A.UpStmt, frame: Frame, ctx: EvalContext): void {
    const iface = evaluateConst(stmt.target, "interface", ctx);
    const values: Partial<Record<UpSetting, Value>> = {};
    const erroneous: UpSetting[] = [];
    const bondOptions: BondOption[] = [];
    const isBond = iface ? this.interfaces.get(iface.text)?.kind === "bond" : false;
    for (const s of this.uniqueSettings(stmt.settings ?? [])) {
      const name = s.name.name;
      const first = s.values[0];
      if (!first) continue;
      if (isUpSetting(name)) {
        const v = evaluate(first, upSettings[name], ctx, name);
        if (v) values[name] = v;
        else erroneous.push(name);
        continue;
      }
      const spec = bondOptionSpec(name);
      if (spec && iface && !isBond) {
        this.bag.report("BOND0105", s.name.span, `\`${name}\` is a bonding option, and ${iface.text} is not a bond`, {
          help: "bonding options go in the bond's up block or on load bonding",
        });
        continue;
      }
      if (!spec) {
        this.unknownSetting(s, [...Object.keys(upSettings), ...(isBond ? bondOptionSpecs.map((o) => o.name) : [])], "up");
        continue;
      }
      const optValues = this.optionValues(spec, s, ctx);
      if (optValues) bondOptions.push({ name, values: optValues, span: s.span });
    }
    if (!iface) return;
    this.emit({ kind: "up", iface: iface.text, ...values, bondOptions, erroneous, span: stmt.span, callSites: frame.callSites });
  }

  private optionValues(spec: BondOptionSpec, setting: A.Setting, ctx: EvalContext): Value[] | undefined {
    if (spec.value.kind !== "ipv4" && setting.values.length > 1) {
      this.bag.report("BOND0508", setting.values[1]!.span, `\`${spec.name}\` takes one value`, { help: "remove the extra values" });
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
          if (word !== undefined && allowed.includes(word)) v = { kind: "const", type: "string", text: word, span: expr.span };
          else {
            const suggestion = word ? closest(word, allowed) : undefined;
            this.bag.report("BOND0508", expr.span, `\`${spec.name}\` does not accept this value`, {
              label: `expected one of ${allowed.join(", ")} (or 0 to ${allowed.length - 1})`,
              ...(suggestion ? { help: `did you mean \`${suggestion}\`?`, fixes: [{ title: `Change to \`${suggestion}\``, edits: [{ span: expr.span, newText: suggestion }] }] } : {}),
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

  private handoffStmt(stmt: A.HandoffStmt, frame: Frame, ctx: EvalContext): void {
    const root = evaluateConst(stmt.root, "rootdev", ctx);
    let nfsServer: Value | undefined;
    let nfsPath: Value | undefined;
    for (const s of this.uniqueSettings(stmt.settings ?? [])) {
      const first = s.values[0];
      if (!first) continue;
      if (root?.text !== "nfs") {
        this.bag.report("BOND0105", s.name.span, `a block-device handoff takes no settings`, { help: "remove the block" });
      } else if (s.name.name === "server") nfsServer = checkConst(evaluate(first, "ipv4", ctx), nfsServerDomain, this.bag);
      else if (s.name.name === "path") nfsPath = checkConst(evaluate(first, "path", ctx), nfsPathDomain, this.bag);
      else this.unknownSetting(s, ["server", "path"], "handoff nfs");
    }
    if (!root) return;
    if (root.text === "nfs") {
      this.emit({
        kind: "handoff",
        root: { kind: "nfs" },
        ...(nfsServer ? { nfsServer } : {}),
        ...(nfsPath ? { nfsPath } : {}),
        span: stmt.span,
        callSites: frame.callSites,
      });
      return;
    }
    const number = blockDeviceNumber(root.text);
    if (number === undefined) {
      this.bag.report("BOND0109", stmt.root.span, `cannot compute the device number of \`${root.text}\``, {
        help: 'write a device bondc knows (/dev/hda1, /dev/sdb2, /dev/ram0, /dev/md0, ...) or "MAJOR:MINOR"',
      });
      return;
    }
    this.emit({ kind: "handoff", root: { kind: "block", device: root.text, number }, span: stmt.span, callSites: frame.callSites });
  }

  private onFailure(stmt: A.OnFailureStmt, frame: Frame): void {
    if (frame.callSites.length > 0) {
      this.bag.report("BOND0111", stmt.span, "the failure policy is set for the whole script, not inside a procedure", {
        help: "move it to the top level of the node's file",
      });
      return;
    }
    const word = stmt.policy.name;
    const policies: FailurePolicyKind[] = ["fallback", "shell", "halt"];
    const kind = policies.find((p) => p === word);
    if (!kind) {
      if (word === "") return;
      const suggestion = closest(word, policies);
      this.bag.report("BOND0109", stmt.policy.span, `\`${word}\` is not a failure policy`, {
        help: suggestion ? `did you mean \`${suggestion}\`?` : "the policies are fallback, shell and halt",
      });
      return;
    }
    if (this.policy?.span) {
      this.bag.report("BOND0110", stmt.span, "the failure policy is set twice", {
        related: [{ span: this.policy.span, message: "first set here" }],
        help: "keep one `on failure` line",
      });
      return;
    }
    this.policy = { kind, span: stmt.span };
  }

  private call(stmt: A.CallStmt, frame: Frame, ctx: EvalContext): void {
    const name = stmt.callee.name;
    const binding = frame.scope.lookup(name);
    if (binding?.kind !== "proc") {
      // With an import that could not be loaded or was refused (BOND0108, BOND0120: already
      // reported), the procedure most likely lives there: reporting it as unknown too would only
      // echo the import error.
      if (this.bag.items.some((d) => d.code === "BOND0108" || d.code === "BOND0120")) return;
      const procs = this.symbols.definitions.filter((d) => d.kind === "proc").map((d) => d.name);
      const suggestion = closest(name, procs);
      this.bag.report("BOND0101", stmt.callee.span, `cannot find a procedure named \`${name}\``, {
        label: "not defined",
        help: suggestion ? `did you mean \`${suggestion}\`?` : "define it with proc, or import the library that has it (import \"std/bonding\")",
      });
      return;
    }
    this.symbols.refer(stmt.callee.span, binding.definition);
    const decl = binding.decl;
    if (frame.expanding.includes(name)) {
      this.bag.report("BOND0107", stmt.span, `\`${name}\` calls itself`, {
        related: [{ span: decl.name.span, message: "defined here" }],
        notes: ["procedures are expanded inline into one boot sequence, so recursion would never end"],
      });
      return;
    }
    if (stmt.args.length !== decl.params.length) {
      const [want, got] = [decl.params.length, stmt.args.length];
      const missing = decl.params.slice(got).map((p) => `\`${p.name.name}: ${p.type.name}\``);
      this.bag.report("BOND0106", stmt.span, `\`${name}\` takes ${want} argument${want === 1 ? "" : "s"}, ${got} given`, {
        label: got < want ? `missing ${missing.join(", ")}` : `${got - want} too many`,
        related: [{ span: decl.span, message: binding.definition.detail }],
        help: `pass one value per parameter, in order: ${name}(${decl.params.map((p) => p.name.name).join(", ")})`,
      });
      return;
    }
    const scope = new Scope(this.procScope);
    const inner: Frame = { scope, callSites: [...frame.callSites, stmt.span], expanding: [...frame.expanding, name] };
    for (const [i, param] of decl.params.entries()) {
      const type = this.typeName(param.type);
      if (!type) return;
      const value = evaluate(stmt.args[i]!, type, ctx, param.name.name);
      if (!value) return;
      const definition = this.symbols.define({
        name: param.name.name,
        kind: "param",
        span: param.name.span,
        fullSpan: param.span,
        type,
        detail: `${param.name.name}: ${type}`,
      });
      scope.bind(param.name.name, { kind: "value", value, definition });
    }
    for (const s of decl.body) this.statement(s, inner);
  }

  // ---- helpers --------------------------------------------------------------------------

  private typeName(ident: A.Ident): ValueType | undefined {
    if ((valueTypes as readonly string[]).includes(ident.name)) return ident.name as ValueType;
    if (ident.name === "") return undefined;
    const suggestion = closest(ident.name, valueTypes);
    this.bag.report("BOND0109", ident.span, `\`${ident.name}\` is not a type`, {
      help: suggestion ? `did you mean \`${suggestion}\`?` : `the types are ${valueTypes.join(", ")}`,
    });
    return undefined;
  }

  /** Settings with duplicates reported and dropped. */
  private uniqueSettings(settings: readonly A.Setting[]): A.Setting[] {
    const seen = new Map<string, A.Setting>();
    const out: A.Setting[] = [];
    for (const s of settings) {
      const first = seen.get(s.name.name);
      if (first) {
        this.bag.report("BOND0110", s.name.span, `\`${s.name.name}\` is set twice`, {
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

  private unknownSetting(s: A.Setting, known: readonly string[], where: string): void {
    if (s.name.name === "") return;
    const suggestion = suggestName(s.name.name, known);
    this.bag.report("BOND0105", s.name.span, `${where} takes no setting \`${s.name.name}\``, {
      label: "unknown setting",
      help: suggestion ? `did you mean \`${suggestion}\`?` : `known settings: ${known.join(", ")}`,
      ...(suggestion ? { fixes: [{ title: `Change to \`${suggestion}\``, edits: [{ span: s.name.span, newText: suggestion }] }] } : {}),
    });
  }

  private emit(action: Action): void {
    this.actions.push(action);
  }

  private allocateVariable(hint: string): string {
    let base = hint.replace(/[^A-Za-z0-9_]/g, "_");
    if (!/^[a-z_]/.test(base) || reservedShellNames.has(base) || base.startsWith("bondc_")) base = `v_${base}`;
    // Count per base name, so a hundred expansions of one procedure do not probe ip, ip_2, … anew.
    let n = this.nextSuffix.get(base) ?? 1;
    let name = n === 1 ? base : `${base}_${n}`;
    while (this.usedVariables.has(name)) name = `${base}_${++n}`;
    this.nextSuffix.set(base, n + 1);
    this.usedVariables.add(name);
    return name;
  }

  private evalContext(frame: Frame): EvalContext {
    return {
      scope: frame.scope,
      bag: this.bag,
      symbols: this.symbols,
      interfaces: this.interfaces,
      discover: (iface: string, field: DiscoverField, span: Span, hint: string): DiscoveredValue => {
        const variable = this.allocateVariable(hint === "value" ? `${iface}_${field}` : hint);
        this.emit({ kind: "discover", iface, field, variable, span, callSites: frame.callSites });
        return { kind: "discovered", type: discoverFieldTypes[field], iface, field, variable, span };
      },
    };
  }
}

export function lower(root: SourceFile, imports: readonly SourceFile[], bag: DiagnosticBag): LowerResult {
  return new Lowerer(root, bag).run(imports);
}
