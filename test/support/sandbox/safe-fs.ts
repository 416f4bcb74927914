/**
 * File access confined to one sandbox tree. A script run in the tree may have replaced any
 * path with a symlink; its absolute links mean something else on the host. So every write
 * refuses a path whose components (below the root) include a symlink, and every read treats
 * such a path as absent. Symlinks the builder creates must be relative and stay in the tree.
 */
import {
  closeSync,
  constants,
  fchmodSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  realpathSync,
  symlinkSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { dirname, isAbsolute, join, normalize, relative, sep } from "node:path";

export class Tree {
  readonly root: string;

  constructor(root: string) {
    this.root = realpathSync(root);
  }

  /** Host path of `p`, a path inside the tree (`/bin/sh` or `bin/sh`); never outside it. */
  path(p: string): string {
    const abs = normalize(join(this.root, p));
    const rel = relative(this.root, abs);
    if (rel === "") return abs;
    if (rel.startsWith("..") || isAbsolute(rel)) {
      throw new Error(`sandbox: ${p} leaves the tree ${this.root}`);
    }
    return abs;
  }

  /** True when no component of `p` below the root is a symlink (missing ones are fine). */
  private noSymlinkOnPath(abs: string): boolean {
    const rel = relative(this.root, abs);
    if (rel === "") return true;
    let cur = this.root;
    for (const part of rel.split(sep)) {
      cur = join(cur, part);
      try {
        if (lstatSync(cur).isSymbolicLink()) return false;
      } catch {
        return true; // does not exist (yet): nothing below can be a link either
      }
    }
    return true;
  }

  private checkedForWrite(p: string): string {
    const abs = this.path(p);
    if (!this.noSymlinkOnPath(abs)) {
      throw new Error(`sandbox: refusing to write ${p}: a symlink is on its path`);
    }
    return abs;
  }

  mkdir(p: string, mode = 0o755): void {
    const abs = this.checkedForWrite(p);
    mkdirSync(abs, { recursive: true, mode });
  }

  /**
   * Write a new file at `p`. An existing file is unlinked first, never truncated: run trees
   * share the template's files through hard links.
   */
  write(p: string, data: string | Buffer, mode = 0o644): void {
    const abs = this.checkedForWrite(p);
    this.mkdir(relative(this.root, dirname(abs)));
    try {
      if (!lstatSync(abs).isDirectory()) unlinkSync(abs);
    } catch {
      // did not exist
    }
    const fd = openSync(abs, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, mode);
    try {
      fchmodSync(fd, mode);
      const buf = typeof data === "string" ? Buffer.from(data) : data;
      let off = 0;
      while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
    } finally {
      closeSync(fd);
    }
  }

  /** Remove the file or symlink at `p` itself (never what a symlink points to), if there is one. */
  unlink(p: string): void {
    const abs = this.path(p);
    this.checkedForWrite(relative(this.root, dirname(abs)));
    try {
      if (!lstatSync(abs).isDirectory()) unlinkSync(abs);
    } catch {
      // did not exist
    }
  }

  /** A relative symlink at `p` pointing to `target`, which must resolve inside the tree. */
  symlink(target: string, p: string): void {
    if (isAbsolute(target)) throw new Error(`sandbox: symlink ${p} -> ${target} must be relative`);
    const abs = this.checkedForWrite(p);
    this.path(relative(this.root, join(dirname(abs), target)));
    symlinkSync(target, abs);
  }

  /** Content of a regular file, or undefined when it is missing or reached through a symlink. */
  read(p: string): Buffer | undefined {
    const abs = this.path(p);
    if (!this.noSymlinkOnPath(abs)) return undefined;
    try {
      if (!lstatSync(abs).isFile()) return undefined;
      return readFileSync(abs);
    } catch {
      return undefined;
    }
  }

  readText(p: string): string | undefined {
    return this.read(p)?.toString("utf8");
  }

  /** Sorted entries of a real directory (not a symlink), or [] when there is none. */
  list(p: string): string[] {
    const abs = this.path(p);
    if (!this.noSymlinkOnPath(abs)) return [];
    try {
      if (!lstatSync(abs).isDirectory()) return [];
      return readdirSync(abs).sort();
    } catch {
      return [];
    }
  }

  isDir(p: string): boolean {
    const abs = this.path(p);
    if (!this.noSymlinkOnPath(abs)) return false;
    try {
      return lstatSync(abs).isDirectory();
    } catch {
      return false;
    }
  }
}
