import { chmodSync, closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/** A problem with the command line or the file system: reported in one line, exit status 2. */
export class UsageError extends Error {
  /*
   * Told apart by this code, as Node's own argument errors are (ERR_PARSE_ARGS_*), not by
   * instanceof: each shipped command bundle has its own copy of this class.
   */
  readonly code = "BONDC_USAGE";
}

/** A mistake of the user's: a UsageError, or a Node parseArgs error for a bad option. */
export function isUsageError(e: unknown): boolean {
  const code = (e as { code?: unknown } | undefined)?.code;
  return typeof code === "string" && (code === "BONDC_USAGE" || code.startsWith("ERR_PARSE_ARGS"));
}

export function readSource(path: string): string {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new UsageError(`cannot read ${path}: ${why(e as NodeJS.ErrnoException, "no such file")}`);
  }
  // A NUL byte never occurs in text: this is a binary (a kernel, a cpio, a compiled script's
  // neighbour) passed by mistake, and echoing its "source lines" would spray bytes on the terminal.
  if (text.includes("\u0000")) throw new UsageError(`cannot read ${path}: it is a binary file, not .bond text`);
  return text;
}

/**
 * Writes `text` so that `path` is either its old self or the complete new file, never a half:
 * write a temporary file beside it, flush it to disk, then rename it over the target.
 */
export function writeAtomically(path: string, text: string | Buffer, mode = 0o644): void {
  writeAllAtomically([{ path, data: text, mode }]);
}

/** A file for writeAllAtomically; `flush: false` skips its fsync (see there). */
export interface FileToWrite {
  readonly path: string;
  readonly data: string | Buffer;
  readonly mode: number;
  readonly flush?: boolean;
}

/**
 * Several files written the same way, all temporaries first: when any of them cannot be written,
 * none of the targets has changed (`bondc build` writes an image, its kernel and its manifest).
 * A file marked `flush: false` is renamed into place without its own fsync: a cluster's boot
 * entries are six small files a node, and an fsync each took 320 s for 10,000 nodes on this
 * project's machines against seconds without. The rename still never shows a reader half a file.
 */
export function writeAllAtomically(files: readonly FileToWrite[]): void {
  const tmps: string[] = [];
  let current = files[0]?.path ?? "";
  try {
    for (const f of files) {
      current = f.path;
      const tmp = join(dirname(f.path), `.${basename(f.path)}.bondc-${process.pid}.tmp`);
      tmps.push(tmp);
      const fd = openSync(tmp, "w", f.mode);
      try {
        writeSync(fd, Buffer.isBuffer(f.data) ? f.data : Buffer.from(f.data));
        if (f.flush !== false) fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      chmodSync(tmp, f.mode);
    }
    files.forEach((f, i) => {
      current = f.path;
      renameSync(tmps[i]!, f.path);
    });
  } catch (e) {
    for (const tmp of tmps) rmSync(tmp, { force: true });
    const missing = `the folder ${dirname(current)} does not exist`;
    throw new UsageError(`cannot write ${current}: ${why(e as NodeJS.ErrnoException, missing)}`);
  }
}

/** A file-system failure in words, not errno names; `missing` says what ENOENT means for this call. */
export function why(e: NodeJS.ErrnoException, missing: string): string {
  switch (e.code) {
    case "ENOENT":
      return missing;
    case "EISDIR":
      return "it is a directory";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "ENOTDIR":
      return "a part of the path is a file, not a folder";
    case "ENOSPC":
      return "no space left on the device";
    case "EROFS":
      return "the file system is read-only";
    default:
      return e.message;
  }
}
