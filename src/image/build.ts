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
  /** The kernel has every module the image would ship built in: ship none (--built-in). */
  readonly builtIn?: boolean;
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

/**
 * What an image holds, decided from the program before anything is read from disk: the target's
 * script(s), the programs run by name (busybox applets) and by path (the toolset's), and the
 * modules to ship with why each is wanted. The boot harness makes one for a bare /init script too.
 */
export interface ImagePlan {
  readonly kind: ImageKind;
  /** The toolset's name, for messages. */
  readonly tools: string;
  /** The target's entry ("/init", "/linuxrc"): busybox's applet of that name is not linked there. */
  readonly entryPath: string;
  readonly artifacts: readonly { readonly path: string; readonly mode: number; readonly content: string }[];
  /** What the manifest says the artifacts came from. */
  readonly from: string;
  /** Names the image's scripts run through busybox ("sh", "mount", "switch_root"). */
  readonly byName: readonly string[];
  /** Programs the toolset names by path ("/sbin/ifconfig"). */
  readonly byPath: readonly string[];
  readonly modules: readonly { readonly name: string; readonly why: string }[];
}

/** Builds the image of a compiled program (it must have compiled without errors). */
export async function buildImage(compiled: CompileResult, inputs: BuildInputs): Promise<BuiltImage> {
  const plan = planOf(compiled, inputs.registry);
  const { tree, modules } = await assemble(plan, inputs);
  return serialise(tree, plan.kind, inputs, modules);
}

/** The plan of a compiled program's image (see ImagePlan). */
export function planOf(compiled: CompileResult, reg: Registry = defaultRegistry): ImagePlan {
  if (compiled.hasErrors || compiled.artifacts.length === 0)
    throw new ImageError(`${compiled.source.path} has errors; there is nothing to build`);
  const { program } = compiled;
  const kind = program.target.name;
  if (kind !== "initramfs" && kind !== "linuxrc")
    throw new ImageError(`bondc build makes images for the initramfs and linuxrc targets, not ${kind}`);
  const tools = toolsOf(kind, program.target.tools, reg);
  const modules: { name: string; why: string }[] = [];
  for (const a of program.actions) {
    const at = `${a.span.file}:${a.span.line}:${a.span.column}`;
    if (a.kind === "load") modules.push({ name: a.module, why: `loaded at ${at}` });
    // The kernel asks modprobe for the NFS client itself (fs-nfs, nfsv3) when /init mounts the root.
    if (a.kind === "handoff" && a.root.kind === "nfs" && kind === "initramfs") {
      const options = a.nfsOptions?.kind === "const" ? a.nfsOptions.text : "";
      const version = /(?:^|,)(?:nfs)?vers=(\d)/.exec(options)?.[1] ?? "3";
      modules.push({ name: `nfsv${version}`, why: `the NFS root mount at ${at}` });
    }
  }
  return {
    kind,
    tools: program.target.tools,
    entryPath: compiled.artifacts[0]!.path,
    // The target's script only: other artifacts (boot-loader entries) are the server's, not the node's.
    artifacts: compiled.artifacts.slice(0, 1),
    from: `bondc compile ${compiled.source.path}`,
    ...tools,
    modules,
  };
}

/** What a target and a toolset run: by name through busybox (its shell first), and by path. */
export function toolsOf(
  kind: ImageKind,
  toolsetName: string,
  reg: Registry = defaultRegistry,
): { byName: string[]; byPath: string[] } {
  const target = reg.targets.get(kind);
  const toolset = reg.toolsets.get(toolsetName);
  if (!target || !toolset) throw new ImageError(`no target ${kind} with tools ${toolsetName} in the registry`);
  const all = [...target.tools, ...toolset.tools];
  return {
    byName: [...new Set(["sh", ...all.filter((t) => !t.startsWith("/"))])],
    byPath: [...new Set(all.filter((t) => t.startsWith("/")))],
  };
}

