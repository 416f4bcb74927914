import { compile, type CompileResult } from "../api/compile.js";
import type { ProjectConfig } from "../config/config.js";
import { applyRules } from "../config/rules.js";
import { compareDiagnostics, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { LineIndex } from "../diagnostics/span.js";
import { registry, withDefaultToolset } from "../registry/registry.js";
import { diskHost } from "../semantic/sources.js";
import { shellcheckDiagnostics } from "./shellcheck-diagnostic.js";
import { shellcheckScripts, type ShellcheckPassOptions } from "./shellcheck-pass.js";

export interface LintInput {
  readonly path: string;
  readonly text: string;
}

export interface LintOptions {
  readonly config: ProjectConfig;
  /** Run ShellCheck on every script that compiles (default true). */
  readonly shellcheck?: boolean;
  /** The directory imports must stay inside (default: each file's own directory). */
  readonly importRoot?: string;
  /** ShellCheck processes at once, and the verdict cache: see shellcheckScripts. */
  readonly shellcheckPass?: ShellcheckPassOptions;
}

export interface LintResult {
  /** Every file's diagnostics after the config's rules, sorted by file and position. */
  readonly diagnostics: readonly Diagnostic[];
  /** Line indexes of the linted files and everything they import. */
  readonly linesOf: (file: string) => LineIndex | undefined;
  readonly files: readonly CompileResult[];
}

/**
 * Lints many files in one process: every check, and, for each file that compiles, ShellCheck on
 * its script, whose findings come back as BOND0901 on the .bond lines that produced them. The
 * scripts of all files go to ShellCheck together, since its start-up dominates a single check.
 */
export async function lintFiles(inputs: readonly LintInput[], options: LintOptions): Promise<LintResult> {
  const reg = options.config.tools ? withDefaultToolset(registry, options.config.tools) : registry;
  const host = options.importRoot === undefined ? diskHost : { ...diskHost, root: options.importRoot };
  const files = inputs.map((f) => compile(f.text, f.path, host, { registry: reg }));
  const diagnostics = files.flatMap((r) => r.diagnostics);
  if (options.shellcheck !== false) {
    const compiled = files.filter((r) => r.script !== undefined);
    const findings = await shellcheckScripts(
      compiled.map((r) => r.script!),
      options.shellcheckPass,
    );
    compiled.forEach((r, i) => diagnostics.push(...shellcheckDiagnostics(r, findings[i] ?? [])));
  }
  // Files that import the same library would each report a problem inside it; show it once.
  const unique = [
    ...new Map(
      diagnostics.map((d) => [`${d.code}\0${d.span.file}\0${d.span.start}\0${d.span.end}\0${d.message}`, d]),
    ).values(),
  ];
  const lines = new Map<string, LineIndex>();
  for (const r of files) for (const s of [r.source, ...r.imports, ...r.inventories]) lines.set(s.path, s.lines);
  return {
    diagnostics: applyRules(unique, options.config).sort(compareDiagnostics),
    linesOf: (f) => lines.get(f),
    files,
  };
}
