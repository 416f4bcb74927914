import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { DiagnosticBag } from "../diagnostics/report.js";
import type { Span } from "../diagnostics/span.js";
import { declareInterface, describeValue, evaluate, evaluateConst, type EvalContext } from "../semantic/evaluate.js";
import { typeInventory, type InventorySpec } from "../semantic/inventory/settings.js";
import { typeWait } from "../semantic/wait.js";
import { isDeclaration, isLibrary } from "../syntax/library.js";
import { closest } from "../syntax/literals.js";
import { Scope, type Binding } from "../semantic/scope.js";
import type { SourceFile } from "../semantic/sources.js";
import { typeHandoff, typeLoad, typeName, typeTargetSettings, typeUp } from "../semantic/statements.js";
import { SymbolTable, type Definition } from "../semantic/symbols.js";
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
import { mergeBondConfigs, type BondMerge } from "./bond-config.js";
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
import { appendSlice, sameList } from "../lists.js";
import { countPast, StatementTable, type Counts } from "./item-counts.js";
import {
  ItemRecorder,
  sameSettings,
  sameWrites,
  stillHolds,
  type ItemRecord,
  type LoweringState,
  type Settings,
} from "./item-memo.js";

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
  /** What each of the root file's top-level items produced. */
  readonly statements: StatementTable;
}

/**
 * One lowering, kept so that lowering the next text of the file can take over what it did: what
 * each top-level item of the root file read and did (item-memo.ts), where its results sit in the
 * lowering's lists (item-counts.ts), and the procedures' hoisting. Only when everything any item
 * could have read outside the root file's items is the same: the imports, every procedure, the
 * targets known, and whether an import failed.
 *
 * An edit leaves the items before it as they were (the incremental parser hands back the very
 * same objects), so from the same start their records hold as they are: their results are taken
 * from the previous lists as one slice each. The items after the edit are the same objects too,
 * moved; when the changed items left the state as the old ones did (the same names bound to the
 * same values, the same interfaces declared, as many values discovered: see converged()), every
 * later record holds as it did, and they are taken as one slice too. Otherwise each later item's
 * record is taken when what it read is unchanged. An edit costs the items it changed, those that
 * read what they changed, and copying the lists.
 */
export interface LowerMemo {
  readonly known: KnownTargets;
  readonly importsFailed: boolean;
  /** Whether an inventory was declared: an earlier `discover node.…` was judged by it (BOND0135). */
  readonly inventory: EvalContext["inventory"];
  readonly imports: readonly SourceFile[];
  readonly procs: readonly A.ProcDecl[];
  readonly items: readonly A.Item[];
  /** What hoisting the procedures defined and reported, and the scope it bound them in. */
  readonly hoisted: { readonly definitions: readonly Definition[]; readonly diagnostics: readonly Diagnostic[] };
  readonly procScope: Scope;
  /** What each of `items` read and did; none for a declaration. */
  readonly records: readonly (ItemRecord | undefined)[];
  /** How long the lists were before the first item's results: what hoisting put there. */
  readonly base: Counts;
  /** The lists the items' results were made into. */
  readonly outputs: {
    readonly actions: readonly Action[];
    readonly diagnostics: readonly Diagnostic[];
    readonly symbols: SymbolTable;
  };
  /** The interfaces declared, for a changed item to declare the same implicit one as the same object. */
  readonly interfaces: ReadonlyMap<string, InterfaceDecl>;
  /** The VLAN interfaces the actions create. */
  readonly vlansCreated: ReadonlySet<string>;
  /** Each bond's merged configuration, taken again when merged from the same actions (bond-config.ts). */
  readonly bonds: ReadonlyMap<string, BondMerge>;
  /** What the lowering made, taken over whole by one of a text whose every item is the same (unchanged). */
  readonly result: Omit<LowerResult, "memo">;
  /** The state after the items before the first one the edit changed, for the next edit there. */
  readonly checkpoint: Checkpoint | undefined;
}

/**
 * The lowering state after the first `at` items: what replaying their writes made. Typing goes
 * on in one statement, so the next lowering's items before it are these very items again, and
 * it starts from copies of this state rather than writing each of their bindings once more.
 */
interface Checkpoint {
  readonly at: number;
  readonly bindings: ReadonlyMap<string, Binding>;
  readonly interfaces: ReadonlyMap<string, InterfaceDecl>;
  readonly settings: Settings;
}

/** The settings the last of `records[from..to)` that wrote any left; undefined when none did. */
function settingsAfter(records: readonly (ItemRecord | undefined)[], from: number, to: number): Settings | undefined {
  for (let i = to - 1; i >= from; i--) {
    const settings = records[i]?.settings;
    if (settings) return settings.after;
  }
  return undefined;
}

