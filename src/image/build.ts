// `bondc build`'s library half: from a compiled program and its inputs (kernel, modules, busybox,
// tools) to the node's image, deterministic, with a manifest of what went in.
//
//   initramfs target → initramfs.cpio.gz: a newc cpio the kernel unpacks into its rootfs; /init
//   linuxrc target   → initrd.img.gz: the seed's image initrd, ext2, /linuxrc
//
// Both hold the target's script, busybox (the shell, and the applets the target and toolset run by
// name), the toolset's programs named by path (net-tools: /sbin/ifconfig …), the kernel modules the
// script loads with their dependencies, and /dev/console and /dev/null.

import type { CompileResult } from "../api/compile.js";
import { registry as defaultRegistry, type Registry } from "../registry/registry.js";
import { ifenslaveScript, INSMOD_SHIM } from "./compat-tools.js";
import { ImageError } from "./errors.js";
import { ext2Image } from "./ext2.js";
import { addHostBinary } from "./host-binary.js";
import { busyboxApplets } from "./busybox.js";
import type { NodeKernel } from "./kernel.js";
import { manifestOf, type Manifest } from "./manifest.js";
import { modulesAlias, modulesDep, resolveModules, type ResolvedModules } from "./modules.js";
import { fetchPackage, defaultCacheDir, type PackageOptions } from "./packages.js";
import { ImageTree } from "./tree.js";
import { gzipSync } from "node:zlib";
import { existsSync } from "node:fs";
import { join, posix } from "node:path";

export type ImageKind = "initramfs" | "linuxrc";

/** The file names `bondc build` writes into its output folder (boot-loader entries name them). */
export const IMAGE_FILES: Readonly<Record<ImageKind, string>> = {
  initramfs: "initramfs.cpio.gz",
  linuxrc: "initrd.img.gz",
};
export const KERNEL_FILE = "vmlinuz";
export const MANIFEST_FILE = "manifest.json";

export interface BuildInputs {
  readonly kernel: NodeKernel;
  /** Host path of busybox (static, or dynamic with its libraries found on the host). */
  readonly busybox: string;
  /** What the manifest says busybox came from; default its path. */
  readonly busyboxFrom?: string;
  /** A folder of the toolset's programs (ifconfig, route, insmod, ifenslave) that win over the defaults. */
  readonly toolsDir?: string;
  /** More modules to ship (the node's NIC drivers), with their dependencies. */
  readonly extraModules?: readonly string[];
  /** Every file's time: SOURCE_DATE_EPOCH, or 0. */
  readonly epoch?: number;
  /** Where net-tools is fetched to; see packages.ts. */
  readonly packages?: PackageOptions;
  readonly registry?: Registry;
}

export interface BuiltImage {
  readonly kind: ImageKind;
  /** IMAGE_FILES[kind]. */
  readonly fileName: string;
  /** The gzip'd image, as written to the output folder. */
  readonly bytes: Buffer;
  readonly tree: ImageTree;
  readonly modules?: ResolvedModules;
  readonly manifest: Manifest;
}

/** Builds the image of a compiled program (it must have compiled without errors). */
export async function buildImage(compiled: CompileResult, inputs: BuildInputs): Promise<BuiltImage> {
  const tree = await imageTree(compiled, inputs);
  return serialise(tree.tree, tree.kind, inputs, tree.modules);
}