/** The tree of a plan's image (the boot harness may serialise it with a fault, or add to it). */
export async function assemble(
  plan: ImagePlan,
  inputs: BuildInputs,
): Promise<{ tree: ImageTree; modules?: ResolvedModules }> {
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
  const missing = plan.byName.filter((t) => !applets.has(t));
  if (missing.length)
    throw new ImageError(
      `${inputs.busybox} has no ${missing.map((m) => `\`${m}\``).join(", ")} applet (busybox --list), which the ${plan.kind} target with tools ${plan.tools} runs`,
      "--busybox",
    );
  // An initramfs gets every applet where `busybox --install` puts it (a rescue shell has its tools);
  // the seed's image initrd only what the script runs, as the seed built it.
  const links = plan.kind === "initramfs" ? [...applets.values()] : plan.byName.map((t) => applets.get(t)!);
  for (const link of links) {
    if (link === "bin/busybox" || link === plan.entryPath.slice(1)) continue;
    tree.symlink(link, "/bin/busybox", `${busyboxFrom} (applet)`);
  }

  for (const tool of plan.byPath) await addTool(tree, tool, inputs);
  const modules = await addModules(
    tree,
    [...plan.modules, ...(inputs.extraModules ?? []).map((name) => ({ name, why: "--module" }))],
    inputs,
  );
  for (const a of plan.artifacts) tree.file(a.path, a.content, a.mode, plan.from);
  return { tree, ...(modules ? { modules } : {}) };
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

/**
 * Programs a toolset names by path: from --tools, bondc's scripts (compat-tools.ts), busybox's
 * applet where busybox's is the tool (modprobe reads the image's modules.dep as kmod's does), or
 * Debian's package.
 */
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
  if (BUSYBOX_TOOLS.has(name)) {
    tree.symlink(tool, "/bin/busybox", `busybox (${name} applet)`);
    return;
  }
  const fromDebian = DEBIAN_TOOLS[name];
  if (!fromDebian)
    throw new ImageError(
      `the image needs ${tool}, which bondc cannot fetch; put ${name} in the folder given to --tools`,
      "--tools",
    );
  const root = await fetchPackage(
    fromDebian.pkg,
    inputs.packages?.cacheDir ?? defaultCacheDir(),
    inputs.packages?.onProgress,
  );
  await addHostBinary(tree, join(root, fromDebian.path), tool, {
    libraryRoots: [root],
    from: `Debian ${fromDebian.pkg} (${name})`,
  });
}

/** Tools by path that busybox's applet serves. */
const BUSYBOX_TOOLS: ReadonlySet<string> = new Set(["modprobe"]);

/**
 * Debian 12 packages of the programs bondc fetches itself, and where each package has it. busybox's
 * `ip` applet has no `type bond`, so the iproute2 toolset needs the real one.
 */
const DEBIAN_TOOLS: Readonly<Record<string, { pkg: string; path: string }>> = {
  ifconfig: { pkg: "net-tools", path: "sbin/ifconfig" },
  route: { pkg: "net-tools", path: "sbin/route" },
  ip: { pkg: "iproute2", path: "bin/ip" },
};

/** The modules with their dependencies, and the modules.dep and modules.alias the node's modprobe reads. */
async function addModules(
  tree: ImageTree,
  wanted: readonly { name: string; why: string }[],
  inputs: BuildInputs,
): Promise<ResolvedModules | undefined> {
  // A kernel with every driver built in (the legacy path's) has no modules to ship.
  if (wanted.length === 0 || inputs.builtIn) return undefined;
  const dir = inputs.kernel.modulesDir;
  if (!dir)
    throw new ImageError(
      `${wanted[0]!.name} is needed (${wanted[0]!.why}) but no modules folder was given: pass --modules DIR, the lib/modules/<release> of ${inputs.kernel.path}, or --built-in when the kernel has it built in`,
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
