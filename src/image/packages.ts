// Fetching a node's kernel, busybox and tools from Debian's archive, without installing anything.
//
// The harness boots a real distribution kernel (Debian's cloud flavour: small, virtio drivers as
// modules, bonding as a module) so that the generated /linuxrc meets the real bonding driver.
// `apt-get download` + `dpkg -x` need no root and leave the host system untouched; the unpacked
// trees live in bondc's user cache (`~/.cache/bondc/boot`, outside any checkout) and are reused by
// every later run and every clone, so only the first boot on a machine touches the network.

import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, rename, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { userCacheDir } from "../cache-dir.js";
import { run } from "./exec.js";

/** The meta package that always depends on the current versioned cloud kernel. */
export const KERNEL_META_PACKAGE = "linux-image-cloud-amd64";
export const BUSYBOX_PACKAGE = "busybox-static";

export type ProgressFn = (message: string) => void;

export interface PackageOptions {
  /** Where .deb files and unpacked trees are kept; default `~/.cache/bondc/boot` (see cache-dir.ts). */
  cacheDir?: string;
  onProgress?: ProgressFn;
}

export interface KernelFiles {
  /** `uname -r` of the kernel, which is also its folder name under lib/modules. */
  release: string;
  /** The bootable bzImage. */
  vmlinuz: string;
  /** `.../lib/modules/<release>`: holds kernel/…/*.ko and modules.builtin. */
  modulesDir: string;
}

export class PackageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PackageError";
  }
}

/** `<cache>/boot` in bondc's user cache: Debian packages are keyed by their versioned names. */
export function defaultCacheDir(): string {
  return userCacheDir("boot");
}

/** Name of the versioned kernel package the cloud meta package currently points at. */
export async function resolveKernelPackage(): Promise<string> {
  const r = await run("apt-cache", ["depends", KERNEL_META_PACKAGE]);
  const m = /Depends:\s*(linux-image-[^\s|<>]+)/.exec(r.stdout);
  if (r.code !== 0 || !m?.[1]) {
    throw new PackageError(
      `apt-cache does not know ${KERNEL_META_PACKAGE} (${firstLine(r.stderr) || "no Depends line"}); ` +
        "the package lists are missing or stale: run `apt-get update` and retry",
    );
  }
  return m[1];
}

/** Downloads (once) and unpacks Debian's cloud kernel; returns the vmlinuz and module tree. */
export async function fetchKernel(opts: PackageOptions = {}): Promise<KernelFiles> {
  const cache = opts.cacheDir ?? defaultCacheDir();
  let pkg: string;
  try {
    pkg = await resolveKernelPackage();
  } catch (e) {
    // Without apt (or with broken lists) a kernel unpacked earlier is still good enough.
    const reuse = await anyUnpacked(cache, "linux-image-");
    if (!reuse) throw e;
    pkg = reuse;
  }
  const root = await fetchPackage(pkg, cache, opts.onProgress);
  return kernelFilesIn(root);
}

/** Downloads (once) and unpacks busybox-static; returns the path of the static binary. */
export async function fetchBusybox(opts: PackageOptions = {}): Promise<string> {
  const cache = opts.cacheDir ?? defaultCacheDir();
  const root = await fetchPackage(BUSYBOX_PACKAGE, cache, opts.onProgress);
  const bin = join(root, "bin", "busybox");
  if (!existsSync(bin)) throw new PackageError(`${BUSYBOX_PACKAGE} unpacked to ${root} but has no bin/busybox`);
  return bin;
}

/** Finds vmlinuz-* and lib/modules/* in an unpacked linux-image package. */
export async function kernelFilesIn(root: string): Promise<KernelFiles> {
  const boot = join(root, "boot");
  const vmlinuz = (await readdir(boot)).find((f) => f.startsWith("vmlinuz-"));
  if (!vmlinuz) throw new PackageError(`no boot/vmlinuz-* in ${root}`);
  const release = vmlinuz.slice("vmlinuz-".length);
  const modulesDir = join(root, "lib", "modules", release);
  if (!existsSync(modulesDir)) throw new PackageError(`no lib/modules/${release} in ${root}`);
  return { release, vmlinuz: join(boot, vmlinuz), modulesDir };
}