/** The tree of a program's image and its kind, before serialising (the boot harness may add to it). */
export async function imageTree(
  compiled: CompileResult,
  inputs: BuildInputs,
): Promise<{ tree: ImageTree; kind: ImageKind; modules?: ResolvedModules }> {
  const reg = inputs.registry ?? defaultRegistry;
  if (compiled.hasErrors || compiled.artifacts.length === 0)
    throw new ImageError(`${compiled.source.path} has errors; there is nothing to build`);
  const { program } = compiled;
  const kind = program.target.name;
  if (kind !== "initramfs" && kind !== "linuxrc")
    throw new ImageError(`bondc build makes images for the initramfs and linuxrc targets, not ${kind}`);
  const target = reg.targets.get(kind)!;
  const toolset = reg.toolsets.get(program.target.tools)!;
  const tree = new ImageTree();

  for (const d of ["dev", "proc", "sys", "tmp", "root", "etc", "bin", "sbin", "lib"]) tree.dir(d);
  // The kernel opens /dev/console for init's stdio before anything can mount devtmpfs.
  tree.charDevice("dev/console", 5, 1, 0o600);
  tree.charDevice("dev/null", 1, 3, 0o666);

  // busybox is the shell and every tool called by name; a node needs it whatever the toolset.
  const busyboxFrom = inputs.busyboxFrom ?? inputs.busybox;
  await addHostBinary(tree, inputs.busybox, "bin/busybox", { from: busyboxFrom }).catch((e: Error) => {
    throw e instanceof ImageError ? new ImageError(e.message, "--busybox") : e;
  });
  const applets = await busyboxApplets(inputs.busybox);
  const byName = [...new Set(["sh", ...target.tools, ...toolset.tools].filter((t) => !t.startsWith("/")))];
  const missing = byName.filter((t) => !applets.has(t));
  if (missing.length)
    throw new ImageError(
      `${inputs.busybox} has no ${missing.map((m) => `\`${m}\``).join(", ")} applet (busybox --list), which the ${kind} target with tools ${toolset.name} runs`,
      "--busybox",
    );
  // An initramfs gets every applet where `busybox --install` puts it (a rescue shell has its tools);
  // the seed's image initrd only what the script runs, as the seed built it.
  const links = kind === "initramfs" ? [...applets.values()] : byName.map((t) => applets.get(t)!);
  for (const link of links) {
    if (link === "bin/busybox" || link === target.entryPath.slice(1)) continue;
    tree.symlink(link, "/bin/busybox", `${busyboxFrom} (applet)`);
  }

  for (const tool of toolset.tools.filter((t) => t.startsWith("/"))) await addTool(tree, tool, inputs);

  const modules = await addModules(tree, compiled, inputs);
  for (const a of compiled.artifacts) tree.file(a.path, a.content, a.mode, `bondc compile ${compiled.source.path}`);
  return { tree, kind, ...(modules ? { modules } : {}) };
}

/** The gzip'd image of a tree, with its manifest. */
export async function serialise(
  tree: ImageTree,
  kind: ImageKind,
  inputs: Pick<BuildInputs, "epoch" | "kernel">,
  modules?: ResolvedModules,
): Promise<BuiltImage> {
  const epoch = inputs.epoch ?? 0;
  const raw = kind === "initramfs" ? tree.toCpio(epoch).toBuffer() : await ext2Image(tree.entries(), { mtime: epoch });
  // zlib writes no name and a zero mtime (gzip -n); level 9 is gzip -9.
  const bytes = gzipSync(raw, { level: 9 });
  const fileName = IMAGE_FILES[kind];
  const manifest = manifestOf(tree, { image: fileName, kind, epoch, kernel: inputs.kernel, raw, bytes });
  return { kind, fileName, bytes, tree, manifest, ...(modules ? { modules } : {}) };
}

/** Programs net-tools names by path: from --tools, from Debian, or bondc's scripts (compat-tools.ts). */
async function addTool(tree: ImageTree, tool: string, inputs: BuildInputs): Promise<void> {
  const name = posix.basename(tool);
  const own = inputs.toolsDir ? join(inputs.toolsDir, name) : undefined;
  if (own && existsSync(own)) {
    await addHostBinary(tree, own, tool, { libraryRoots: [inputs.toolsDir!] });
    return;
  }
  const compat: Readonly<Record<string, string>> = { insmod: INSMOD_SHIM, ifenslave: ifenslaveScript() };
  if (compat[name] !== undefined) {
    tree.file(tool, compat[name], 0o755, "bondc (src/image/compat-tools.ts)");
    return;
  }
  const pkg = DEBIAN_TOOLS[name];
  if (!pkg)
    throw new ImageError(
      `the toolset runs ${tool}, which bondc cannot fetch; put ${name} in the folder given to --tools`,
      "--tools",
    );
  const root = await fetchPackage(pkg, inputs.packages?.cacheDir ?? defaultCacheDir(), inputs.packages?.onProgress);
  await addHostBinary(tree, join(root, "sbin", name), tool, { libraryRoots: [root], from: `Debian ${pkg} (${name})` });
}

/** Debian 12 packages of the net-tools toolset's programs bondc fetches itself. */
const DEBIAN_TOOLS: Readonly<Record<string, string>> = { ifconfig: "net-tools", route: "net-tools" };

/**
 * The modules the program loads, the extra ones asked for, and for an initramfs that mounts its
 * NFS root the kernel's NFS client (the kernel asks modprobe for `fs-nfs` and `nfsv3` itself),
 * each with its dependencies; with modules.dep and modules.alias for the node's modprobe.
 */
async function addModules(
  tree: ImageTree,
  compiled: CompileResult,
  inputs: BuildInputs,
): Promise<ResolvedModules | undefined> {
  const wanted: { name: string; why: string }[] = [];
  for (const a of compiled.program.actions) {
    if (a.kind === "load")
      wanted.push({ name: a.module, why: `loaded at ${a.span.file}:${a.span.line}:${a.span.column}` });
    if (a.kind === "handoff" && a.root.kind === "nfs" && compiled.program.target.name === "initramfs") {
      const options = a.nfsOptions?.kind === "const" ? a.nfsOptions.text : "";
      const version = /(?:^|,)(?:nfs)?vers=(\d)/.exec(options)?.[1] ?? "3";
      wanted.push({
        name: `nfsv${version}`,
        why: `the NFS root mount at ${a.span.file}:${a.span.line}:${a.span.column}`,
      });
    }
  }
  for (const m of inputs.extraModules ?? []) wanted.push({ name: m, why: "--module" });
  if (wanted.length === 0) return undefined;
  const dir = inputs.kernel.modulesDir;
  if (!dir)
    throw new ImageError(
      `${wanted[0]!.name} is needed (${wanted[0]!.why}) but no modules folder was given: pass --modules DIR, the lib/modules/<release> of ${inputs.kernel.path}`,
      "--modules",
    );
  const resolved = await resolveModules(dir, wanted, inputs.kernel.release);
  for (const m of resolved.modules) tree.file(m.guestPath, m.data, 0o644, m.source);
  const base = `lib/modules/${resolved.release}`;
  tree.file(
    `${base}/modules.dep`,
    modulesDep(resolved.modules, (m) => m.deps),
    0o644,
    "bondc (from the modules' dependencies)",
  );
  tree.file(`${base}/modules.alias`, modulesAlias(resolved.modules), 0o644, "bondc (from the modules' aliases)");
  return resolved;
}
