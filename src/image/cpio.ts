// A gzip'd "newc" cpio writer: the only archive format the kernel unpacks as an initramfs.
//
// Written here rather than shelling out to cpio(1) so building an image needs no host tools, and
// so device nodes (/dev/console) can be put in the archive without being root. Same entries, same
// bytes: uid/gid 0, one mtime for every entry, inode numbers by position.
// Format reference: the kernel's Documentation/driver-api/early-userspace/buffer-format.rst.

import { gzipSync } from "node:zlib";

export const S_IFMT = 0o170000;
export const S_IFDIR = 0o040000;
export const S_IFREG = 0o100000;
export const S_IFLNK = 0o120000;
export const S_IFCHR = 0o020000;

export type CpioEntry =
  | { kind: "dir"; path: string; mode: number }
  | { kind: "file"; path: string; mode: number; data: Buffer }
  | { kind: "symlink"; path: string; target: string }
  | { kind: "chardev"; path: string; mode: number; major: number; minor: number };

/**
 * Collects entries, then serialises them. Paths are archive-relative ("bin/sh"; a leading "/" is
 * dropped). Missing parent folders are added (0755) ahead of their children, because the kernel
 * extracts in order and cannot create a file in a folder it has not seen yet. Adding a path twice
 * replaces the first entry (so a shim can override a busybox applet link).
 */
export class CpioWriter {
  private readonly entries = new Map<string, CpioEntry>();
  /** Every entry's mtime (seconds since the epoch): 0, or SOURCE_DATE_EPOCH for a build. */
  private readonly mtime: number;

  constructor(options: { mtime?: number } = {}) {
    this.mtime = options.mtime ?? 0;
  }

  dir(path: string, mode = 0o755): this {
    return this.add({ kind: "dir", path: archivePath(path), mode });
  }

  file(path: string, data: Buffer | string, mode = 0o644): this {
    return this.add({
      kind: "file",
      path: archivePath(path),
      mode,
      data: Buffer.isBuffer(data) ? data : Buffer.from(data),
    });
  }

  symlink(path: string, target: string): this {
    return this.add({ kind: "symlink", path: archivePath(path), target });
  }

  charDevice(path: string, major: number, minor: number, mode = 0o600): this {
    return this.add({ kind: "chardev", path: archivePath(path), mode, major, minor });
  }

  has(path: string): boolean {
    return this.entries.has(archivePath(path));
  }

  list(): CpioEntry[] {
    return [...this.entries.values()];
  }

  /** The uncompressed archive, TRAILER!!! included. */
  toBuffer(): Buffer {
    const parts: Buffer[] = [];
    let ino = 1;
    for (const e of this.entries.values()) parts.push(encodeEntry(e, ino++, this.mtime));
    parts.push(header({ ino: 0, mode: 0, nlink: 1, size: 0, mtime: 0 }, "TRAILER!!!"));
    return Buffer.concat(parts);
  }

  /**
   * The archive gzip'd, as the kernel's CONFIG_RD_GZIP expects for -initrd. zlib writes no file
   * name and a zero mtime in the gzip header (what `gzip -n` does), so the bytes depend only on
   * the entries; level 9 as `gzip -9`.
   */
  toGzip(): Buffer {
    return gzipSync(this.toBuffer(), { level: 9 });
  }

  private add(e: CpioEntry): this {
    if (!e.path || e.path === ".") throw new Error(`cpio: bad path ${JSON.stringify(e.path)}`);
    this.ensureParents(e.path);
    const existing = this.entries.get(e.path);
    if (existing?.kind === "dir") {
      // A folder keeps its place (its children follow it); only its mode can change.
      if (e.kind !== "dir") throw new Error(`cpio: ${e.path} is a folder, cannot replace it with a ${e.kind}`);
      this.entries.set(e.path, e);
      return this;
    }
    this.entries.delete(e.path); // a replaced leaf moves to the end, which is still after its parents
    this.entries.set(e.path, e);
    return this;
  }

  private ensureParents(path: string): void {
    const parts = path.split("/");
    for (let i = 1; i < parts.length; i++) {
      const p = parts.slice(0, i).join("/");
      const existing = this.entries.get(p);
      if (!existing) this.entries.set(p, { kind: "dir", path: p, mode: 0o755 });
      else if (existing.kind !== "dir") throw new Error(`cpio: ${p} is not a folder but ${path} needs it to be`);
    }
  }
}

/** An archive-relative path: no leading or trailing "/", no doubled ones. */
export function archivePath(path: string): string {
  return path
    .replace(/^\/+/, "")
    .replace(/\/+$/, "")
    .replace(/\/{2,}/g, "/");
}

function encodeEntry(e: CpioEntry, ino: number, mtime: number): Buffer {
  switch (e.kind) {
    case "dir":
      return Buffer.concat([header({ ino, mtime, mode: S_IFDIR | (e.mode & 0o7777), nlink: 2, size: 0 }, e.path)]);
    case "file":
      return Buffer.concat([
        header({ ino, mtime, mode: S_IFREG | (e.mode & 0o7777), nlink: 1, size: e.data.length }, e.path),
        e.data,
        pad(e.data.length),
      ]);
    case "symlink": {
      const data = Buffer.from(e.target);
      return Buffer.concat([
        header({ ino, mtime, mode: S_IFLNK | 0o777, nlink: 1, size: data.length }, e.path),
        data,
        pad(data.length),
      ]);
    }
    case "chardev":
      return header(
        { ino, mtime, mode: S_IFCHR | (e.mode & 0o7777), nlink: 1, size: 0, rdevMajor: e.major, rdevMinor: e.minor },
        e.path,
      );
  }
}

interface HeaderFields {
  ino: number;
  mode: number;
  mtime: number;
  nlink: number;
  size: number;
  rdevMajor?: number;
  rdevMinor?: number;
}

/**
 * 110-byte ASCII header: magic 070701 then 13 eight-digit hex fields, then the NUL-terminated
 * name padded so that header+name is a multiple of 4. uid/gid 0 (root owns everything in the
 * guest); the mtime is the writer's one time for every entry.
 */
function header(h: HeaderFields, name: string): Buffer {
  const nameBytes = Buffer.from(`${name}\0`);
  const fields = [
    h.ino,
    h.mode,
    0, // uid
    0, // gid
    h.nlink,
    h.mtime,
    h.size,
    0, // devmajor
    0, // devminor
    h.rdevMajor ?? 0,
    h.rdevMinor ?? 0,
    nameBytes.length,
    0, // check (only used by the "crc" variant 070702)
  ];
  const text = `070701${fields.map(hex8).join("")}`;
  const head = Buffer.concat([Buffer.from(text, "ascii"), nameBytes]);
  return Buffer.concat([head, pad(head.length)]);
}

function hex8(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new Error(`cpio: field out of range: ${n}`);
  return n.toString(16).padStart(8, "0");
}

function pad(len: number): Buffer {
  return Buffer.alloc((4 - (len % 4)) % 4);
}
