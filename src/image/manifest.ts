// What went into an image: every entry with its path, type, mode, size, sha256 and origin, plus
// the image's own sizes and hash. Written as JSON beside the image (so an admin can see what a
// node boots, and a rebuild can be compared entry by entry), and summed up as the size report.

import { createHash } from "node:crypto";
import type { NodeKernel } from "./kernel.js";
import type { ImageTree } from "./tree.js";

export interface ManifestEntry {
  readonly path: string;
  readonly type: "dir" | "file" | "symlink" | "chardev";
  /** Permission bits, octal ("0755"). */
  readonly mode: string;
  /** Bytes of content (a symlink's target length; 0 for folders and devices). */
  readonly size: number;
  /** Of the content (a symlink's target); absent for folders and devices. */
  readonly sha256?: string;
  readonly target?: string;
  /** "major:minor" of a device. */
  readonly device?: string;
  readonly from: string;
}

export interface Manifest {
  readonly image: string;
  readonly target: string;
  readonly kernel: { readonly release: string; readonly from: string };
  /** Every entry's time (SOURCE_DATE_EPOCH or 0). */
  readonly epoch: number;
  /** The image before gzip, and as written. */
  readonly size: { readonly uncompressed: number; readonly compressed: number };
  readonly sha256: string;
  readonly entries: readonly ManifestEntry[];
}

export interface ManifestInput {
  image: string;
  kind: string;
  epoch: number;
  kernel: NodeKernel;
  raw: Buffer;
  bytes: Buffer;
}

export function manifestOf(tree: ImageTree, input: ManifestInput): Manifest {
  const entries = tree.entries().map(({ entry: e, from }): ManifestEntry => {
    const mode = (e.kind === "symlink" ? 0o777 : e.mode).toString(8).padStart(4, "0");
    if (e.kind === "file")
      return { path: `/${e.path}`, type: "file", mode, size: e.data.length, sha256: sha256(e.data), from };
    if (e.kind === "symlink")
      return {
        path: `/${e.path}`,
        type: "symlink",
        mode,
        size: e.target.length,
        sha256: sha256(Buffer.from(e.target)),
        target: e.target,
        from,
      };
    if (e.kind === "chardev")
      return { path: `/${e.path}`, type: "chardev", mode, size: 0, device: `${e.major}:${e.minor}`, from };
    return { path: `/${e.path}`, type: "dir", mode, size: 0, from };
  });
  return {
    image: input.image,
    target: input.kind,
    kernel: { release: input.kernel.release, from: input.kernel.from },
    epoch: input.epoch,
    size: { uncompressed: input.raw.length, compressed: input.bytes.length },
    sha256: sha256(input.bytes),
    entries,
  };
}

/** Bytes by what they are, then the image's sizes: what `bondc build` prints. */
export function sizeReport(m: Manifest): string {
  const groups = new Map<string, { count: number; bytes: number }>();
  for (const e of m.entries) {
    if (e.type !== "file") continue;
    const group = e.path.startsWith("/lib/modules/")
      ? "kernel modules"
      : /^\/lib(64)?\//.test(e.path)
        ? "shared libraries"
        : e.path === "/bin/busybox"
          ? "busybox"
          : e.from.startsWith("bondc compile")
            ? "bondc's script"
            : "tools";
    const g = groups.get(group) ?? { count: 0, bytes: 0 };
    groups.set(group, { count: g.count + 1, bytes: g.bytes + e.size });
  }
  const lines = [...groups].map(
    ([name, g]) => `  ${name.padEnd(18)} ${kb(g.bytes).padStart(10)}  (${g.count} file${g.count === 1 ? "" : "s"})`,
  );
  return [
    `${m.image}: ${kb(m.size.compressed)} gzip'd, ${kb(m.size.uncompressed)} unpacked, ${m.entries.length} entries (kernel ${m.kernel.release})`,
    ...lines,
    "",
  ].join("\n");
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

function sha256(data: Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}
