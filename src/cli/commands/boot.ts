import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { compile } from "../../api/compile.js";
import { bootCompiledInit, bootCompiledLegacy, type CompiledInitBoot } from "../../boot/boot-compiled.js";
import { MissingToolError } from "../../image/exec.js";
import { ImageError } from "../../image/errors.js";
import { BootError, HarnessLimit, type BootOptions } from "../../boot/harness.js";
import { PackageError } from "../../image/packages.js";
import { namedInitScenarios, namedLegacyScenarios } from "../../boot/scenarios.js";
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
        nics: { type: "string" },
        "boot-nic": { type: "string" },
        console: { type: "boolean", default: false },
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

    const nics = values.nics === undefined ? undefined : Number(values.nics);
    if (nics !== undefined && !(Number.isInteger(nics) && nics >= 1 && nics <= 4))
      throw new UsageError(`--nics ${values.nics}: the guest has 1 to 4 NICs`);
    const bootNic = values["boot-nic"];
    if (bootNic !== undefined && !/^eth[0-3]$/.test(bootNic))
      throw new UsageError(`--boot-nic ${bootNic}: name one of the guest's NICs, eth0 to eth3`);
    if (bootNic !== undefined && nics !== undefined && Number(bootNic.slice(3)) >= nics)
      throw new UsageError(`--boot-nic ${bootNic} needs --nics ${Number(bootNic.slice(3)) + 1} or more`);

    const result = compile(readSource(file), file);
    printDiagnostics(result);
    // A linuxrc's image initrd boots on the legacy kernel, which mounts the NFS root when /linuxrc
    // hands it over; an initramfs /init mounts it itself on Debian's kernel. Both end on the root.
    const initramfs = result.artifacts[0]?.path === "/init";
    if (initramfs && bootNic !== undefined)
      throw new UsageError("--boot-nic is for `target linuxrc`: before an initramfs /init no NIC is configured");
    const scenarios: Readonly<Record<string, { readonly summary: string }>> = initramfs
      ? namedInitScenarios
      : namedLegacyScenarios;
    if (!Object.hasOwn(scenarios, values.scenario))
      throw new UsageError(`unknown scenario \`${values.scenario}\`; scenarios: ${Object.keys(scenarios).join(", ")}`);
    if (!result.script) {
      process.stderr.write(`error: ${file} was not compiled: ${summarise(result.diagnostics)}; nothing to boot\n`);
      return 1;
    }
    process.stderr.write(
      `bondc: compiled ${file}; scenario ${values.scenario}: ${scenarios[values.scenario]!.summary}\n`,
    );
    const options: BootOptions = {
      onProgress: (m: string) => process.stderr.write(`bondc: ${m}\n`),
      // The raw guest console, as it arrives; the verdict still goes to stdout at the end.
      ...(values.console ? { onConsole: (line: string) => process.stderr.write(`${line}\n`) } : {}),
      ...(values.kernel ? { kernel: values.kernel } : {}),
      ...(values.modules ? { modulesDir: values.modules } : {}),
    };
    const flags = { ...(nics !== undefined ? { nics } : {}) };
    try {
      let boot: CompiledInitBoot;
      if (initramfs) {
        boot = await bootCompiledInit(result, { ...namedInitScenarios[values.scenario]!.scenario, ...flags }, options);
      } else {
        const scenario = { ...namedLegacyScenarios[values.scenario]!.scenario, ...flags };
        boot = await bootCompiledLegacy(result, bootNic ? { ...scenario, bootNic } : scenario, options);
      }
      process.stdout.write(formatVerdict(file, values.scenario, boot));
      return boot.mismatches.length === 0 ? 0 : 1;
    } catch (e) {
      // A missing tool or package is the machine's problem (2); a guest that never finished its
      // report is a failed boot (1). Anything else is a harness bug and goes to main's handler.
      if (e instanceof MissingToolError || e instanceof PackageError || e instanceof ImageError) {
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