// ---------------------------------------------------------------------------------------------

const COMPLETE = ".bondc-complete";

/**
 * Ensures `<cache>/root/<pkg>` holds the unpacked package and returns that folder (the image
 * builder unpacks net-tools this way too).
 * Work happens in temporary folders that are renamed into place, so two test workers racing on
 * an empty cache both end up with a complete tree and never see a half-unpacked one.
 */
export async function fetchPackage(pkg: string, cache: string, progress?: ProgressFn): Promise<string> {
  const root = join(cache, "root", pkg);
  if (existsSync(join(root, COMPLETE))) return root;

  const debs = join(cache, "debs");
  await mkdir(debs, { recursive: true });
  let deb = await findDeb(debs, pkg);
  if (!deb) {
    progress?.(`fetching ${pkg} (apt-get download)…`);
    const tmp = await mkdtemp(join(debs, `.dl-${pkg}-`));
    try {
      const r = await run("apt-get", ["download", pkg], { cwd: tmp });
      const got = await findDeb(tmp, pkg);
      if (r.code !== 0 || !got) throw downloadError(pkg, r.stderr);
      await rename(join(tmp, got), join(debs, got));
      deb = got;
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  }

  progress?.(`unpacking ${deb} (dpkg -x)…`);
  await mkdir(join(cache, "root"), { recursive: true });
  const tmpRoot = await mkdtemp(join(cache, "root", `.x-${pkg}-`));
  try {
    const r = await run("dpkg", ["-x", join(debs, deb), tmpRoot]);
    if (r.code !== 0) throw new PackageError(`dpkg -x ${deb} failed: ${r.stderr.trim()}`);
    await writeFile(join(tmpRoot, COMPLETE), `${deb}\n`);
    await rename(tmpRoot, root).catch(async (e: NodeJS.ErrnoException) => {
      // Another process finished first (rename onto a non-empty folder fails): keep its tree.
      // Trees are only ever renamed in once complete, so an existing root is never partial.
      if (!existsSync(join(root, COMPLETE))) throw e;
    });
  } finally {
    await rm(tmpRoot, { recursive: true, force: true });
  }
  return root;
}

/** `apt-get download` names files `<pkg>_<version with : as %3a>_<arch>.deb`; newest wins. */
async function findDeb(dir: string, pkg: string): Promise<string | undefined> {
  const names = (await readdir(dir)).filter((f) => f.startsWith(`${pkg}_`) && f.endsWith(".deb"));
  if (names.length <= 1) return names[0];
  const withTimes = await Promise.all(names.map(async (n) => ({ n, t: (await stat(join(dir, n))).mtimeMs })));
  return withTimes.sort((a, b) => b.t - a.t)[0]?.n;
}

async function anyUnpacked(cache: string, prefix: string): Promise<string | undefined> {
  const dir = join(cache, "root");
  if (!existsSync(dir)) return undefined;
  for (const name of (await readdir(dir)).sort().reverse()) {
    if (name.startsWith(prefix) && existsSync(join(dir, name, COMPLETE))) return name;
  }
  return undefined;
}

/** Exported for tests: the error for a failed `apt-get download`, with advice when lists are stale. */
export function downloadError(pkg: string, stderr: string): PackageError {
  const detail = stderr
    .split("\n")
    .filter((l) => l.startsWith("E:"))
    .join("; ");
  // A 404 or an unknown package almost always means the lists predate the archive's current versions.
  const stale = /404|Unable to locate|Can't select|no installation candidate|Couldn't find/i.test(stderr);
  return new PackageError(
    `apt-get download ${pkg} failed${detail ? `: ${detail}` : ""}` +
      (stale ? "; the package lists look stale: run `apt-get update` and retry" : ""),
  );
}

function firstLine(s: string): string {
  return s.trim().split("\n")[0] ?? "";
}
