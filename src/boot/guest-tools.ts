// The programs a toolset needs in the guest beyond stock busybox. busybox's applets cover
// net-tools' and busybox's steps; the iproute2 toolset needs the real `ip` (busybox's `ip` applet
// has no `type bond`): Debian's iproute2 package, fetched with apt-get download + dpkg -x into
// bondc's user cache like the kernel, and put at /sbin/ip (over busybox's applet link) with its
// loader and shared libraries by the image layer's addHostBinary. The libraries come from the host,
// which is the same Debian release (scripts/setup.sh installs iproute2, and with it libbpf, libmnl,
// libcap and the rest). modprobe stays busybox's applet at /sbin/modprobe: it reads the image's
// modules.dep as kmod's does.

import { join } from "node:path";
import type { CpioWriter } from "../image/cpio.js";
import { addHostBinary } from "../image/host-binary.js";
import { defaultCacheDir, fetchPackage, type PackageOptions } from "../image/packages.js";
import { ImageTree } from "../image/tree.js";

export const IPROUTE2_PACKAGE = "iproute2";

/** The toolsets whose programs the harness can put into a guest. */
export type GuestTools = "busybox" | "iproute2";

/** An image tree with what `tools` needs beyond busybox (empty for busybox's own applets). */
export async function guestTools(tools: GuestTools, options: PackageOptions = {}): Promise<ImageTree> {
  const tree = new ImageTree();
  if (tools === "iproute2") {
    const root = await fetchPackage(IPROUTE2_PACKAGE, options.cacheDir ?? defaultCacheDir(), options.onProgress);
    await addHostBinary(tree, join(root, "bin", "ip"), "sbin/ip", { from: `Debian ${IPROUTE2_PACKAGE}` });
  }
  return tree;
}

/** Lays `tree` over `cpio`: an entry at a path the cpio already has (an applet link) replaces it. */
export function overlay(cpio: CpioWriter, tree: ImageTree): void {
  for (const { entry: e } of tree.entries()) {
    if (e.kind === "dir") cpio.dir(e.path, e.mode);
    else if (e.kind === "file") cpio.file(e.path, e.data, e.mode);
    else if (e.kind === "symlink") cpio.symlink(e.path, e.target);
  }
}
