import { simulate, type BootState, type Simulation } from "../analysis/state.js";
import { applyDirectives } from "../checks/directives.js";
import { supportedKernels } from "../checks/kernel-rules.js";
import type { Check } from "../checks/context.js";
import { runChecks, type CheckReports } from "../checks/run.js";
import type { KernelRange } from "../semantic/kernel.js";
import { compareDiagnostics, type Diagnostic } from "../diagnostics/diagnostic.js";
import { DiagnosticBag } from "../diagnostics/report.js";
import type { Program } from "../ir/ir.js";
import type { StatementTable } from "../ir/item-counts.js";
import { lower, type KnownTargets, type LowerMemo } from "../ir/lower.js";
import { knownTargets, registry as defaultRegistry, type Registry } from "../registry/registry.js";
import { diskHost, loadImports, sourceFromText, type CompileHost, type SourceFile } from "../semantic/sources.js";
import type { Inventory } from "../semantic/inventory/inventory.js";
import { loadInventories } from "../semantic/inventory/load.js";
import type { SymbolTable } from "../semantic/symbols.js";
import type { ParseResult } from "../syntax/parse.js";
import type { Target } from "../targets/target.js";

/**
 * How far a check goes. "program": parse, names, types and the IR (an editor's completion reads
 * no more). "states": and the boot simulation, the state before every action (a hover's "before
 * this step"). "all": and the checks over the IR, which is what every caller but an editor wants.
 */
export type CheckLevel = "program" | "states" | "all";

/** Whether a check at `level` has done what `needs` asks for. */
export const reaches = (level: CheckLevel, needs: CheckLevel) =>
  level === "all" || needs === "program" || level === needs;

export interface CheckOptions {
  /** The targets and toolsets to compile for; tests pass their own. */
  readonly registry?: Registry;
  /** An incremental parse of the text (a CheckSession's), equal to parse(text, file). */
  readonly parsed?: ParseResult;
  /** How imported files' texts become parses (a CheckSession keeps those it has seen). */
  readonly toSource?: (path: string, text: string) => SourceFile;
  /** What the previous check of the same file left for this one (a CheckSession's); check() updates it. */
  readonly memo?: CheckMemo;
  /** How far to go (CheckLevel); default "all". */
  readonly level?: CheckLevel;
}

/**
 * What one check of a file leaves for the next check of it, to resume part-way: its lowering, its
 * boot simulation (used up by the next one that simulates), and the reports of the last check
 * that ran the checks (kept by checks that stop short of them).
 */
export interface CheckMemo {
  lowered?: LowerMemo;
  simulation?: Simulation;
  reports?: CheckReports;
}

/** The registry as lowering sees it, one object per registry, so a lowering memo can tell it is the same. */
const knownByRegistry = new WeakMap<Registry, KnownTargets>();
function knownOf(registry: Registry): KnownTargets {
  let known = knownByRegistry.get(registry);
  if (!known) knownByRegistry.set(registry, (known = knownTargets(registry)));
  return known;
}

/**
 * A target's or a toolset's kernel check, made once per target or toolset: the same check every
 * time is what lets a session take over the previous check's reports (checks/same-program.ts).
 */
const kernelChecks = new WeakMap<object, Check>();
function kernelsCheck(
  subject: { readonly name: string; readonly kernels?: KernelRange },
  kind: "target" | "toolset",
): Check {
  let check = kernelChecks.get(subject);
  if (!check) {
    check = supportedKernels({ kind, name: subject.name, ...(subject.kernels ? { kernels: subject.kernels } : {}) });
    kernelChecks.set(subject, check);
  }
  return check;
}

/**
 * A target's cluster checks for a file that declares no inventory (most files), made once per
 * target for the same reason: a target makes them anew on each call, and new checks would never
 * let a session take over the previous reports. With inventories they are made for them.
 */
const withoutInventory = new WeakMap<Target, readonly Check[]>();
function clusterChecks(target: Target, inventories: readonly Inventory[]): readonly Check[] {
  if (!target.clusterChecks) return [];
  if (inventories.length > 0) return target.clusterChecks(inventories);
  let checks = withoutInventory.get(target);
  if (!checks) withoutInventory.set(target, (checks = target.clusterChecks([])));
  return checks;
}

/** What a check of every level has: the file, its imports and inventories, the program and its symbols. */
export interface CheckedProgram {
  readonly source: SourceFile;
  /** Imported files, for editors that follow definitions into stdlib/. */
  readonly imports: readonly SourceFile[];
  /** The cluster's inventories the file and its imports declare, read and checked. */
  readonly inventories: readonly Inventory[];
  readonly program: Program;
  readonly symbols: SymbolTable;
  /** What each top-level statement of the file produced: an editor's questions about one statement. */
  readonly statements: StatementTable;
}

