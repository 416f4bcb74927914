// The files of a node's image before they are serialised (newc cpio or ext2), each with where it
// came from, so the manifest can say what went in and from where.
//
// Order of insertion does not matter: every serialiser sorts by path (a folder's path is a prefix
// of its children's, so it always comes first), which is what makes the same inputs give the same
// bytes however the builder gathered them.

import { archivePath, CpioWriter, type CpioEntry } from "./cpio.js";

export interface TreeEntry {
  readonly entry: CpioEntry;
  /** Where the bytes came from: a host path, a Debian package, or what bondc generated. */
  readonly from: string;
}

export class ImageTree {
  private readonly byPath = new Map<string, TreeEntry>();

  file(path: string, data: Buffer | string, mode: number, from: string): this {
    const bytes = Buffer.isBuffer(data) ? data : Buffer.from(data);
    return this.put({ kind: "file", path: archivePath(path), mode, data: bytes }, from);
  }

  symlink(path: string, target: string, from: string): this {
    return this.put({ kind: "symlink", path: archivePath(path), target }, from);
  }

  dir(path: string, mode = 0o755, from = "bondc"): this {
    return this.put({ kind: "dir", path: archivePath(path), mode }, from);
  }

  charDevice(path: string, major: number, minor: number, mode: number, from = "bondc"): this {
    return this.put({ kind: "chardev", path: archivePath(path), mode, major, minor }, from);
  }

  has(path: string): boolean {
    return this.byPath.has(archivePath(path));
  }

  get(path: string): TreeEntry | undefined {
    return this.byPath.get(archivePath(path));
  }

  /** Drops an entry (the boot harness leaves a module out to test a node without it). */
  remove(path: string): boolean {
    return this.byPath.delete(archivePath(path));
  }

  /**
   * Every entry sorted by path, with the folders the entries need but nobody added (0755, from
   * "bondc"), as a cpio writer holds them: the one normalised form both serialisers read.
   */
  entries(): TreeEntry[] {
    const writer = this.toCpio();
    return writer.list().map((entry) => ({ entry, from: this.byPath.get(entry.path)?.from ?? "bondc" }));
  }

  /** A cpio writer holding the tree in path order; `mtime` is every entry's modification time. */
  toCpio(mtime = 0): CpioWriter {
    const writer = new CpioWriter({ mtime });
    for (const path of [...this.byPath.keys()].sort(byBytes)) {
      const e = this.byPath.get(path)!.entry;
      if (e.kind === "dir") writer.dir(e.path, e.mode);
      else if (e.kind === "file") writer.file(e.path, e.data, e.mode);
      else if (e.kind === "symlink") writer.symlink(e.path, e.target);
      else writer.charDevice(e.path, e.major, e.minor, e.mode);
    }
    return writer;
  }

  private put(entry: CpioEntry, from: string): this {
    if (!entry.path || entry.path === ".") throw new Error(`image: bad path ${JSON.stringify(entry.path)}`);
    this.byPath.set(entry.path, { entry, from });
    return this;
  }
}

/** Byte order, not locale order: the same on every machine. */
function byBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}
