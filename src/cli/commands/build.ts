import { mkdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { compile, type CompileResult } from "../../api/compile.js";
import {
  BootEntryError,
  bootEntries,
  bootNode,
  clusterBootNodes,
  findsItsNode,
  type BootFile,
  type BootNode,
  type NodeInput,
} from "../../bootloader/index.js";
import { buildImage, IMAGE_FILES, KERNEL_FILE, MANIFEST_FILE, type ImageKind } from "../../image/build.js";
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
        "built-in": { type: "boolean" },
        root: { type: "string" },
        mac: { type: "string" },
        append: { type: "string", multiple: true },
      },
    });
    if (positionals.length !== 1) throw new UsageError("build takes exactly one FILE");
    if (!values.output)
      throw new UsageError("build needs -o DIR, the folder to write the image, kernel and manifest to");
    const file = positionals[0]!;
    if (values["built-in"] && (values.modules !== undefined || values.module !== undefined))
      throw new UsageError("--built-in says the kernel needs no modules; it goes with neither --modules nor --module");
    const epoch = sourceDateEpoch(process.env["SOURCE_DATE_EPOCH"]);
    const result = compile(readSource(file), file, hostFor(file, values.root));
    printDiagnostics(result);
    if (!result.script) {
      process.stderr.write(`error: ${file} was not compiled: ${summarise(result.diagnostics)}; nothing to build\n`);
      return 1;
    }
    // Before anything is fetched or built: a value no boot loader can hold stops the build here.
    const kind = result.program.target.name;
    const {
      files: entries,
      note,
      nodes,
    } = isImageKind(kind)
      ? bootEntryFiles(result, file, IMAGE_FILES[kind], values.mac, values.append)
      : { files: [], note: undefined, nodes: 0 };
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
        builtIn: values["built-in"] ?? false,
        epoch,
        packages: progress,
      });
      const out = values.output;
      try {
        for (const d of new Set([out, ...entries.map((f) => join(out, dirname(f.path)))]))
          mkdirSync(d, { recursive: true });
      } catch (e) {
        throw new UsageError(`cannot create ${out}: ${why(e as NodeJS.ErrnoException, "no such folder")}`);
      }
      writeAllAtomically([
        { path: join(out, built.fileName), data: built.bytes, mode: 0o644 },
        { path: join(out, KERNEL_FILE), data: readFileSync(kernel.path), mode: 0o644 },
        { path: join(out, MANIFEST_FILE), data: `${JSON.stringify(built.manifest, null, 2)}\n`, mode: 0o644 },
        ...entries.map((f) => ({ path: join(out, f.path), data: f.content, mode: 0o644, flush: false })),
      ]);
      process.stdout.write(sizeReport(built.manifest));
      process.stderr.write(
        `bondc: wrote ${join(out, built.fileName)}, ${join(out, KERNEL_FILE)}, ${join(out, MANIFEST_FILE)}\n`,
      );
      if (note) process.stderr.write(`bondc: no boot-loader entries: ${note}\n`);
      if (entries.length) process.stderr.write(`bondc: wrote ${describeEntries(entries, nodes)}\n`);
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

/**
 * The node's boot-loader entries (src/bootloader), naming the kernel and image this build writes;
 * for the cluster's one client image (a program with `discover node.…`), every client's, each
 * naming its node with bondc.node=NAME. A program that cannot have them (no literal NFS server and
 * path, no literal MAC and no --mac) gets none and a note saying why, unless --mac or --append
 * asked for them; a value a format cannot hold is an error naming its flag.
 */
function bootEntryFiles(
  result: CompileResult,
  file: string,
  image: string,
  mac: string | undefined,
  append: readonly string[] | undefined,
): { files: BootFile[]; note?: string; nodes: number } {
  const input: Omit<NodeInput, "name"> = {
    kernel: KERNEL_FILE,
    initrd: image,
    ...(append === undefined ? {} : { append }),
  };
  try {
    let nodes: BootNode[];
    if (findsItsNode(result.program)) {
      if (mac !== undefined)
        throw new UsageError(
          "--mac names one node's NIC; the cluster's entries take each client's MAC from the inventory",
        );
      const clients = result.inventories.flatMap((i) => i.nodes.filter((n) => n.role === "client"));
      if (clients.length === 0) return { files: [], note: "the inventory lists no client", nodes: 0 };
      nodes = clusterBootNodes(result.program, clients, input);
    } else {
      nodes = [
        bootNode(result.program, { ...input, name: basename(file, ".bond"), ...(mac === undefined ? {} : { mac }) }),
      ];
    }
    return { files: bootEntries(nodes), nodes: nodes.length };
  } catch (e) {
    if (!(e instanceof BootEntryError)) throw e;
    const flag =
      mac !== undefined && e.value === mac.toLowerCase() ? "--mac" : append?.includes(e.value) ? "--append" : undefined;
    if (flag) throw new UsageError(`${flag}: ${e.message}`);
    if (mac !== undefined || append !== undefined) throw new UsageError(e.message);
    return { files: [], note: e.message, nodes: 0 };
  }
}

/** The entries written, by name for one node; counted for a cluster, whose list would run to pages. */
function describeEntries(files: readonly BootFile[], nodes: number): string {
  if (nodes === 1) return `boot-loader entries ${files.map((f) => f.path).join(", ")}`;
  return `${nodes} clients' boot-loader entries (${files.length} files, each naming its node with bondc.node=NAME)`;
}

const isImageKind = (kind: string): kind is ImageKind => Object.hasOwn(IMAGE_FILES, kind);

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