export interface CheckResult extends CheckedProgram {
  /** The boot state before each action, and after the last; empty below "states" and when the file has syntax errors. */
  readonly states: readonly BootState[];
  /**
   * Sorted by file and position; warnings already filtered by directives. Below "all", only what
   * parsing and typing found, and `hasErrors` says only whether they found an error.
   */
  readonly diagnostics: readonly Diagnostic[];
  readonly hasErrors: boolean;
  /** How far the check went (CheckOptions.level). */
  readonly level: CheckLevel;
}

/** What a check knows once the text is lowered: every level's part, from which checkLowered goes on. */
export interface LoweredCheck extends CheckedProgram {
  /** The syntax errors of the file and its imports. */
  readonly syntax: readonly Diagnostic[];
  /** What names and types reported, less the echoes of syntax errors. */
  readonly semantic: readonly Diagnostic[];
}

/**
 * Everything short of code generation: parse, resolve, type, lower to IR, simulate the boot, run
 * the checks (the generic ones and the target's), as far as `options.level` asks. Never throws on
 * any input. When the file has syntax errors the boot is not simulated and the IR checks are
 * skipped, since a recovered tree would only make them report echoes of the syntax error.
 */
export function check(
  text: string,
  file: string,
  host: CompileHost = diskHost,
  options: CheckOptions = {},
): CheckResult {
  return checkLowered(lowerText(text, file, host, options), options);
}

/** The part of check() every level does: parse, resolve, type, lower, read the inventories. */
export function lowerText(text: string, file: string, host: CompileHost, options: CheckOptions): LoweredCheck {
  const registry = options.registry ?? defaultRegistry;
  // `parsed`: a session's incremental parse of `text`, equal to parse(text, file).
  const source = options.parsed ? { path: file, text, ...options.parsed } : sourceFromText(file, text);
  const bag = new DiagnosticBag();
  const imports = loadImports(source, host, bag, options.toSource);
  const lowered = lower(source, imports, bag, knownOf(registry), options.memo?.lowered);
  if (options.memo) options.memo.lowered = lowered.memo;
  const { program, symbols, statements } = lowered;
  const inventories = loadInventories(lowered.inventories, host, source.path, bag);
  const syntax = [source, ...imports].flatMap((s) => s.diagnostics);
  // One mistake, one message: on a line the parser already complained about, name-and-type
  // errors are echoes of the recovered tree, not news.
  const brokenLines = new Set(syntax.map((d) => `${d.span.file}:${d.span.line}`));
  const semantic = bag.items.filter((d) => !brokenLines.has(`${d.span.file}:${d.span.line}`));
  return { source, imports, inventories, program, symbols, statements, syntax, semantic };
}

/**
 * The rest of check() from a lowered text, as far as `options.level` asks; again from the same
 * lowering to go further (the simulation then resumes from the one before, all of it the same).
 */
export function checkLowered(
  lowered: LoweredCheck,
  options: Pick<CheckOptions, "registry" | "memo" | "level">,
): CheckResult {
  const registry = options.registry ?? defaultRegistry;
  const level = options.level ?? "all";
  const { source, imports, inventories, program, syntax, semantic } = lowered;
  let states: readonly BootState[] = [];
  let checks: readonly Diagnostic[] = [];
  if (syntax.length === 0 && level !== "program") {
    // A library boots nothing: its target and toolset are only the defaults, so neither their
    // kernels nor their handoff rules apply to it; the procedures are checked where they are called.
    const target = program.library ? undefined : registry.targets.get(program.target.name);
    const tools = program.library ? undefined : registry.toolsets.get(program.target.tools);
    const facts = {
      handoffEndsScript: target?.handoffExecs ?? true,
      bootNicConfigured: target?.bootNicConfigured ?? true,
    };
    const simulation = simulate(program, facts.bootNicConfigured, options.memo?.simulation);
    if (options.memo) options.memo.simulation = simulation;
    states = simulation.states;
    if (level === "all") {
      const imposed = [
        ...(target ? [kernelsCheck(target, "target")] : []),
        ...(tools ? [kernelsCheck(tools, "toolset")] : []),
        ...(target?.checks ?? []),
        ...(target ? clusterChecks(target, inventories) : []),
        ...(tools?.checks ?? []),
      ];
      const reports = runChecks(program, source.lines, states, imposed, facts, options.memo?.reports);
      if (options.memo) options.memo.reports = reports;
      checks = reports.diagnostics;
    }
  }
  const all = applyDirectives(source.ast, source.lines, [...syntax, ...semantic, ...checks]).sort(compareDiagnostics);
  return {
    source,
    imports,
    inventories,
    program,
    symbols: lowered.symbols,
    statements: lowered.statements,
    states,
    diagnostics: all,
    hasErrors: all.some((d) => d.severity === "error"),
    level,
  };
}
