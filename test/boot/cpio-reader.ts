// A tiny newc cpio reader for the tests: an independent check of src/boot/cpio.ts's output
// (written from the kernel's buffer-format.rst, not from the writer's code).

import { gunzipSync } from "node:zlib";

export interface ReadEntry {
  name: string;
  ino: number;
  mode: number;
  uid: number;
  gid: number;
  nlink: number;
  mtime: number;
  rdevMajor: number;
  rdevMinor: number;
  data: Buffer;
  /** Byte offset of the header (must be a multiple of 4). */
  offset: number;
}

export function readCpio(archive: Buffer): ReadEntry[] {
  const buf = archive[0] === 0x1f && archive[1] === 0x8b ? gunzipSync(archive) : archive;
  const out: ReadEntry[] = [];
  let off = 0;
  for (;;) {
    const magic = buf.toString("ascii", off, off + 6);
    if (magic !== "070701") throw new Error(`bad magic ${JSON.stringify(magic)} at ${off}`);
    const field = (i: number) => {
      const text = buf.toString("ascii", off + 6 + i * 8, off + 14 + i * 8);
      if (!/^[0-9a-f]{8}$/.test(text)) throw new Error(`field ${i} not 8 lowercase hex digits: ${text}`);
      return parseInt(text, 16);
    };
    const size = field(6);
    const namesize = field(11);
    const nameStart = off + 110;
    if (buf[nameStart + namesize - 1] !== 0) throw new Error("name not NUL-terminated");
    const name = buf.toString("utf8", nameStart, nameStart + namesize - 1);
    const dataStart = align4(nameStart + namesize);
    const entry: ReadEntry = {
      name,
      ino: field(0),
      mode: field(1),
      uid: field(2),
      gid: field(3),
      nlink: field(4),
      mtime: field(5),
      rdevMajor: field(9),
      rdevMinor: field(10),
      data: buf.subarray(dataStart, dataStart + size),
      offset: off,
    };
    if (field(12) !== 0) throw new Error("check field must be 0 for 070701");
    off = align4(dataStart + size);
    if (name === "TRAILER!!!") {
      if (off !== buf.length) throw new Error(`trailing bytes after TRAILER!!!: ${buf.length - off}`);
      return out;
    }
    out.push(entry);
  }
}

function align4(n: number): number {
  return (n + 3) & ~3;
}
