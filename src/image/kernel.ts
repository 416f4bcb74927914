// The kernel a node boots: Debian's cloud kernel by default (fetched like the boot harness does),
// or the user's bzImage, whose release string the image's modules must have been built for.

import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { ImageError } from "./errors.js";
import { fetchKernel, type PackageOptions } from "./packages.js";

export interface NodeKernel {
  /** Host path of the bzImage. */
  readonly path: string;
  /** `uname -r` of the kernel. */
  readonly release: string;
  /** Its lib/modules/<release> folder, when known (--modules, or the Debian package's). */
  readonly modulesDir?: string;
  /** What the manifest says it came from. */
  readonly from: string;
}

/**
 * The release a bzImage reports, from its setup header: the boot protocol (2.00+) puts a pointer to
 * the version string at 0x20e, relative to 0x200; the string starts with `uname -r`.
 */
export function bzImageRelease(image: Buffer): string | undefined {
  if (image.length < 0x210 || image.toString("latin1", 0x202, 0x206) !== "HdrS") return undefined;
  const at = image.readUInt16LE(0x20e) + 0x200;
  if (at >= image.length) return undefined;
  const end = image.indexOf(0, at);
  const release = image.toString("latin1", at, end < 0 ? image.length : end).split(" ")[0];
  return release || undefined;
}

/** `--kernel` (and `--modules`) when given, else Debian's cloud kernel with its modules. */
export async function resolveKernel(
  kernel: string | undefined,
  modulesDir: string | undefined,
  packages: PackageOptions = {},
): Promise<NodeKernel> {
  if (modulesDir !== undefined && !existsSync(modulesDir))
    throw new ImageError(`${modulesDir}: no such folder`, "--modules");
  if (kernel === undefined) {
    const k = await fetchKernel(packages);
    return { path: k.vmlinuz, release: k.release, modulesDir: modulesDir ?? k.modulesDir, from: `Debian ${k.vmlinuz}` };
  }
  const data = await readFile(kernel).catch((e: NodeJS.ErrnoException) => {
    throw new ImageError(`${kernel}: ${e.code === "ENOENT" ? "no such file" : e.message}`, "--kernel");
  });
  const release = bzImageRelease(data);
  if (!release) throw new ImageError(`${kernel} is not a bzImage (no "HdrS" setup header)`, "--kernel");
  return { path: kernel, release, from: kernel, ...(modulesDir !== undefined ? { modulesDir } : {}) };
}
