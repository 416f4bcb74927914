import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { compile } from "../../api/compile.js";
import { bootCompiled } from "../../boot/boot-compiled.js";
import { MissingToolError } from "../../boot/exec.js";
import { BootError } from "../../boot/harness.js";
import { PackageError } from "../../boot/packages.js";
import { namedScenarios } from "../../boot/scenarios.js";
import { formatVerdict } from "../../boot/verdict.js";
import { summarise } from "../../report/human.js";
import type { Command } from "../command.js";
import { printDiagnostics } from "../diagnostics-out.js";
import { readSource, UsageError } from "../io.js";

export const bootCommand: Command = {
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        scenario: { type: "string", default: "default" },
        kernel: { type: "string" },
        modules: { type: "string" },
      },
    });
    if (positionals.length !== 1) throw new UsageError("boot takes exactly one FILE");
    const file = positionals[0]!;
    const named = Object.hasOwn(namedScenarios, values.scenario) ? namedScenarios[values.scenario] : undefined;
    if (!named)
      throw new UsageError(
        `unknown scenario \`${values.scenario}\`; scenarios: ${Object.keys(namedScenarios).join(", ")}`,
      );
    if (values.modules && !values.kernel)
      throw new UsageError("--modules goes with --kernel (the modules must match the kernel they are loaded into)");
    for (const [flag, path] of [
      ["--kernel", values.kernel],
      ["--modules", values.modules],
    ] as const) {
      if (path && !existsSync(path)) throw new UsageError(`${flag} ${path}: no such file or directory`);
    }

    const result = compile(readSource(file), file);
    printDiagnostics(result);
    if (!result.script) {
      process.stderr.write(`error: ${file} was not compiled: ${summarise(result.diagnostics)}; nothing to boot\n`);
      return 1;
    }
    process.stderr.write(`bondc: compiled ${file}; scenario ${values.scenario}: ${named.summary}\n`);
    try {
      const boot = await bootCompiled(result, named.scenario, {
        onProgress: (m) => process.stderr.write(`bondc: ${m}\n`),
        ...(values.kernel ? { kernel: values.kernel } : {}),
        ...(values.modules ? { modulesDir: values.modules } : {}),
      });
      process.stdout.write(formatVerdict(file, values.scenario, boot));
      return boot.mismatches.length === 0 ? 0 : 1;
    } catch (e) {
      // A missing tool or package is the machine's problem (2); a guest that never finished its
      // report is a failed boot (1). Anything else is a harness bug and goes to main's handler.
      if (e instanceof MissingToolError || e instanceof PackageError) {
        process.stderr.write(`bondc: ${e.message}\n`);
        return 2;
      }
      if (e instanceof BootError) {
        process.stderr.write(`bondc: ${e.message}\n`);
        return 1;
      }
      throw e;
    }
  },
};