/**
 * Whether `items` are the very items `memo` lowered, none of them volatile (whose spans were made
 * by arithmetic, and so must be made again when the statement moves).
 */
function unchanged(memo: LowerMemo, items: readonly A.Item[]): boolean {
  if (items.length !== memo.items.length) return false;
  for (let i = 0; i < items.length; i++) if (items[i] !== memo.items[i] || memo.records[i]?.volatile) return false;
  return true;
}

/**
 * The previous lowering's record of each of its items from `from` on, found by the item: a
 * changed item may be one that moved (an undo, a paste), and the parser hands back only the
 * previous text's items, so its record, if it has one, is there. Indexed on the first question.
 * A map made for one lowering, not a WeakMap kept from lowering to lowering: there every edit's
 * records survived V8's young-generation GCs until a full one (measured), each of them copying
 * them all again: a 3-8 ms pause every fifty edits of the seed example, about 1 ms without.
 */
function recordsByItem(memo: LowerMemo, from: number): (item: A.Item) => ItemRecord | undefined {
  let index: Map<A.Item, ItemRecord> | undefined;
  return (item) => {
    if (!index) {
      index = new Map();
      for (let i = from; i < memo.items.length; i++) {
        const record = memo.records[i];
        if (record) index.set(memo.items[i]!, record);
      }
    }
    return index.get(item);
  };
}

/**
 * The target a file without a target block has: one object per registry, so that two lowerings
 * of such a file start from the same settings (a record's reads are compared by identity).
 */
