import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { compile } from "../../api/compile.js";
import { bootCompiledInit, bootCompiledLegacy, type CompiledInitBoot } from "../../boot/boot-compiled.js";
import type { BootOptions } from "../../boot/harness.js";
import { namedInitScenarios, namedLegacyScenarios } from "../../boot/scenarios.js";
import { formatVerdict } from "../../boot/verdict.js";
import { summarise } from "../../report/human.js";
import type { Command } from "../command.js";
import { printDiagnostics } from "../diagnostics-out.js";
import { readSource, UsageError } from "../io.js";
import { bootFailure } from "./boot-failure.js";

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
        client: { type: "string", multiple: true },
        absent: { type: "string", multiple: true },
        netboot: { type: "boolean", default: false },
      },
    });
    if (positionals.length !== 1) throw new UsageError("boot takes exactly one FILE");
    const file = positionals[0]!;
    if (!values.client)
      for (const flag of ["absent", "netboot"] as const)
        if (values[flag]) throw new UsageError(`--${flag} goes with --client (a cluster boot)`);
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

    const options: BootOptions = {
      onProgress: (m: string) => process.stderr.write(`bondc: ${m}\n`),
      // The raw guest console, as it arrives; the verdict still goes to stdout at the end.
      ...(values.console ? { onConsole: (line: string) => process.stderr.write(`${line}\n`) } : {}),
      ...(values.kernel ? { kernel: values.kernel } : {}),
      ...(values.modules ? { modulesDir: values.modules } : {}),
    };
    if (values.client) {
      for (const flag of ["nics", "boot-nic"] as const)
        if (values[flag] !== undefined) throw new UsageError(`--${flag} is for one node's boot, not a cluster's`);
      if (values.scenario !== "default")
        throw new UsageError("a cluster boot has no --scenario: --absent NODE is its one variation");
      const { runClusterBoot } = await import("./boot-cluster.js");
      return runClusterBoot({
        server: file,
        clients: values.client,
        absent: values.absent ?? [],
        netboot: values.netboot,
        options,
      });
    }

    const result = compile(readSource(file), file);
    printDiagnostics(result);
    // A linuxrc's image initrd boots on the legacy kernel, which mounts the NFS root (or the disk)
    // when /linuxrc hands it over; an initramfs /init mounts it itself on Debian's kernel. Both end
    // on the root.
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
      return bootFailure(e);
    }
  },
};
