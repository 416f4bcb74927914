import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { dynamicInfo } from "../../src/image/elf.js";
import { ImageError } from "../../src/image/errors.js";
import { addHostBinary } from "../../src/image/host-binary.js";
import { ImageTree } from "../../src/image/tree.js";

/** The sonames `ldd` lists for a program (the loader's own view), without the vDSO. */
function lddSonames(path: string): string[] {
  return execFileSync("ldd", [path], { encoding: "utf8" })
    .split("\n")
    .map((l) => /^\s*(\S+)/.exec(l)?.[1] ?? "")
    .filter((n) => n && !n.startsWith("linux-vdso") && !n.startsWith("/"));
}

describe("addHostBinary", () => {
  it("adds a dynamic program with the libraries ldd finds, the loader where the program names it", async () => {
    const tree = new ImageTree();
    const { added } = await addHostBinary(tree, "/bin/ls", "bin/ls");
    const libs = added.filter((p) => p.startsWith("lib/x86_64-linux-gnu/")).map((p) => p.split("/").pop());
    expect(new Set(libs)).toEqual(new Set([...lddSonames("/bin/ls"), "ld-linux-x86-64.so.2"]));
    expect(tree.get("lib64/ld-linux-x86-64.so.2")?.entry).toEqual({
      kind: "symlink",
      path: "lib64/ld-linux-x86-64.so.2",
      target: "/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2",
    });
    expect(tree.get("bin/ls")?.from).toBe("/bin/ls");
    // Each library is the real file, not the host's symlink to it.
    const libc = tree.get("lib/x86_64-linux-gnu/libc.so.6")!;
    expect(libc.entry.kind).toBe("file");
    expect(libc.from).toMatch(/libc\.so\.6$/);
  });

  it("copies a script or a static program alone", async () => {
    const dir = mkdtempSync(join(tmpdir(), "bondc-hb-"));
    try {
      writeFileSync(join(dir, "tool"), "#!/bin/sh\necho hi\n");
      const tree = new ImageTree();
      expect((await addHostBinary(tree, join(dir, "tool"), "sbin/tool")).added).toEqual(["sbin/tool"]);
      expect(tree.entries().map((e) => e.entry.path)).toEqual(["sbin", "sbin/tool"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("names the library and the folders searched when one is missing", async () => {
    const empty = mkdtempSync(join(tmpdir(), "bondc-hb-root-"));
    try {
      const err = await addHostBinary(new ImageTree(), "/bin/ls", "bin/ls", { hostRoot: empty }).catch((e) => e);
      expect(err).toBeInstanceOf(ImageError);
      expect(err.message).toMatch(/needs the loader \/lib64\/ld-linux-x86-64\.so\.2/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it("reads the interpreter and the machine from the program headers", async () => {
    const { readFile } = await import("node:fs/promises");
    const info = dynamicInfo(await readFile("/bin/ls"));
    expect(info.interpreter).toBe("/lib64/ld-linux-x86-64.so.2");
    expect(info.machine).toBe("x86_64");
    expect(info.needed).toContain("libc.so.6");
  });

  it("refuses a missing program", async () => {
    await expect(addHostBinary(new ImageTree(), "/nonexistent/ip", "sbin/ip")).rejects.toThrow(/no such file/);
  });
});
