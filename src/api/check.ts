import type { BootState } from "../analysis/state.js";
import { applyDirectives } from "../checks/directives.js";
import { supportedKernels } from "../checks/kernel-rules.js";
import type { Check } from "../checks/context.js";
import { runChecks, type CheckOutput } from "../checks/run.js";
import type { KernelRange } from "../semantic/kernel.js";
import { compareDiagnostics, type Diagnostic } from "../diagnostics/diagnostic.js";
import { DiagnosticBag } from "../diagnostics/report.js";
import type { Program } from "../ir/ir.js";
import { lower, type KnownTargets, type LowerMemo } from "../ir/lower.js";
import { knownTargets, registry as defaultRegistry, type Registry } from "../registry/registry.js";
import { diskHost, loadImports, sourceFromText, type CompileHost, type SourceFile } from "../semantic/sources.js";
import type { Inventory } from "../semantic/inventory/inventory.js";
import { loadInventories } from "../semantic/inventory/load.js";
import type { SymbolTable } from "../semantic/symbols.js";
import type { ParseResult } from "../syntax/parse.js";

export interface CheckOptions {
  /** The targets and toolsets to compile for; tests pass their own. */
  readonly registry?: Registry;
  /** An incremental parse of the text (a CheckSession's), equal to parse(text, file). */
  readonly parsed?: ParseResult;
  /** How imported files' texts become parses (a CheckSession keeps those it has seen). */
  readonly toSource?: (path: string, text: string) => SourceFile;
  /** What the previous check of the same file left for this one (a CheckSession's); check() updates it. */
  readonly memo?: CheckMemo;
  /**
   * False to stop after names and types: no boot simulation, no checks over the IR, for an
   * editor's request that reads only the program and its symbols (completion). Default true.
   */
  readonly checks?: boolean;
}

/** What one check of a file leaves for the next check of it: its lowering and its checks' output, to resume part-way. */
export interface CheckMemo {
  lowered?: LowerMemo;
  checked?: CheckOutput;
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

export interface CheckResult {
  readonly source: SourceFile;
  /** Imported files, for editors that follow definitions into stdlib/. */
  readonly imports: readonly SourceFile[];
  /** The cluster's inventories the file and its imports declare, read and checked. */
  readonly inventories: readonly Inventory[];
  readonly program: Program;
  readonly symbols: SymbolTable;
  /** The boot state before each action, and after the last. */
  readonly states: readonly BootState[];
  /** Sorted by file and position; warnings already filtered by directives. */
  readonly diagnostics: readonly Diagnostic[];
  readonly hasErrors: boolean;
  /**
   * Whether the boot simulation and the checks over the IR ran (they did unless `checks: false`
   * asked otherwise): when not, `states` is empty and `diagnostics` and `hasErrors` hold only
   * what parsing and typing found.
   */
  readonly complete: boolean;
}

/**
 * Everything short of code generation: parse, resolve, type, lower to IR, run the checks (the
 * generic ones and the target's). Never throws on any input. When the file has syntax errors the
 * IR checks are skipped, since a recovered tree would only make them report echoes of the syntax
 * error.
 */
export function check(
  text: string,
  file: string,
  host: CompileHost = diskHost,
  options: CheckOptions = {},
): CheckResult {
  const registry = options.registry ?? defaultRegistry;
  // `parsed`: a session's incremental parse of `text`, equal to parse(text, file).
  const source = options.parsed ? { path: file, text, ...options.parsed } : sourceFromText(file, text);
  const bag = new DiagnosticBag();
  const imports = loadImports(source, host, bag, options.toSource);
  const lowered = lower(source, imports, bag, knownOf(registry), options.memo?.lowered);
  if (options.memo) options.memo.lowered = lowered.memo;
  const { program, symbols } = lowered;
  const inventories = loadInventories(lowered.inventories, host, source.path, bag);
  const syntax = [source, ...imports].flatMap((s) => s.diagnostics);
  let states: readonly BootState[] = [];
  let checks: readonly Diagnostic[] = [];
  const complete = options.checks !== false;
  if (syntax.length === 0 && complete) {
    // A library boots nothing: its target and toolset are only the defaults, so neither their
    // kernels nor their handoff rules apply to it; the procedures are checked where they are called.
    const target = program.library ? undefined : registry.targets.get(program.target.name);
    const tools = program.library ? undefined : registry.toolsets.get(program.target.tools);
    const out = runChecks(
      program,
      source.lines,
      [
        ...(target ? [kernelsCheck(target, "target")] : []),
        ...(tools ? [kernelsCheck(tools, "toolset")] : []),
        ...(target?.checks ?? []),
        ...(target?.clusterChecks?.(inventories) ?? []),
        ...(tools?.checks ?? []),
      ],
      // A library has no target: its procedures are checked where they are called.
      { handoffEndsScript: target?.handoffExecs ?? true, bootNicConfigured: target?.bootNicConfigured ?? true },
      options.memo?.checked,
    );
    if (options.memo) options.memo.checked = out;
    states = out.states;
    checks = out.diagnostics;
  }
  // One mistake, one message: on a line the parser already complained about, name-and-type
  // errors are echoes of the recovered tree, not news.
  const brokenLines = new Set(syntax.map((d) => `${d.span.file}:${d.span.line}`));
  const semantic = bag.items.filter((d) => !brokenLines.has(`${d.span.file}:${d.span.line}`));
  const all = applyDirectives(source.ast, source.lines, [...syntax, ...semantic, ...checks]).sort(compareDiagnostics);
  return {
    source,
    imports,
    inventories,
    program,
    symbols,
    states,
    diagnostics: all,
    hasErrors: all.some((d) => d.severity === "error"),
    complete,
  };
}
