import { describe, expect, it } from "vitest";
import { CpioWriter, S_IFCHR, S_IFDIR, S_IFLNK, S_IFMT, S_IFREG } from "../../src/image/cpio.js";
import { readCpio } from "../boot/cpio-reader.js";

describe("cpio newc writer", () => {
  it("round-trips folders, files, symlinks and char devices through an independent reader", () => {
    const w = new CpioWriter()
      .dir("dev")
      .charDevice("/dev/console", 5, 1, 0o600)
      .file("bin/busybox", Buffer.from([0x7f, 0x45, 0x4c, 0x46, 1]), 0o755)
      .symlink("bin/sh", "/bin/busybox")
      .file("init", "#!/bin/sh\necho hi\n", 0o755)
      .file("etc/odd-length-name.txt", "abc");
    const entries = readCpio(w.toGzip());
    const byName = new Map(entries.map((e) => [e.name, e]));
    expect(entries.map((e) => e.name)).toEqual([
      "dev",
      "dev/console",
      "bin",
      "bin/busybox",
      "bin/sh",
      "init",
      "etc",
      "etc/odd-length-name.txt",
    ]);

    const dev = byName.get("dev")!;
    expect(dev.mode & S_IFMT).toBe(S_IFDIR);
    expect(dev.mode & 0o7777).toBe(0o755);
    expect(dev.nlink).toBe(2);

    const console_ = byName.get("dev/console")!;
    expect(console_.mode).toBe(S_IFCHR | 0o600);
    expect([console_.rdevMajor, console_.rdevMinor]).toEqual([5, 1]);
    expect(console_.data.length).toBe(0);

    const bb = byName.get("bin/busybox")!;
    expect(bb.mode).toBe(S_IFREG | 0o755);
    expect([...bb.data]).toEqual([0x7f, 0x45, 0x4c, 0x46, 1]);

    const sh = byName.get("bin/sh")!;
    expect(sh.mode).toBe(S_IFLNK | 0o777);
    expect(sh.data.toString()).toBe("/bin/busybox");

    expect(byName.get("init")!.data.toString()).toBe("#!/bin/sh\necho hi\n");
    expect(byName.get("etc/odd-length-name.txt")!.data.toString()).toBe("abc");

    for (const e of entries) {
      expect(e.offset % 4).toBe(0);
      expect([e.uid, e.gid, e.mtime]).toEqual([0, 0, 0]);
    }
    expect(new Set(entries.map((e) => e.ino)).size).toBe(entries.length);
  });

  it("creates missing parents before children, and a later add replaces a leaf", () => {
    const w = new CpioWriter().symlink("sbin/insmod", "/bin/busybox").file("sbin/insmod", "shim", 0o755);
    const entries = readCpio(w.toBuffer());
    expect(entries.map((e) => e.name)).toEqual(["sbin", "sbin/insmod"]);
    expect(entries[1]!.mode).toBe(S_IFREG | 0o755);
    expect(entries[1]!.data.toString()).toBe("shim");
  });

  it("keeps a folder's place when its mode is changed after children were added", () => {
    const w = new CpioWriter().file("lib/modules/x.ko", "k").dir("lib", 0o700);
    const names = readCpio(w.toBuffer()).map((e) => `${e.name}:${(e.mode & 0o7777).toString(8)}`);
    expect(names).toEqual(["lib:700", "lib/modules:755", "lib/modules/x.ko:644"]);
  });

  it("refuses paths that cannot be extracted", () => {
    expect(() => new CpioWriter().file("a", "x").file("a/b", "y")).toThrow(/not a folder/);
    expect(() => new CpioWriter().dir("a").file("a", "x")).toThrow(/is a folder/);
    expect(() => new CpioWriter().file("/", "x")).toThrow(/bad path/);
  });

  it("writes an empty archive as just the trailer", () => {
    expect(readCpio(new CpioWriter().toGzip())).toEqual([]);
  });
});
