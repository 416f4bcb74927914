import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { compile } from "../../api/compile.js";
import { bootCompiled, bootCompiledInit } from "../../boot/boot-compiled.js";
import { MissingToolError } from "../../image/exec.js";
import { BootError, HarnessLimit } from "../../boot/harness.js";
import { PackageError } from "../../image/packages.js";
import { namedInitScenarios, namedScenarios } from "../../boot/scenarios.js";
import { formatInitVerdict, formatVerdict } from "../../boot/verdict.js";
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
    // An initramfs /init boots to its NFS root; a linuxrc runs from the harness's /init. Each has
    // its own scenarios (an initramfs has no firmware state before /init).
    const initramfs = result.artifacts[0]?.path === "/init";
    const scenarios: Readonly<Record<string, { readonly summary: string }>> = initramfs
      ? namedInitScenarios
      : namedScenarios;
    if (!Object.hasOwn(scenarios, values.scenario))
      throw new UsageError(`unknown scenario \`${values.scenario}\`; scenarios: ${Object.keys(scenarios).join(", ")}`);
    if (!result.script) {
      process.stderr.write(`error: ${file} was not compiled: ${summarise(result.diagnostics)}; nothing to boot\n`);
      return 1;
    }
    process.stderr.write(
      `bondc: compiled ${file}; scenario ${values.scenario}: ${scenarios[values.scenario]!.summary}\n`,
    );
    const options = {
      onProgress: (m: string) => process.stderr.write(`bondc: ${m}\n`),
      ...(values.kernel ? { kernel: values.kernel } : {}),
      ...(values.modules ? { modulesDir: values.modules } : {}),
    };
    try {
      if (initramfs) {
        const boot = await bootCompiledInit(result, namedInitScenarios[values.scenario]!.scenario, options);
        process.stdout.write(formatInitVerdict(file, values.scenario, boot));
        return boot.mismatches.length === 0 ? 0 : 1;
      }
      const boot = await bootCompiled(result, namedScenarios[values.scenario]!.scenario, options);
      process.stdout.write(formatVerdict(file, values.scenario, boot));
      return boot.mismatches.length === 0 ? 0 : 1;
    } catch (e) {
      // A missing tool or package is the machine's problem (2); a guest that never finished its
      // report is a failed boot (1). Anything else is a harness bug and goes to main's handler.
      if (e instanceof MissingToolError || e instanceof PackageError) {
        process.stderr.write(`bondc: ${e.message}\n`);
        return 2;
      }
      // The harness refuses what it cannot serve (no root to run the NFS server, a server other
      // than QEMU's 10.0.2.2): the machine's or the file's limits, not a failed boot.
      if (e instanceof HarnessLimit) {
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
