import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { DiagnosticBag } from "../diagnostics/report.js";
import type { Span } from "../diagnostics/span.js";
import { declareInterface, describeValue, evaluate, evaluateConst, type EvalContext } from "../semantic/evaluate.js";
import { typeInventory, type InventorySpec } from "../semantic/inventory/settings.js";
import { typeWait } from "../semantic/wait.js";
import { isDeclaration, isLibrary } from "../syntax/library.js";
import { closest } from "../syntax/literals.js";
import { Scope } from "../semantic/scope.js";
import type { SourceFile } from "../semantic/sources.js";
import { typeHandoff, typeLoad, typeName, typeTargetSettings, typeUp } from "../semantic/statements.js";
import { SymbolTable, type Definition, type SymbolCounts } from "../semantic/symbols.js";
import {
  discoverFieldTypes,
  nodeFieldTypes,
  type DiscoverField,
  type DiscoveredValue,
  type InterfaceDecl,
  type NodeField,
  type NodeValue,
} from "../semantic/types.js";
import type * as A from "../syntax/ast.js";
import { mergeBondConfigs } from "./bond-config.js";
import { blockDeviceNumber } from "./devices.js";
import type {
  Action,
  DiscoverAction,
  FailurePolicy,
  FailurePolicyKind,
  NodeAction,
  Program,
  TargetInfo,
} from "./ir.js";

/** What lowering needs to know of the targets and toolsets bondc has (the registry supplies it). */
export interface KnownTargets {
  /** Targets by name, in the order messages list them; the first is the default. */
  readonly targets: ReadonlyMap<
    string,
    {
      readonly defaultTools: string;
      readonly mounts: readonly string[];
      /** The cluster's server: its program may `wait clients`. */
      readonly waitsForClients?: boolean;
    }
  >;
  readonly toolsets: readonly string[];
}

export interface LowerResult {
  readonly program: Program;
  readonly symbols: SymbolTable;
  /** The inventories the file and its imports declare, settings typed; their files are read by the caller. */
  readonly inventories: readonly InventorySpec[];
  /** What lowering the next text of the same file can resume from (an editor's session keeps it). */
  readonly memo: LowerMemo;
}

/** The lowering's state before one top-level item of the root file, as counts of what it had. */
interface Checkpoint {
  readonly actions: number;
  readonly symbols: SymbolCounts;
  readonly diagnostics: number;
  readonly interfaces: number;
  readonly scope: number;
  readonly discoveries: number;
  readonly target: TargetInfo;
  readonly targetBoot: string | undefined;
  readonly policy: FailurePolicy | undefined;
  readonly targetSeen: boolean;
}

/**
 * One lowering, kept so that lowering the next text of the file can resume part-way: the state
 * before each top-level item of the root file. An edit leaves the items before it as they were
 * (the incremental parser hands back the very same objects), so the actions, names and reports
 * of those items are the same, and lowering resumes at the first item that differs. Only when
 * everything the items before it could have read is the same too: the imports, every procedure,
 * the targets known, and whether an import failed.
 */
export interface LowerMemo {
  readonly known: KnownTargets;
  readonly importsFailed: boolean;
  readonly imports: readonly SourceFile[];
  readonly procs: readonly A.ProcDecl[];
  readonly items: readonly A.Item[];
  /** checkpoints[k]: the state before items[k]; the last is the state after all of them. */
  readonly checkpoints: readonly Checkpoint[];
  readonly actions: readonly Action[];
  readonly symbols: SymbolTable;
  readonly diagnostics: readonly Diagnostic[];
  readonly interfaces: ReadonlyMap<string, InterfaceDecl>;
  readonly scope: Scope;
  readonly procScope: Scope;
}

const sameList = <T>(a: readonly T[], b: readonly T[]) => a.length === b.length && a.every((x, i) => x === b[i]);

interface Frame {
  readonly scope: Scope;
  readonly callSites: readonly Span[];
  /** Procedures being expanded, to catch recursion. */
  readonly expanding: readonly string[];
}

/**
 * Procedure expansion into the flat list of boot actions, in the order the node will run them.
 * The walk is ordered because scopes are: each statement's names and types are resolved by
 * semantic/statements.ts at the point the statement runs, and turned into actions here.
 */
