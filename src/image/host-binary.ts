// Putting a dynamically linked program into an image with everything the loader needs: its
// interpreter and, transitively, every DT_NEEDED library, found the way ld.so finds them (the
// program's RUNPATH, then the multiarch and plain lib folders). Other builders use this too (the
// iproute2 toolset's `ip`), so it is one exported function with nothing image-specific.

import { realpathSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { basename, dirname, join, posix } from "node:path";
import { dynamicInfo, isElf } from "./elf.js";
import { ImageError } from "./errors.js";
import type { ImageTree } from "./tree.js";

export interface HostBinaryOptions {
  /**
   * Roots to look for libraries under before the host's `/` (an unpacked Debian package, a
   * --tools folder): `<root>/lib/<triplet>`, `<root>/usr/lib/<triplet>`, `<root>/lib`, ….
   */
  readonly libraryRoots?: readonly string[];
  /** The file system the host's libraries are read from; default "/" (tests point it elsewhere). */
  readonly hostRoot?: string;
  /** Mode of the program in the image; default 0755. */
  readonly mode?: number;
  /** What the manifest says the program came from; default its host path. */
  readonly from?: string;
}

export interface HostBinaryResult {
  /** Image paths added: the program, then its interpreter and libraries in the order found. */
  readonly added: readonly string[];
}

/**
 * Copies `hostPath` to `guestPath` in `tree` and, when it is a dynamically linked ELF program,
 * its interpreter at the path the program names (PT_INTERP) and each library at
 * `lib/<triplet>/<soname>`, a folder the loader searches without /etc/ld.so.cache. Host symlinks
 * are followed (the image gets the file). A script or a static program is copied alone.
 * Throws ImageError naming the library and the folders searched when one is missing.
 */
export async function addHostBinary(
  tree: ImageTree,
  hostPath: string,
  guestPath: string,
  options: HostBinaryOptions = {},
): Promise<HostBinaryResult> {
  const data = await readFile(hostPath).catch((e: NodeJS.ErrnoException) => {
    throw new ImageError(`${hostPath}: ${e.code === "ENOENT" ? "no such file" : e.message}`);
  });
  tree.file(guestPath, data, options.mode ?? 0o755, options.from ?? hostPath);
  const added = [guestPath.replace(/^\/+/, "")];
  if (!isElf(data)) return { added };
  const info = dynamicInfo(data);
  if (info.needed.length === 0 && !info.interpreter) return { added };

  const triplet = `${info.machine}-linux-gnu`;
  const hostRoot = options.hostRoot ?? "/";
  const roots = [...(options.libraryRoots ?? []), hostRoot];
  const libDir = `lib/${triplet}`;
  if (info.interpreter) {
    const interp = info.interpreter.replace(/^\/+/, "");
    const found = firstExisting(roots.map((r) => join(r, interp)));
    if (!found)
      throw new ImageError(`${hostPath} needs the loader ${info.interpreter}, which is not in ${roots.join(", ")}`);
    // The loader goes where libraries go; the path the program names points at it, as on Debian.
    const inLibDir = posix.join(libDir, basename(interp));
    if (!tree.has(inLibDir)) {
      tree.file(inLibDir, await readFile(found), 0o755, found);
      added.push(inLibDir);
    }
    if (interp !== inLibDir && !tree.has(interp)) {
      tree.symlink(interp, `/${inLibDir}`, "bondc (the loader's path)");
      added.push(interp);
    }
  }

  const queue: { needed: readonly string[]; runpath: readonly string[]; origin: string; by: string }[] = [
    { needed: info.needed, runpath: info.runpath, origin: dirname(hostPath), by: hostPath },
  ];
  while (queue.length) {
    const { needed, runpath, origin, by } = queue.shift()!;
    for (const soname of needed) {
      const guest = posix.join(libDir, soname);
      if (tree.has(guest)) continue;
      const dirs = [
        ...runpath.map((p) => p.replace(/\$\{?ORIGIN\}?/g, origin)),
        ...roots.flatMap((r) =>
          [`lib/${triplet}`, `usr/lib/${triplet}`, "lib64", "lib", "usr/lib"].map((d) => join(r, d)),
        ),
      ];
      const found = firstExisting(dirs.map((d) => join(d, soname)));
      if (!found) throw new ImageError(`${by} needs ${soname}, which is in none of ${dirs.join(", ")}`);
      const lib = await readFile(found);
      tree.file(guest, lib, 0o755, found);
      added.push(guest);
      if (isElf(lib)) {
        const libInfo = dynamicInfo(lib);
        queue.push({ needed: libInfo.needed, runpath: libInfo.runpath, origin: dirname(found), by: found });
      }
    }
  }
  return { added };
}

/** The first path that exists, with symlinks resolved (so the manifest names the real file). */
function firstExisting(paths: readonly string[]): string | undefined {
  for (const p of paths) {
    try {
      return realpathSync(p);
    } catch {
      // Not there: try the next folder, as the loader does.
    }
  }
  return undefined;
}
