// The disk a boot to a disk root gets (src/boot/disk-root.ts): a PC partition table whose one
// Linux partition holds the root as ext2, and the host reading a file back from it afterwards.
// Needs e2fsprogs (mke2fs, debugfs), as `bondc build` does; no QEMU.
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFromDisk, writeDisk } from "../../src/boot/disk-root.js";

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "bondc-disk-test-"));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe("a disk root's disk", () => {
  it("has one Linux partition at 1 MiB in its partition table, holding the folder as ext2", async () => {
    const root = join(work, "root");
    await mkdir(join(root, "sbin"), { recursive: true });
    await writeFile(join(root, "sbin/init"), "#!/bin/sh\n");
    await writeFile(join(root, "hello"), "from the host\n");
    const disk = join(work, "disk.img");
    await writeDisk(root, disk);
    const bytes = await readFile(disk);
    expect(bytes.readUInt16LE(510)).toBe(0xaa55);
    expect(bytes[446 + 4]).toBe(0x83);
    expect(bytes.readUInt32LE(446 + 8)).toBe(2048);
    expect(bytes.readUInt32LE(446 + 12) * 512).toBe(bytes.length - 2048 * 512);
    // ext2's magic, 0xEF53, at byte 56 of the superblock, 1024 bytes into the partition.
    expect(bytes.readUInt16LE(2048 * 512 + 1024 + 56)).toBe(0xef53);
    expect(await readFromDisk(disk, "hello")).toBe("from the host");
    expect(await readFromDisk(disk, "absent")).toBeUndefined();
  });
});
