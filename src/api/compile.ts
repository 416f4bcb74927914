import { generate, type ScriptStats } from "../backend/generate.js";
import { netTools } from "../backend/net-tools.js";
import type { Toolset } from "../backend/toolset.js";
import type { CompileHost } from "../semantic/sources.js";
import { check, type CheckResult } from "./check.js";

export const toolsets: ReadonlyMap<string, Toolset> = new Map([[netTools.name, netTools]]);

export interface CompileResult extends CheckResult {
  /** The linuxrc; undefined when there are errors. */
  readonly script?: string;
  readonly stats?: ScriptStats;
}

/** check(), then, when there are no errors, the linuxrc for the target's toolset. */
export function compile(text: string, file: string, host?: CompileHost): CompileResult {
  return compileChecked(check(text, file, host));
}

/** The linuxrc of a check() result, when it has no errors (the language server's hovers start from one it already has). */
export function compileChecked(result: CheckResult): CompileResult {
  if (result.hasErrors) return result;
  const tools = toolsets.get(result.program.target.tools) ?? netTools;
  const files = new Map([result.source, ...result.imports].map((s) => [s.path, s.lines]));
  const { script, stats } = generate(result.program, result.states, (f) => files.get(f), tools);
  return { ...result, script, stats };
}
