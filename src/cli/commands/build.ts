import { mkdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { compile } from "../../api/compile.js";
import { buildImage, KERNEL_FILE, MANIFEST_FILE } from "../../image/build.js";
import { ImageError } from "../../image/errors.js";
import { MissingToolError } from "../../image/exec.js";
import { resolveKernel } from "../../image/kernel.js";
import { sizeReport } from "../../image/manifest.js";
import { fetchBusybox, PackageError } from "../../image/packages.js";
import { summarise } from "../../report/human.js";
import type { Command } from "../command.js";
import { printDiagnostics } from "../diagnostics-out.js";
import { readSource, UsageError, why, writeAllAtomically } from "../io.js";
import { hostFor } from "../root.js";

export const buildCommand: Command = {
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        output: { type: "string", short: "o" },
        kernel: { type: "string" },
        modules: { type: "string" },
        busybox: { type: "string" },
        tools: { type: "string" },
        module: { type: "string", multiple: true },
        root: { type: "string" },
      },
    });
    if (positionals.length !== 1) throw new UsageError("build takes exactly one FILE");
    if (!values.output)
      throw new UsageError("build needs -o DIR, the folder to write the image, kernel and manifest to");
    const file = positionals[0]!;
    const epoch = sourceDateEpoch(process.env["SOURCE_DATE_EPOCH"]);
    const result = compile(readSource(file), file, hostFor(file, values.root));
    printDiagnostics(result);
    if (!result.script) {
      process.stderr.write(`error: ${file} was not compiled: ${summarise(result.diagnostics)}; nothing to build\n`);
      return 1;
    }
    const progress = { onProgress: (m: string) => process.stderr.write(`bondc: ${m}\n`) };
    try {
      const kernel = await resolveKernel(values.kernel, values.modules, progress);
      const busybox = values.busybox ?? (await fetchBusybox(progress));
      const built = await buildImage(result, {
        kernel,
        busybox,
        ...(values.busybox ? {} : { busyboxFrom: `Debian busybox-static (${busybox})` }),
        ...(values.tools !== undefined ? { toolsDir: existingFolder(values.tools, "--tools") } : {}),
        extraModules: values.module ?? [],
        epoch,
        packages: progress,
      });
      const out = values.output;
      try {
        mkdirSync(out, { recursive: true });
      } catch (e) {
        throw new UsageError(`cannot create ${out}: ${why(e as NodeJS.ErrnoException, "no such folder")}`);
      }
      writeAllAtomically([
        { path: join(out, built.fileName), data: built.bytes, mode: 0o644 },
        { path: join(out, KERNEL_FILE), data: readFileSync(kernel.path), mode: 0o644 },
        { path: join(out, MANIFEST_FILE), data: `${JSON.stringify(built.manifest, null, 2)}\n`, mode: 0o644 },
      ]);
      process.stdout.write(sizeReport(built.manifest));
      process.stderr.write(
        `bondc: wrote ${join(out, built.fileName)}, ${join(out, KERNEL_FILE)}, ${join(out, MANIFEST_FILE)}\n`,
      );
      return 0;
    } catch (e) {
      // Bad inputs (a missing module, a module for another kernel, a busybox without an applet), a
      // missing host tool or an unreachable Debian archive: the user's to fix, in one line.
      if (e instanceof ImageError) throw new UsageError(e.flag ? `${e.flag}: ${e.message}` : e.message);
      if (e instanceof MissingToolError || e instanceof PackageError) throw new UsageError(e.message);
      throw e;
    }
  },
};

/** SOURCE_DATE_EPOCH (reproducible-builds.org): every file's time in the image; 0 when unset. */
function sourceDateEpoch(value: string | undefined): number {
  if (value === undefined || value === "") return 0;
  if (!/^\d+$/.test(value) || Number(value) > 0xffffffff)
    throw new UsageError(`SOURCE_DATE_EPOCH must be seconds since 1970 (a whole number), not ${JSON.stringify(value)}`);
  return Number(value);
}

function existingFolder(path: string, flag: string): string {
  let folder: boolean;
  try {
    folder = statSync(path).isDirectory();
  } catch (e) {
    throw new UsageError(`${flag} ${path}: ${why(e as NodeJS.ErrnoException, "no such folder")}`);
  }
  if (!folder) throw new UsageError(`${flag} ${path}: a file, not a folder`);
  return path;
}
