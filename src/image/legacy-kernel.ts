// Where the legacy kernel lives: the one kernel that still runs the seed's mechanism (an image
// initrd running /linuxrc, real-root-dev, the kernel mounting an NFS root through IP_PNP).
//
// scripts/legacy-kernel/build.sh builds it from Debian's linux-source-6.1 with the Kconfig
// fragment beside it (4 to 8 minutes on two cores) and stores the bzImage in bondc's user cache
// under a key of the source version and the fragment. This file computes the same key, so `bondc
// build` (a linuxrc node's default kernel) and the boot harness find exactly the kernel today's
// inputs produce, and never a stale one.

import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { userCacheDir } from "../cache-dir.js";
import { run } from "./exec.js";
import type { NodeKernel } from "./kernel.js";
import { PackageError } from "./packages.js";
import { packageRoot } from "../version.js";

/** Debian's kernel source package the legacy kernel is built from. */
export const LEGACY_SOURCE_PACKAGE = "linux-source-6.1";
/** The build script and the Kconfig fragment it merges onto tinyconfig. */
export const LEGACY_KERNEL_SCRIPT = join(packageRoot, "scripts", "legacy-kernel", "build.sh");
export const LEGACY_KERNEL_FRAGMENT = join(packageRoot, "scripts", "legacy-kernel", "kernel.config");

/** The cache key: sha256 of "<package> <version>\n" followed by the fragment's bytes, 16 hex digits. */
export function legacyKernelKey(sourceVersion: string, fragment: Buffer): string {
  return createHash("sha256")
    .update(`${LEGACY_SOURCE_PACKAGE} ${sourceVersion}\n`)
    .update(fragment)
    .digest("hex")
    .slice(0, 16);
}

/** Where build.sh puts (or has put) the bzImage for the installed source and today's fragment. */
export async function legacyKernelPath(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const r = await run("dpkg-query", ["-W", "-f=${Status} ${Version}", LEGACY_SOURCE_PACKAGE]);
  const version = /^install ok installed (\S+)/.exec(r.stdout)?.[1];
  if (r.code !== 0 || !version) throw notBuilt(`${LEGACY_SOURCE_PACKAGE} is not installed`);
  const key = legacyKernelKey(version, await readFile(LEGACY_KERNEL_FRAGMENT));
  return join(userCacheDir("legacy-kernel", env), key, "bzImage");
}

export interface LegacyKernel {
  bzImage: string;
  /** Its lib/modules/<release>: only modules.builtin (it loads no modules; bonding is built in). */
  modulesDir: string;
}

/** The cached legacy kernel; a PackageError that says how to build it when there is none. */
export async function findLegacyKernel(env: NodeJS.ProcessEnv = process.env): Promise<LegacyKernel> {
  const bzImage = await legacyKernelPath(env);
  const modules = join(dirname(bzImage), "lib", "modules");
  const release = existsSync(modules) ? (await readdir(modules))[0] : undefined;
  if (!existsSync(bzImage) || !release) throw notBuilt(`no legacy kernel at ${bzImage}`);
  return { bzImage, modulesDir: join(modules, release) };
}

/**
 * The legacy kernel as the image builder takes a kernel (its release is its modules folder's
 * name): what `bondc build` uses for a `target linuxrc` node unless --kernel names another.
 */
export async function legacyNodeKernel(env: NodeJS.ProcessEnv = process.env): Promise<NodeKernel> {
  const k = await findLegacyKernel(env);
  return {
    path: k.bzImage,
    release: basename(k.modulesDir),
    modulesDir: k.modulesDir,
    from: `the legacy kernel (${LEGACY_KERNEL_SCRIPT})`,
  };
}

function notBuilt(why: string): PackageError {
  return new PackageError(
    `${why}: build the legacy kernel once on this machine with ${LEGACY_KERNEL_SCRIPT} ` +
      "(Debian's linux-source-6.1, 4 to 8 minutes on two cores; scripts/setup.sh runs it)",
  );
}
