// The seed's image initrd (an ext2 file system the kernel loads into /dev/ram0 and runs /linuxrc
// from), built without root or loop devices: e2fsprogs' `mke2fs -d` copies a folder the builder
// writes, then one `debugfs -w` batch adds the device nodes (making those in the folder would need
// root; Debian 12's mke2fs 1.47.0 cannot read a tarball with -d) and sets every inode's owner and
// times, which -d copies from the folder (the builder's uid, the time it was written).
//
// Same entries, same bytes: a fixed UUID and directory hash seed, E2FSPROGS_FAKE_TIME for the
// superblock, every inode's times set to the build's epoch, entries written in path order, and a
// size computed from the entries (so the image is as small as its content allows).

import { chmod, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, posix } from "node:path";
import { ImageError } from "./errors.js";
import { run } from "./exec.js";
import type { TreeEntry } from "./tree.js";

/** Fixed, so two builds of the same content are the same bytes (derived from nothing secret). */
export const EXT2_UUID = "b0bdc000-0000-4000-8000-000000000001";
const BLOCK = 1024;

export interface Ext2Options {
  /** Every inode's atime, mtime and ctime (SOURCE_DATE_EPOCH or 0). */
  mtime: number;
  /** Where the staging folder goes; default os.tmpdir(). */
  tmpDir?: string;
}

/** The uncompressed ext2 image of `entries` (ImageTree.entries(): sorted, parents included). */
export async function ext2Image(entries: readonly TreeEntry[], options: Ext2Options): Promise<Buffer> {
  const work = await mkdtemp(join(options.tmpDir ?? tmpdir(), "bondc-ext2-"));
  try {
    const root = join(work, "root");
    await mkdir(root);
    for (const { entry: e } of entries) {
      const p = join(root, e.path);
      if (e.kind === "dir") await mkdir(p, { mode: e.mode });
      else if (e.kind === "file") await writeFile(p, e.data);
      else if (e.kind === "symlink") await symlink(e.target, p);
      // Device nodes are made by debugfs below.
      if (e.kind === "dir" || e.kind === "file") await chmod(p, e.mode); // the umask does not apply
    }
    const inodes = entries.length + 16;
    const img = join(work, "image");
    const env = { E2FSPROGS_FAKE_TIME: String(Math.max(1, options.mtime)) };
    let blocks = estimateBlocks(entries, inodes);
    for (;;) {
      const r = await run(
        "mke2fs",
        // 128-byte inodes and no resize inode: what 2.2/2.4-era kernels read.
        ["-q", "-F", "-t", "ext2", "-b", String(BLOCK), "-m", "0", "-N", String(inodes), "-I", "128"]
          .concat(["-O", "^resize_inode", "-U", EXT2_UUID, "-E", `hash_seed=${EXT2_UUID},root_owner=0:0`])
          .concat(["-d", root, img, String(blocks)]),
        { env },
      );
      if (r.code === 0) break;
      // Too small an estimate is the only failure worth a retry; deterministic, so the same inputs
      // take the same path.
      if (!/space|allocate|too small|Could not/i.test(r.stderr) || blocks > 1 << 22)
        throw new ImageError(`mke2fs failed: ${r.stderr.trim()}`);
      await rm(img, { force: true });
      blocks *= 2;
    }
    const script = join(work, "debugfs.cmds");
    await writeFile(script, debugfsCommands(entries, options.mtime));
    const r = await run("debugfs", ["-w", "-f", script, img], { env });
    // debugfs reports failed commands on stderr and still exits 0: any line that is not its banner
    // or an echo of a command is a failure.
    const complaints = r.stderr
      .split("\n")
      .filter((l) => l.trim() && !/^debugfs [\d.]+ \(/.test(l) && !l.startsWith("debugfs: "));
    if (r.code !== 0 || complaints.length) throw new ImageError(`debugfs failed: ${complaints.join("; ") || r.stderr}`);
    return await readFile(img);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Device nodes, then every inode's owner and times, as one debugfs batch. */
export function debugfsCommands(entries: readonly TreeEntry[], mtime: number): string {
  const lines: string[] = [];
  for (const { entry: e } of entries) {
    if (e.kind !== "chardev") continue;
    // debugfs's mknod takes a name in the current folder (a "/" would be kept in the name).
    lines.push(`cd /${posix.dirname(e.path) === "." ? "" : posix.dirname(e.path)}`);
    lines.push(`mknod ${posix.basename(e.path)} c ${e.major} ${e.minor}`);
    lines.push(`sif ${posix.basename(e.path)} mode 0${(0o020000 | e.mode).toString(8)}`);
  }
  lines.push("cd /");
  for (const path of ["/", ...entries.map((x) => `/${x.entry.path}`)]) {
    for (const field of ["uid", "gid"]) lines.push(`sif ${path} ${field} 0`);
    for (const field of ["atime", "mtime", "ctime"]) lines.push(`sif ${path} ${field} @${mtime}`);
  }
  return `${lines.join("\n")}\n`;
}

/** Data blocks, indirect blocks, folders, the inode table and the group metadata, plus slack. */
function estimateBlocks(entries: readonly TreeEntry[], inodes: number): number {
  const perBlock = BLOCK / 4;
  let blocks = 0;
  for (const { entry: e } of entries) {
    if (e.kind === "dir") blocks += 1;
    else if (e.kind === "symlink") blocks += e.target.length >= 60 ? 1 : 0;
    else if (e.kind === "file") {
      const data = Math.ceil(e.data.length / BLOCK);
      const single = data > 12 ? 1 : 0;
      const double = data > 12 + perBlock ? 1 + Math.ceil((data - 12 - perBlock) / perBlock) : 0;
      blocks += data + single + double;
    }
  }
  blocks += 1 + Math.ceil((inodes * 128) / BLOCK) + 16;
  return Math.ceil(blocks * 1.03) + 32;
}
