import { isDeepStrictEqual } from "node:util";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { sameList } from "../lists.js";
import type { InterfaceTable } from "../semantic/evaluate.js";
import type { Binding, Scope, ScopeWatcher } from "../semantic/scope.js";
import type { Definition, Reference, TypedSpan } from "../semantic/symbols.js";
import type { InterfaceDecl } from "../semantic/types.js";
import type { Action, FailurePolicy, TargetInfo } from "./ir.js";

/*
 * What lowering one top-level statement read and what it did, so that the next lowering of the
 * same file (an editor's session, after an edit elsewhere) can take the statement's results as
 * they are instead of lowering it again. A statement's lowering is a function of the statement
 * and of what it read of the lowering's state: the names it looked up, the interfaces it asked
 * about, the next discovery id when it discovered something, the target and failure policy when
 * it looked at them, whether a VLAN had been created yet. When each of those reads gives the same
 * answer again (the same objects), its results are the same objects as before: its actions,
 * reports, symbols, the names it bound and the interfaces it declared are replayed. Its spans are
 * the statement's own span objects, which the incremental parser moves with the statement
 * (syntax/incremental/shift.ts), so they are right wherever the statement now is. A statement
 * that read something no single answer captures (a list of every name, for a suggestion) or
 * made a span by arithmetic is lowered again every time.
 */

/** The lowering state around one statement that the statement could have read. */
export interface Settings {
  readonly target: TargetInfo;
  readonly targetBoot: string | undefined;
  readonly policy: FailurePolicy | undefined;
  readonly targetSeen: boolean;
}

export interface ItemRecord {
  /** Reads that decide the statement's results: each must give the same answer (===) again. */
  readonly names: readonly { readonly name: string; readonly local: boolean; readonly found: Binding | undefined }[];
  readonly interfaces: readonly { readonly name: string; readonly found: InterfaceDecl | undefined }[];
  readonly vlansCreated: readonly { readonly name: string; readonly created: boolean }[];
  /** The discovery id it started from, when it discovered anything (its values carry the ids). */
  readonly discoveriesFrom: number | undefined;
  /** The settings it started from and ended with, when it read or changed them. */
  readonly settings: { readonly before: Settings; readonly after: Settings } | undefined;
  /** It read what no one answer captures: it is lowered again every time. */
  readonly volatile: boolean;
  // What it did, in order.
  readonly actions: readonly Action[];
  readonly discoveries: number;
  readonly diagnostics: readonly Diagnostic[];
  readonly definitions: readonly Definition[];
  readonly references: readonly Reference[];
  readonly types: readonly TypedSpan[];
  readonly bound: readonly (readonly [string, Binding])[];
  readonly declared: readonly (readonly [string, InterfaceDecl])[];
}

/** What the lowering state answers now, to hold a record's reads against. */
export interface LoweringState {
  readonly scope: Scope;
  readonly interfaces: ReadonlyMap<string, InterfaceDecl>;
  readonly vlansCreated: ReadonlySet<string>;
  /** Read when asked, as the lowering goes on. */
  discoveries(): number;
  settings(): Settings;
}

export const sameSettings = (a: Settings, b: Settings) =>
  a.target === b.target && a.targetBoot === b.targetBoot && a.policy === b.policy && a.targetSeen === b.targetSeen;

/** Whether every read of `record` gives the same answer in `state`: then its results are this statement's again. */
export function stillHolds(record: ItemRecord, state: LoweringState): boolean {
  if (record.volatile) return false;
  if (record.discoveriesFrom !== undefined && record.discoveriesFrom !== state.discoveries()) return false;
  if (record.settings && !sameSettings(record.settings.before, state.settings())) return false;
  for (const r of record.names) {
    // Asked without a watcher: checking is not reading.
    if ((r.local ? state.scope.local(r.name) : state.scope.lookup(r.name)) !== r.found) return false;
  }
  for (const r of record.interfaces) if (state.interfaces.get(r.name) !== r.found) return false;
  for (const r of record.vlansCreated) if (state.vlansCreated.has(r.name) !== r.created) return false;
  return true;
}