const defaultTargets = new WeakMap<KnownTargets, TargetInfo>();
function defaultTarget(known: KnownTargets): TargetInfo {
  let target = defaultTargets.get(known);
  if (!target) {
    const [name, spec] = [...known.targets][0]!;
    defaultTargets.set(known, (target = { name, tools: spec.defaultTools }));
  }
  return target;
}

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
  private targetSeen = false;
  /** VLAN interfaces the actions so far create (a VLAN is created before its first up). */
  private vlansCreated = new Set<string>();
  /** Watches the top-level statement being lowered, when its record is being made. */
  private recorder: ItemRecorder | undefined;

  constructor(
    private readonly root: SourceFile,
    private readonly known: KnownTargets,
    /** Whether an import could not be loaded or was refused (already reported). */
    private readonly importsFailed: boolean,
  ) {
    this.target = defaultTarget(known);
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
      memo.inventory === this.inventory &&
      sameList(memo.imports, imports) &&
      sameList(memo.procs, procs);
    // An edit of comments or blank lines only: every item is the one the previous lowering read,
    // so it makes the very same lists. (Its spans moved with their statements.)
    if (reusable && unchanged(memo, items)) {
      appendSlice(this.bag.items, memo.outputs.diagnostics, 0, memo.outputs.diagnostics.length);
      return { ...memo.result, memo };
    }
    let hoisted: LowerMemo["hoisted"];
    if (reusable) {
      this.procScope = memo.procScope;
      hoisted = memo.hoisted;
      for (const d of hoisted.definitions) this.symbols.define(d);
      for (const d of hoisted.diagnostics) this.bag.items.push(d);
    } else {
      for (const file of [this.root, ...imports]) this.hoistProcedures(file, file !== this.root);
      hoisted = { definitions: [...this.symbols.definitions], diagnostics: [...this.bag.items] };
    }
    const base = this.counts();
    const scope = new Scope(this.procScope);
    const frame: Frame = { scope, callSites: [], expanding: [] };
    const previous = reusable ? memo : undefined;
    const old = previous?.items ?? [];
    // The items the edit left alone at either end: the same objects as before.
    let same = 0;
    while (same < items.length && same < old.length && items[same] === old[same]) same++;
    let suffix = 0;
    const most = Math.min(items.length, old.length) - same;
    while (suffix < most && items[items.length - 1 - suffix] === old[old.length - 1 - suffix]) suffix++;
    const tailStart = items.length - suffix;
    const oldTailStart = old.length - suffix;
    const state = this.state(scope);
    const records: (ItemRecord | undefined)[] = [];
    let k = 0;
    // The counts after the items taken over before the edit, in the previous lowering's lists.
    let headEnd: Counts | undefined;
    if (previous) {
      // The items before the first one the edit changed read what they read before, from the same
      // start. Up to the first volatile one: it may have moved all the same (a comment above it
      // edited), and its spans were made by arithmetic, so it is lowered again like any other.
      while (k < same && !previous.records[k]?.volatile) k++;
      const from = previous.checkpoint && previous.checkpoint.at <= k ? previous.checkpoint : undefined;
      if (from) this.restore(from, scope);
      headEnd = this.adopt(previous, previous.base, 0, k, scope, records, from?.at);
    }
    // The same place as the last edit's (typing on in one statement): the same state there.
    const checkpoint: Checkpoint | undefined =
      previous?.checkpoint?.at === k
        ? previous.checkpoint
        : previous && {
            at: k,
            bindings: scope.snapshot(),
            interfaces: new Map(this.interfaces),
            settings: this.settings(),
          };
    const head = k;
    const recordOf = previous && recordsByItem(previous, head);
    for (; k < items.length; k++) {
      if (previous && headEnd && k === tailStart && head === same) {
        const start = countPast(headEnd, previous.records, same, oldTailStart);
        this.takeTail(previous, records, same, oldTailStart, start, frame);
        break;
      }
      const item = items[k]!;
      const known = recordOf?.(item);
      this.lowerItem(item, known && (k < same ? !known.volatile : stillHolds(known, state)) ? known : undefined, {
        frame,
        records,
        declaredBefore: previous?.interfaces,
      });
    }
    // Declarations, wherever they are: an inventory in an imported library is the cluster's too.
    const inventories = [this.root, ...imports].flatMap((file) =>
      file.ast.items
        .filter((item) => item.kind === "InventoryDecl")
        .map((item) => typeInventory(item, file.path, this.evalContext(frame))),
    );
    const bootInterface =
      this.targetBoot ??
      this.actions.find((a): a is DiscoverAction => a.kind === "discover" && a.field === "inet")?.iface;
    const policy = this.resolvePolicy(bootInterface);
    const bonds = mergeBondConfigs(this.actions, this.interfaces, this.bag, previous?.bonds);
    const program: Program = {
      file: this.root.path,
      target: this.target,
      policy,
      ...(bootInterface ? { bootInterface } : {}),
      interfaces: this.interfaces,
      actions: this.actions,
      bonds: bonds.configs,
      library: isLibrary(this.root.ast),
    };
    const result = { program, symbols: this.symbols, inventories, statements: new StatementTable(records, base) };
    const next: LowerMemo = {
      known: this.known,
      importsFailed: this.importsFailed,
      inventory: this.inventory,
      imports,
      procs,
      items,
      hoisted,
      procScope: this.procScope,
      records,
      base,
      outputs: { actions: this.actions, diagnostics: this.bag.items, symbols: this.symbols },
      interfaces: this.interfaces,
      bonds: bonds.merges,
      vlansCreated: this.vlansCreated,
      result,
      checkpoint,
    };
    return { ...result, memo: next };
  }

  private topLevel(item: Exclude<A.Item, A.ProcDecl | A.ImportDecl | A.InventoryDecl>, frame: Frame): void {
    if (item.kind === "TargetDecl") {
      this.noteSettings();
      if (this.targetSeen)
        this.bag.report("BOND0111", item.span, "a file has one target block", { help: "merge the two blocks" });
      this.targetSeen = true;
      this.lowerTarget(item, frame);
    } else {
      this.statement(item, frame);
    }
  }

  private settings(): Settings {
    return { target: this.target, targetBoot: this.targetBoot, policy: this.policy, targetSeen: this.targetSeen };
  }

  /**
   * The lowering state as a record's reads are held against it, read when asked. Functions, not
   * getters: V8 makes an object literal's accessors in the old generation, where each one kept
   * the whole lowering it reads alive through every young-generation GC until a full one.
   */
  private state(scope: Scope): LoweringState {
    return {
      scope,
      interfaces: this.interfaces,
      vlansCreated: this.vlansCreated,
      discoveries: () => this.discoveries,
      settings: () => this.settings(),
    };
  }

  /** Lowers one top-level statement through `lower`, watching what it reads and does. */
  private recorded(
    scope: Scope,
    lower: () => void,
    declaredBefore: ReadonlyMap<string, InterfaceDecl> | undefined,
  ): ItemRecord {
    const recorder = new ItemRecorder(declaredBefore);
    const before = {
      actions: this.actions.length,
      diagnostics: this.bag.items.length,
      symbols: this.symbols.counts(),
      discoveries: this.discoveries,
      settings: this.settings(),
    };
    this.recorder = recorder;
    scope.watcher = recorder;
    try {
      lower();
    } finally {
      this.recorder = undefined;
      scope.watcher = undefined;
    }
    return recorder.record(
      {
        actions: this.actions.slice(before.actions),
        discoveries: this.discoveries - before.discoveries,
        diagnostics: this.bag.items.slice(before.diagnostics),
        definitions: this.symbols.definitions.slice(before.symbols.definitions),
        references: this.symbols.references.slice(before.symbols.references),
        types: this.symbols.types.slice(before.symbols.types),
      },
      before.discoveries,
      { before: before.settings, after: this.settings() },
    );
  }

  /** Does again what a statement's record says it did, with the very same objects. */
  private replay(record: ItemRecord, scope: Scope): void {
    for (const action of record.actions) this.emit(action);
    this.discoveries += record.discoveries;
    for (const d of record.diagnostics) this.bag.items.push(d);
    for (const d of record.definitions) this.symbols.define(d);
    for (const r of record.references) this.symbols.references.push(r);
    for (const t of record.types) this.symbols.types.push(t);
    this.applyWrites(record, scope);
  }

  /** What a statement's record says it did to the state later statements read. */
  private applyWrites(record: ItemRecord, scope: Scope): void {
    const { bound, declared } = record;
    for (let i = 0; i < bound.length; i++) scope.bind(bound[i]![0], bound[i]![1]);
    for (let i = 0; i < declared.length; i++) this.interfaces.set(declared[i]![0], declared[i]![1]);
    if (record.settings) this.restoreSettings(record.settings.after);
  }

  /**
   * Takes over the previous lowering's items `from` to `to` (exclusive) whole, as replaying each
   * would: their results as one slice of each list (`start`: the counts before item `from`),
   * their writes to the state (from item `writesFrom` on: the state holds those before it
   * already), their records. Returns the counts after item `to - 1`.
   */
  private adopt(
    previous: LowerMemo,
    start: Counts,
    from: number,
    to: number,
    scope: Scope,
    records: (ItemRecord | undefined)[],
    writesFrom = from,
  ): Counts {
    const end = countPast(start, previous.records, from, to);
    for (let i = writesFrom; i < to; i++) {
      const record = previous.records[i];
      if (record) this.applyWrites(record, scope);
    }
    this.discoveries += end.discoveries - start.discoveries;
    this.copyLists(previous, start, end, from, to, records);
    return end;
  }

  /** The state a checkpoint holds, as copies (the checkpoint is the previous lowering's, and stays so). */
  private restore(checkpoint: Checkpoint, scope: Scope): void {
    scope.restore(checkpoint.bindings);
    this.interfaces = new Map(checkpoint.interfaces);
    this.restoreSettings(checkpoint.settings);
  }

  private restoreSettings(settings: Settings): void {
    ({ target: this.target, targetBoot: this.targetBoot, policy: this.policy, targetSeen: this.targetSeen } = settings);
  }

  /**
   * The previous lowering's items `from` to `to` (exclusive), whose results lie between the
   * counts `start` and `end` of its lists: their results appended as one slice of each list, and
   * their records; what they wrote to the state is the caller's to apply.
   */
  private copyLists(
    previous: LowerMemo,
    start: Counts,
    end: Counts,
    from: number,
    to: number,
    records: (ItemRecord | undefined)[],
  ): void {
    const { actions, diagnostics, symbols } = previous.outputs;
    appendSlice(this.actions, actions, start.actions, end.actions);
    // Only a file with VLANs has actions that create one to look for.
    for (let i = start.actions; previous.vlansCreated.size > 0 && i < end.actions; i++) {
      const action = actions[i]!;
      if (action.kind === "vlan") this.vlansCreated.add(action.iface);
    }
    appendSlice(this.bag.items, diagnostics, start.diagnostics, end.diagnostics);
    this.symbols.append(symbols, start, end);
    appendSlice(records, previous.records, from, to);
  }

  /**
   * One top-level item: a declaration has no record; `held`, a record that holds, is replayed;
   * anything else is lowered and recorded.
   */
  private lowerItem(
    item: A.Item,
    held: ItemRecord | undefined,
    into: {
      readonly frame: Frame;
      readonly records: (ItemRecord | undefined)[];
      readonly declaredBefore: ReadonlyMap<string, InterfaceDecl> | undefined;
    },
  ): ItemRecord | undefined {
    if (isDeclaration(item)) {
      into.records.push(undefined);
      return undefined;
    }
    if (held) {
      this.replay(held, into.frame.scope);
      into.records.push(held);
      return held;
    }
    const made = this.recorded(into.frame.scope, () => this.topLevel(item, into.frame), into.declaredBefore);
    into.records.push(made);
    return made;
  }

  /**
   * Takes over the previous lowering's items after the edit (from `oldTailStart` on), each whose
   * record still holds: when the changed items (from `same` on, `records` holding their new
   * records) left the state as the old ones did (the same names bound to the same values, the
   * same interfaces declared, as many values discovered, the same settings), all of them at once,
   * as each read what it reads again; otherwise each record is held against the state, and the
   * runs that hold are taken as whole slices, the others lowered again (a target block parsed
   * again makes new objects that the statements reading it must see). Volatile records are
   * lowered again every time.
   */
  private takeTail(
    previous: LowerMemo,
    records: (ItemRecord | undefined)[],
    same: number,
    oldTailStart: number,
    /** The counts before the previous lowering's item `oldTailStart`. */
    start: Counts,
    frame: Frame,
  ): void {
    const old = previous.items;
    // With no item before setting them, they were where every lowering starts.
    const settings = settingsAfter(previous.records, 0, oldTailStart) ?? {
      target: defaultTarget(this.known),
      targetBoot: undefined,
      policy: undefined,
      targetSeen: false,
    };
    const unchanged =
      this.discoveries === start.discoveries &&
      sameWrites(previous.records.slice(same, oldTailStart), records.slice(same)) &&
      sameSettings(settings, this.settings());
    let volatile = false;
    for (let i = oldTailStart; i < old.length && !volatile; i++) volatile = previous.records[i]?.volatile === true;
    if (unchanged && !volatile) {
      // The state after them is the previous lowering's own last state, as they write what they
      // wrote: taken rather than replayed, unless an inventory's settings read the names they bind
      // (nothing else after the items does).
      const replay = this.inventory === "declared";
      this.adopt(previous, start, oldTailStart, old.length, frame.scope, records, replay ? oldTailStart : old.length);
      if (!replay) {
        this.interfaces = new Map(previous.interfaces);
        const last = settingsAfter(previous.records, oldTailStart, old.length);
        if (last) this.restoreSettings(last);
      }
      return;
    }
    const state = this.state(frame.scope);
    let counts = start;
    let run = { from: oldTailStart, counts: start };
    for (let i = oldTailStart; i < old.length; i++) {
      const known = previous.records[i];
      const after = countPast(counts, previous.records, i, i + 1);
      if (!known || (!known.volatile && stillHolds(known, state))) {
        // Its writes now, for the next record to be held against; its lists with its run's.
        if (known) {
          this.applyWrites(known, frame.scope);
          this.discoveries += known.discoveries;
        }
        counts = after;
        continue;
      }
      this.copyLists(previous, run.counts, counts, run.from, i, records);
      this.lowerItem(old[i]!, undefined, { frame, records, declaredBefore: previous.interfaces });
      counts = after;
      run = { from: i + 1, counts };
    }
    this.copyLists(previous, run.counts, counts, run.from, old.length, records);
  }

  /** How long each list is now, and how many values have been discovered. */
  private counts(): Counts {
    return {
      actions: this.actions.length,
      diagnostics: this.bag.items.length,
      ...this.symbols.counts(),
      discoveries: this.discoveries,
    };
  }

  /** The statement being lowered reads the target or the failure policy. */
  private noteSettings(): void {
    if (this.recorder) this.recorder.readsSettings = true;
  }

  /** Whether the actions so far create the VLAN `iface`. */
  private vlanCreated(iface: string): boolean {
    const created = this.vlansCreated.has(iface);
    this.recorder?.vlansCreated.push({ name: iface, created });
    return created;
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
    const vlan = ctx.interfaces.get(up.iface)?.vlan;
    if (vlan && !this.vlanCreated(up.iface))
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
    this.noteSettings();
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
    this.noteSettings();
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
    this.noteSettings();
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
      if (this.recorder) this.recorder.volatile = true;
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
    if (action.kind === "vlan") this.vlansCreated.add(action.iface);
  }

  private evalContext(frame: Frame): EvalContext {
    const recorder = this.recorder;
    return {
      scope: frame.scope,
      bag: this.bag,
      symbols: this.symbols,
      interfaces: recorder ? recorder.table(this.interfaces) : this.interfaces,
      derivedSpan: () => {
        if (recorder) recorder.volatile = true;
      },
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
        // Whether an earlier statement looked it up already is a read of the actions no record
        // keeps (item-memo.ts): a statement reading the node is lowered again every time.
        if (this.recorder) this.recorder.volatile = true;
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
 * already holds the imports' reports. With the memo of the previous text's lowering, takes over
 * what that one did where it still holds (see LowerMemo); the result is the same either way.
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
