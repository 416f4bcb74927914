import { statSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { ConfigError, type ProjectConfig } from "../../config/config.js";
import { loadConfig } from "../../config/load.js";
import type { Severity } from "../../diagnostics/diagnostic.js";
import { lintFiles } from "../../lint/lint.js";
import { expandPaths } from "../../lint/paths.js";
import { ShellcheckUnavailable } from "../../lint/shellcheck-pass.js";
import { defaultPolicy, lintExitCode, visible, type LintPolicy } from "../../lint/policy.js";
import { formatNames, renderReport, type FormatName } from "../../report/formats.js";
import { styleFor } from "../../report/human.js";
import type { Command } from "../command.js";
import { readSource, UsageError } from "../io.js";
import { importRoot } from "../root.js";

const severities: readonly Severity[] = ["error", "warning", "info"];

function oneOf<T extends string>(value: string, allowed: readonly T[], option: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${option} must be one of ${allowed.join(", ")}, not \`${value}\``);
}

function policyFrom(values: { "max-warnings"?: string; severity?: string; quiet?: boolean }): LintPolicy {
  let maxWarnings = defaultPolicy.maxWarnings;
  if (values["max-warnings"] !== undefined) {
    if (!/^\d+$/.test(values["max-warnings"])) throw new UsageError(`--max-warnings takes a number of warnings (0 or more), not \`${values["max-warnings"]}\``);
    maxWarnings = Number(values["max-warnings"]);
  }
  // --quiet is "errors only": it overrides --severity, and also drops the human summary line.
  const minSeverity = values.quiet ? "error" : values.severity !== undefined ? oneOf(values.severity, severities, "--severity") : defaultPolicy.minSeverity;
  return { minSeverity, maxWarnings };
}

function configFrom(explicit: string | undefined): ProjectConfig {
  try {
    return loadConfig(explicit, process.cwd());
  } catch (e) {
    // One problem a line, each already `file:line:col: what`, each with main's `bondc: ` prefix.
    if (e instanceof ConfigError) throw new UsageError(e.problems.join("\nbondc: "));
    throw e;
  }
}

export const lintCommand: Command = {
  name: "lint",
  usage: "lint [OPTIONS] PATH...",
  summary:
    "check files, directories and globs, and shellcheck their scripts (--format human|json|sarif|github|gcc, --max-warnings N, --severity error|warning|info, --quiet, --no-shellcheck, --config FILE, --root DIR)",
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        format: { type: "string", short: "f" },
        "max-warnings": { type: "string" },
        severity: { type: "string" },
        quiet: { type: "boolean", short: "q" },
        "no-shellcheck": { type: "boolean" },
        config: { type: "string" },
        root: { type: "string" },
      },
    });
    const format: FormatName = values.format === undefined ? "human" : oneOf(values.format, formatNames, "--format");
    const policy = policyFrom(values);
    const root = resolve(values.root ?? ".");
    if (!statSync(root, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`--root ${values.root}: no such directory`);
    if (positionals.length === 0) throw new UsageError("lint takes at least one PATH (a file, a directory or a glob)");
    const config = configFrom(values.config);

    const { files, missing } = expandPaths(positionals);
    if (missing.length > 0) throw new UsageError(missing.map((m) => `${m}: no such file or directory, or no match`).join("\nbondc: "));
    if (files.length === 0) throw new UsageError(`no .bond files in ${positionals.join(", ")}`);
    // Read everything first: an unreadable file is an I/O error (exit 2) whatever the others hold.
    const inputs = files.map((path) => ({ path, text: readSource(path) }));

    const imports = importRoot(values.root, config.file);
    const result = await lintFiles(inputs, { config, shellcheck: !values["no-shellcheck"], ...(imports ? { importRoot: imports } : {}) }).catch((e: unknown) => {
      if (e instanceof ShellcheckUnavailable) throw new UsageError(`${e.message}; install shellcheck or pass --no-shellcheck`);
      throw e;
    });
    const shown = visible(result.diagnostics, policy);
    const report = { diagnostics: shown, linesOf: result.linesOf, filesLinted: files.length, root };
    // A reader that stops early (`| head`) closes the pipe: not a failure, and never a stack trace.
    process.stdout.on("error", (e: NodeJS.ErrnoException) => {
      if (e.code === "EPIPE") return;
      process.stderr.write(`bondc: cannot write the report: ${e.message}\n`);
      process.exitCode = 2;
    });
    process.stdout.write(renderReport(format, report, { style: styleFor(process.stdout), summary: !values.quiet }));
    return lintExitCode(shown, policy);
  },
};