class Lowerer {
  private symbols = new SymbolTable();
  private actions: Action[] = [];
  private interfaces = new Map<string, InterfaceDecl>();
  private procScope = new Scope();
  /** The lowering's own reports; lower() adds them to the caller's bag. */
  private bag = new DiagnosticBag();
  /** How many values have been read at boot so far: the next DiscoveredValue's id. */
  private discoveries = 0;
  /** Whether the file or its imports declare the cluster's inventory (`discover node.…` reads it). */
  private inventory: EvalContext["inventory"] = "none";
  private target: TargetInfo;
  private targetBoot: string | undefined;
  private policy: FailurePolicy | undefined;

  constructor(
    private readonly root: SourceFile,
    private readonly known: KnownTargets,
    /** Whether an import could not be loaded or was refused (already reported). */
    private readonly importsFailed: boolean,
  ) {
    const [name, spec] = [...known.targets][0]!;
    this.target = { name, tools: spec.defaultTools };
  }

  run(imports: readonly SourceFile[], memo: LowerMemo | undefined): LowerResult {
    const items = this.root.ast.items;
    const procs = [this.root, ...imports].flatMap((f) => f.ast.items.filter((i) => i.kind === "ProcDecl"));
    const declared = [this.root, ...imports].some((f) => f.ast.items.some((i) => i.kind === "InventoryDecl"));
    // An import that failed may be the one declaring it: say nothing rather than guess.
    this.inventory = declared ? "declared" : this.importsFailed ? "unknown" : "none";
    const reusable =
      memo !== undefined &&
      memo.known === this.known &&
      memo.importsFailed === this.importsFailed &&
      sameList(memo.imports, imports) &&
      sameList(memo.procs, procs);
    let from = 0;
    let scope: Scope;
    let targetSeen = false;
    if (reusable) {
      while (from < items.length && from < memo.items.length && items[from] === memo.items[from]) from++;
      ({ scope, targetSeen } = this.resume(memo, memo.checkpoints[from]!));
    } else {
      for (const file of [this.root, ...imports]) this.hoistProcedures(file, file !== this.root);
      scope = new Scope(this.procScope);
    }
    const frame: Frame = { scope, callSites: [], expanding: [] };
    const checkpoints = reusable ? memo.checkpoints.slice(0, from) : [];
    for (let k = from; k < items.length; k++) {
      checkpoints.push(this.checkpoint(scope, targetSeen));
      const item = items[k]!;
      if (item.kind === "TargetDecl") {
        if (targetSeen)
          this.bag.report("BOND0111", item.span, "a file has one target block", { help: "merge the two blocks" });
        targetSeen = true;
        this.lowerTarget(item, frame);
      } else if (!isDeclaration(item)) {
        this.statement(item, frame);
      }
    }
    checkpoints.push(this.checkpoint(scope, targetSeen));
    // Declarations, wherever they are: an inventory in an imported library is the cluster's too.
    const inventories = [this.root, ...imports].flatMap((file) =>
      file.ast.items.flatMap((item) =>
        item.kind === "InventoryDecl" ? [typeInventory(item, file.path, this.evalContext(frame))] : [],
      ),
    );
    const bootInterface =
      this.targetBoot ??
      this.actions.find((a): a is DiscoverAction => a.kind === "discover" && a.field === "inet")?.iface;
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
      library: isLibrary(this.root.ast),
    };
    const diagnostics = this.bag.items;
    const next: LowerMemo = {
      known: this.known,
      importsFailed: this.importsFailed,
      imports,
      procs,
      items,
      checkpoints,
      actions: this.actions,
      symbols: this.symbols,
      diagnostics,
      interfaces: this.interfaces,
      scope,
      procScope: this.procScope,
    };
    return { program, symbols: this.symbols, inventories, memo: next };
  }

  private checkpoint(scope: Scope, targetSeen: boolean): Checkpoint {
    return {
      actions: this.actions.length,
      symbols: this.symbols.counts(),
      diagnostics: this.bag.items.length,
      interfaces: this.interfaces.size,
      scope: scope.size,
      discoveries: this.discoveries,
      target: this.target,
      targetBoot: this.targetBoot,
      policy: this.policy,
      targetSeen,
    };
  }

  /** Takes up a previous lowering's state at a checkpoint: copies of its beginnings, never the originals. */
  private resume(memo: LowerMemo, at: Checkpoint): { scope: Scope; targetSeen: boolean } {
    this.procScope = memo.procScope;
    this.actions = memo.actions.slice(0, at.actions);
    this.symbols = memo.symbols.prefix(at.symbols);
    for (let i = 0; i < at.diagnostics; i++) this.bag.items.push(memo.diagnostics[i]!);
    for (const [name, decl] of memo.interfaces) {
      if (this.interfaces.size === at.interfaces) break;
      this.interfaces.set(name, decl);
    }
    this.discoveries = at.discoveries;
    this.target = at.target;
    this.targetBoot = at.targetBoot;
    this.policy = at.policy;
    return { scope: memo.scope.prefix(at.scope), targetSeen: at.targetSeen };
  }

  /** The lowering's reports, in the order it made them. */
  get diagnostics(): readonly Diagnostic[] {
    return this.bag.items;
  }

  // ---- declarations ---------------------------------------------------------------------

  private hoistProcedures(file: SourceFile, imported: boolean): void {
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
    const stray = imported ? file.ast.items.filter((i) => !isDeclaration(i)) : [];
    if (stray.length > 0) {
      this.bag.report(
        "BOND0111",
        stray[0]!.span,
        "an imported library may only declare procedures and an inventory, and import others",
        {
          label:
            stray.length === 1
              ? "a statement outside any procedure"
              : `the first of ${stray.length} statements outside any procedure`,
          notes: [
            "a library's statements would run wherever it is imported; procedures run only where they are called",
          ],
          help: "move these steps into a procedure, or into the node's own file",
        },
      );
    }
  }

  private lowerTarget(decl: A.TargetDecl, frame: Frame): void {
    const ctx = this.evalContext(frame);
    const name = decl.name.name;
    const known = [...this.known.targets.keys()];
    const spec = this.known.targets.get(name);
    if (name !== "" && !spec) {
      const suggestion = closest(name, known);
      this.bag.report("BOND0113", decl.name.span, `\`${name}\` is not a target`, {
        help: suggestion ? `did you mean \`${suggestion}\`?` : `the targets are ${known.join(", ")}`,
      });
    }
    const settings = typeTargetSettings(decl, ctx);
    const targetName = spec ? name : this.target.name;
    let tools = (spec ?? this.known.targets.get(targetName)!).defaultTools;
    if (settings.tools) {
      if (this.known.toolsets.includes(settings.tools.word)) tools = settings.tools.word;
      else {
        const suggestion = closest(settings.tools.word, this.known.toolsets);
        this.bag.report("BOND0114", settings.tools.span, `\`${settings.tools.word || "this"}\` is not a toolset`, {
          help: suggestion ? `did you mean \`${suggestion}\`?` : `the toolsets are ${this.known.toolsets.join(", ")}`,
        });
      }
    }
    if (settings.boot) this.targetBoot = settings.boot;
    this.target = {
      name: targetName,
      tools,
      span: decl.span,
      ...(settings.kernel ? { kernel: settings.kernel } : {}),
      ...(settings.kernelVersion ? { kernelVersion: settings.kernelVersion } : {}),
    };
  }

  private resolvePolicy(bootInterface: string | undefined): FailurePolicy {
    if (this.policy) {
      if (this.policy.kind === "fallback" && !bootInterface && this.policy.span) {
        this.bag.report("BOND0112", this.policy.span, "fallback needs to know the boot interface", {
          notes: ["fallback restores the NIC the firmware configured, with its original address"],
          help: `name it in the target block (target ${this.target.name} { boot eth0 }), or discover its address`,
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
            this.emit({
              kind: "enslave",
              bond: bond.text,
              slave: slave.text,
              span: stmt.slaves[i]!.span,
              callSites: frame.callSites,
            });
          }
        }
        return;
      }
      case "MountStmt":
        return this.mountStmt(stmt, frame);
      case "HandoffStmt":
        return this.handoffStmt(stmt, frame, ctx);
      case "WaitStmt":
        return this.waitStmt(stmt, frame, ctx);
      case "OnFailureStmt":
        return this.onFailure(stmt, frame);
      case "CallStmt":
        return this.call(stmt, frame, ctx);
    }
  }

  private letStmt(stmt: A.LetStmt, frame: Frame, ctx: EvalContext): void {
    const declared = stmt.type ? typeName(stmt.type, ctx) : undefined;
    const value = stmt.type && !declared ? undefined : evaluate(stmt.value, declared, ctx, stmt.name.name);
    if (stmt.name.name === "") return;
    if (!value) {
      // The error is reported; binding the name anyway keeps every later use from echoing it.
      if (!frame.scope.local(stmt.name.name))
        frame.scope.bind(stmt.name.name, { kind: "poisoned", span: stmt.name.span });
      return;
    }
    const existing = frame.scope.local(stmt.name.name);
    if (existing) {
      this.bag.report("BOND0103", stmt.name.span, `\`${stmt.name.name}\` is already bound in this scope`, {
        related: [
          {
            span: existing.kind === "poisoned" ? existing.span : existing.definition.span,
            message: "first bound here",
          },
        ],
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
    const load = typeLoad(stmt, ctx);
    if (load)
      this.emit({
        kind: "load",
        module: load.module,
        params: load.params,
        span: stmt.span,
        callSites: frame.callSites,
      });
  }

  private upStmt(stmt: A.UpStmt, frame: Frame, ctx: EvalContext): void {
    const up = typeUp(stmt, ctx);
    if (!up.iface) return;
    // A VLAN interface does not exist until the script creates it, just before it first comes up.
    const vlan = this.interfaces.get(up.iface)?.vlan;
    if (vlan && !this.actions.some((a) => a.kind === "vlan" && a.iface === up.iface))
      this.emit({ kind: "vlan", iface: up.iface, ...vlan, span: stmt.span, callSites: frame.callSites });
    this.emit({
      kind: "up",
      iface: up.iface,
      ...up.values,
      bondOptions: up.bondOptions,
      erroneous: up.erroneous,
      span: stmt.span,
      callSites: frame.callSites,
    });
  }

  private mountStmt(stmt: A.MountStmt, frame: Frame): void {
    const what = stmt.what.name;
    if (what === "") return;
    const mounts = this.known.targets.get(this.target.name)?.mounts ?? [];
    if (what === "proc" && mounts.includes(what)) {
      this.emit({ kind: "mount-proc", span: stmt.span, callSites: frame.callSites });
      return;
    }
    this.bag.report("BOND0115", stmt.what.span, `\`${what}\` cannot be mounted by a ${this.target.name} script`, {
      help:
        mounts.length > 0
          ? `${this.target.name} mounts ${mounts.map((m) => `\`${m}\``).join(", ")}`
          : `${this.target.name} mounts what it needs itself: remove this line`,
    });
  }

  private handoffStmt(stmt: A.HandoffStmt, frame: Frame, ctx: EvalContext): void {
    const handoff = typeHandoff(stmt, ctx);
    if (!handoff) {
      this.emit({ kind: "handoff", root: { kind: "unknown" }, span: stmt.span, callSites: frame.callSites });
      return;
    }
    const { root, nfsServer, nfsPath, nfsOptions } = handoff;
    if (root.text === "nfs") {
      this.emit({
        kind: "handoff",
        root: { kind: "nfs" },
        ...(nfsServer ? { nfsServer } : {}),
        ...(nfsPath ? { nfsPath } : {}),
        ...(nfsOptions ? { nfsOptions } : {}),
        span: stmt.span,
        callSites: frame.callSites,
      });
      return;
    }
    const number = blockDeviceNumber(root.text);
    if (number === undefined) {
      this.bag.report("BOND0116", stmt.root.span, `cannot compute the device number of \`${root.text}\``, {
        help: 'write a device bondc knows (/dev/hda1, /dev/sdb2, /dev/ram0, /dev/md0, ...) or "MAJOR:MINOR"',
      });
      this.emit({ kind: "handoff", root: { kind: "unknown" }, span: stmt.span, callSites: frame.callSites });
      return;
    }
    this.emit({
      kind: "handoff",
      root: { kind: "block", device: root.text, number },
      span: stmt.span,
      callSites: frame.callSites,
    });
  }

  private waitStmt(stmt: A.WaitStmt, frame: Frame, ctx: EvalContext): void {
    const wait = typeWait(stmt, ctx);
    if (!this.known.targets.get(this.target.name)?.waitsForClients) {
      this.bag.report(
        "BOND0132",
        stmt.span,
        `only a server waits for clients, and this is a ${this.target.name} program`,
        {
          label: "only the cluster's server waits for its clients",
          notes: ["a client boots while the server is already up; it is the server that waits, before it bonds"],
          help: "move this wait into the server's program (`target server`), or remove it",
        },
      );
      return;
    }
    this.emit({ kind: "wait-clients", ...wait, span: stmt.span, callSites: frame.callSites });
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
      if (this.importsFailed) return;
      const procs = this.symbols.definitions.filter((d) => d.kind === "proc").map((d) => d.name);
      const suggestion = closest(name, procs);
      this.bag.report("BOND0101", stmt.callee.span, `cannot find a procedure named \`${name}\``, {
        label: "not defined",
        help: suggestion
          ? `did you mean \`${suggestion}\`?`
          : 'define it with proc, or import the library that has it (import "std/bonding")',
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
      this.bag.report(
        "BOND0106",
        stmt.span,
        `\`${name}\` takes ${want} argument${want === 1 ? "" : "s"}, ${got} given`,
        {
          label: got < want ? `missing ${missing.join(", ")}` : `${got - want} too many`,
          related: [{ span: decl.span, message: binding.definition.detail }],
          help: `pass one value per parameter, in order: ${name}(${decl.params.map((p) => p.name.name).join(", ")})`,
        },
      );
      return;
    }
    const scope = new Scope(this.procScope);
    const inner: Frame = { scope, callSites: [...frame.callSites, stmt.span], expanding: [...frame.expanding, name] };
    for (const [i, param] of decl.params.entries()) {
      const type = typeName(param.type, ctx);
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

  private emit(action: Action): void {
    this.actions.push(action);
  }

  private evalContext(frame: Frame): EvalContext {
    return {
      scope: frame.scope,
      bag: this.bag,
      symbols: this.symbols,
      interfaces: this.interfaces,
      discover: (iface: string, field: DiscoverField, span: Span, hint: string): DiscoveredValue => {
        const id = this.discoveries++;
        this.emit({
          kind: "discover",
          iface,
          field,
          id,
          hint: hint === "value" ? `${iface}_${field}` : hint,
          span,
          callSites: frame.callSites,
        });
        return { kind: "discovered", type: discoverFieldTypes[field], iface, field, id, span };
      },
      inventory: this.inventory,
      node: (field: NodeField, span: Span, hint: string): NodeValue => {
        // One lookup per field: the row does not change, so a second read is the first's value.
        const found = this.actions.find((a): a is NodeAction => a.kind === "node" && a.field === field);
        const id = found?.id ?? this.discoveries++;
        if (!found)
          this.emit({
            kind: "node",
            field,
            id,
            hint: hint === "value" ? `node_${field}` : hint,
            span,
            callSites: frame.callSites,
          });
        return { kind: "node", type: nodeFieldTypes[field], field, id, span };
      },
    };
  }
}

/**
 * Lowers the root file (its imports' procedures available to it), reporting into `bag`, which
 * already holds the imports' reports. With the memo of the previous text's lowering, resumes
 * where that one's state still holds (see LowerMemo); the result is the same either way.
 */
export function lower(
  root: SourceFile,
  imports: readonly SourceFile[],
  bag: DiagnosticBag,
  known: KnownTargets,
  memo?: LowerMemo,
): LowerResult {
  // An import that could not be loaded or was refused: BOND0108 and BOND0120, reported in sources.ts.
  const importsFailed = bag.items.some((d) => d.code === "BOND0108" || d.code === "BOND0120");
  const lowerer = new Lowerer(root, known, importsFailed);
  const result = lowerer.run(imports, memo);
  for (const d of lowerer.diagnostics) bag.items.push(d);
  return result;
}