/** What a run of records did to the state later statements read, in order, as a flat list to compare. */
function writes(records: readonly (ItemRecord | undefined)[]): unknown[] {
  const out: unknown[] = [];
  for (const r of records) {
    if (!r) continue;
    for (const [name, binding] of r.bound) out.push("bound", name, binding);
    for (const [name, decl] of r.declared) out.push("declared", name, decl);
    for (const a of r.actions) if (a.kind === "vlan") out.push("vlan", a.iface);
    // An interface's definition is what later references to it point at (SymbolTable.define).
    for (const d of r.definitions) if (d.kind === "iface") out.push("iface", d);
  }
  return out;
}

/** Whether two runs of records bound, declared and created the same things, as the same objects, in the same order. */
export function sameWrites(a: readonly (ItemRecord | undefined)[], b: readonly (ItemRecord | undefined)[]): boolean {
  return sameList(writes(a), writes(b));
}

/**
 * An interface bonds and VLANs declare by being named (no span, no definition), declared again by
 * a statement lowered anew: the previous lowering's object when it says the same, so that the
 * statements after it, which read that object, still hold (and an edit inside `up bond0 { … }`
 * costs that statement, not every later one).
 */
function sameImplicit(previous: InterfaceDecl | undefined, decl: InterfaceDecl): InterfaceDecl {
  return previous && !previous.span && !decl.span && isDeepStrictEqual(previous, decl) ? previous : decl;
}

/**
 * Watches one statement's lowering: the top-level scope reports to it, evaluation reads the
 * interfaces through table(), and the lowerer tells it of the rest (settings, VLANs, volatility).
 */
export class ItemRecorder implements ScopeWatcher {
  private readonly names: { name: string; local: boolean; found: Binding | undefined }[] = [];
  private readonly interfaceReads: { name: string; found: InterfaceDecl | undefined }[] = [];
  readonly vlansCreated: { name: string; created: boolean }[] = [];
  private readonly bindings: [string, Binding][] = [];
  private readonly declared: [string, InterfaceDecl][] = [];
  readsSettings = false;
  volatile = false;

  /** `declaredBefore`: the previous lowering's interfaces, whose implicit ones are declared again as the same objects. */
  constructor(private readonly declaredBefore?: ReadonlyMap<string, InterfaceDecl>) {}

  read(name: string, local: boolean, found: Binding | undefined): void {
    if (!this.bindings.some(([bound]) => bound === name)) this.names.push({ name, local, found });
  }

  listed(): void {
    this.volatile = true;
  }

  bound(name: string, binding: Binding): void {
    this.bindings.push([name, binding]);
  }

  /** `interfaces` as evaluation should see it: every question and every declaration noted. */
  table(interfaces: Map<string, InterfaceDecl>): InterfaceTable {
    const note = (name: string) => {
      const found = interfaces.get(name);
      // What the statement declared itself is its own doing, not something it found.
      if (!this.declared.some(([declared]) => declared === name)) this.interfaceReads.push({ name, found });
      return found;
    };
    return {
      get: note,
      has: (name) => note(name) !== undefined,
      set: (name, decl) => {
        const kept = sameImplicit(this.declaredBefore?.get(name), decl);
        this.declared.push([name, kept]);
        interfaces.set(name, kept);
        return interfaces;
      },
      keys: () => {
        this.volatile = true;
        return interfaces.keys();
      },
    };
  }

  record(
    results: Pick<ItemRecord, "actions" | "discoveries" | "diagnostics" | "definitions" | "references" | "types">,
    discoveriesFrom: number,
    settings: { before: Settings; after: Settings },
  ): ItemRecord {
    return {
      names: this.names,
      interfaces: this.interfaceReads,
      vlansCreated: this.vlansCreated,
      discoveriesFrom: results.discoveries > 0 ? discoveriesFrom : undefined,
      settings: this.readsSettings || !sameSettings(settings.before, settings.after) ? settings : undefined,
      volatile: this.volatile,
      ...results,
      bound: this.bindings,
      declared: this.declared,
    };
  }
}
