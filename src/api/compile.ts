import { generate, type GeneratedScript, type ScriptStats } from "../backend/generate.js";
import type { SourceMap } from "../backend/source-map.js";
import { registry as defaultRegistry, type Registry } from "../registry/registry.js";
import type { CompileHost } from "../semantic/sources.js";
import { check, type CheckOptions, type CheckResult } from "./check.js";

/** A file the node needs, as bondc wrote it: where it goes in the image, its mode and its text. */
export interface Artifact {
  /** Its path on the node ("/linuxrc"). */
  readonly path: string;
  readonly mode: number;
  readonly content: string;
  /** Where each of its lines comes from in the .bond files. */
  readonly sourceMap: SourceMap;
}

export interface CompileResult extends CheckResult {
  /** What the node needs, the target's script first; empty when there are errors. */
  readonly artifacts: readonly Artifact[];
  /** The target's script (artifacts[0]), which is what most callers want; undefined on errors. */
  readonly script?: string;
  readonly stats?: ScriptStats;
}

/** check(), then, when there are no errors, the target's script for the target's toolset. */
export function compile(text: string, file: string, host?: CompileHost, options: CheckOptions = {}): CompileResult {
  return compileChecked(check(text, file, host, options), options.registry);
}

/** The artifacts of a check() result, when it has no errors (for a caller that already has the check). */
export function compileChecked(result: CheckResult, registry: Registry = defaultRegistry): CompileResult {
  const generated = generateChecked(result, registry);
  if (!generated) return { ...result, artifacts: [] };
  const { script, sourceMap, stats, entryPath } = generated;
  const entry: Artifact = { path: entryPath, mode: 0o755, content: script, sourceMap };
  return { ...result, artifacts: [entry], script, stats };
}

/**
 * The given actions' steps as the target's script writes them, without the rest of it: what an
 * editor's hover shows of a statement, at a fraction of the cost of the whole script on a large
 * file. Undefined when the file has errors.
 */
export function compileSteps(
  result: CheckResult,
  actions: ReadonlySet<number>,
  registry: Registry = defaultRegistry,
): Pick<Artifact, "content" | "sourceMap"> | undefined {
  const generated = generateChecked(result, registry, actions);
  return generated && { content: generated.script, sourceMap: generated.sourceMap };
}

function generateChecked(
  result: CheckResult,
  registry: Registry,
  only?: ReadonlySet<number>,
): (GeneratedScript & { readonly entryPath: string }) | undefined {
  const target = registry.targets.get(result.program.target.name);
  const tools = registry.toolsets.get(result.program.target.tools);
  // Lowering reports an unknown target or toolset, so both exist whenever there are no errors.
  // A library has no program of its own: nothing to generate.
  if (result.hasErrors || result.program.library || !target || !tools) return undefined;
  const files = new Map([result.source, ...result.imports].map((s) => [s.path, s.lines]));
  const generated = generate(result.program, {
    states: result.states,
    linesOf: (f) => files.get(f),
    target,
    tools,
    clients: result.inventories.flatMap((inventory) =>
      inventory.nodes.filter((n) => n.role === "client").map((n) => ({ name: n.name.value, address: n.address.text })),
    ),
    ...(only ? { only } : {}),
  });
  return { ...generated, entryPath: target.entryPath };
}
