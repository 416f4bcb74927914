// `bondc build` end to end, on stand-in inputs (fixtures.ts): what goes into each target's image,
// that the same inputs give the same bytes, the manifest, and every bad input's one-line error.

import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { S_IFCHR, S_IFLNK, S_IFMT } from "../../src/image/cpio.js";
import type { Manifest } from "../../src/image/manifest.js";
import { readCpio } from "../boot/cpio-reader.js";
import { bondcAsync, ensureBuilt, stackTrace } from "../support/bondc.js";
import { repoRoot } from "../support/repo.js";
import { fakeModule, HOST_BUSYBOX, makeFixture, RELEASE, type Fixture } from "./fixtures.js";

const initramfsExample = join(repoRoot, "examples/initramfs-active-backup.bond");
const linuxrcExample = join(repoRoot, "examples/seed-quickstart.bond");
let f: Fixture;
let tools: string;

beforeAll(() => {
  ensureBuilt();
  f = makeFixture();
  // net-tools stand-ins: a dynamically linked program (its libraries must follow it) and a script.
  tools = join(f.dir, "tools");
  mkdirSync(tools);
  copyFileSync("/bin/true", join(tools, "ifconfig"));
  writeFileSync(join(tools, "route"), "#!/bin/sh\nexit 0\n", { mode: 0o755 });
});
afterAll(() => rmSync(f.dir, { recursive: true, force: true }));

async function build(file: string, out: string, extra: readonly string[] = [], env: Record<string, string> = {}) {
  return bondcAsync(
    ["build", file, "-o", out, "--kernel", f.kernel, "--modules", f.modules, "--busybox", HOST_BUSYBOX, ...extra],
    { env },
  );
}

const sha256 = (path: string) => createHash("sha256").update(readFileSync(path)).digest("hex");

describe("bondc build, initramfs target", () => {
  it("writes the image, the kernel and the manifest; the same inputs give the same bytes", async () => {
    const [a, b] = [join(f.dir, "a"), join(f.dir, "b")];
    const first = await build(initramfsExample, a);
    expect(first.stderr).not.toMatch(stackTrace);
    expect(first.status).toBe(0);
    expect((await build(initramfsExample, b)).status).toBe(0);
    expect(readdirSync(a).sort()).toEqual(["initramfs.cpio.gz", "manifest.json", "vmlinuz"]);
    for (const name of readdirSync(a)) expect(sha256(join(b, name)), name).toBe(sha256(join(a, name)));
    expect(readFileSync(join(a, "vmlinuz"))).toEqual(readFileSync(f.kernel));
    // The size report names the image and its parts.
    expect(first.stdout).toMatch(
      /^initramfs\.cpio\.gz: [\d.]+ KiB gzip'd, [\d.]+ KiB unpacked, \d+ entries \(kernel 6\.1\.0-bondc-test\)/,
    );
    expect(first.stdout).toMatch(/kernel modules/);

    const gz = readFileSync(join(a, "initramfs.cpio.gz"));
    // gzip -n: no FNAME flag, mtime 0.
    expect(gz[3]! & 0x08).toBe(0);
    expect(gz.readUInt32LE(4)).toBe(0);
    const entries = readCpio(gz);
    const byName = new Map(entries.map((e) => [e.name, e]));
    const names = entries.map((e) => e.name);
    expect(byName.get("init")!.data.toString()).toMatch(/^#!\/bin\/sh/);
    expect(byName.get("init")!.mode & 0o777).toBe(0o755);
    expect(byName.get("bin/busybox")!.data).toEqual(readFileSync(HOST_BUSYBOX));
    expect(byName.get("bin/sh")!.mode & S_IFMT).toBe(S_IFLNK);
    expect(byName.get("sbin/switch_root")!.data.toString()).toBe("/bin/busybox");
    expect([byName.get("dev/console")!.mode, byName.get("dev/console")!.rdevMajor]).toEqual([S_IFCHR | 0o600, 5]);
    expect([byName.get("dev/null")!.mode, byName.get("dev/null")!.rdevMinor]).toEqual([S_IFCHR | 0o666, 3]);
    const modules = names.filter((n) => n.endsWith(".ko")).map((n) => n.split("/").pop());
    // bonding (loaded by the script) and nfsv3 (the NFS root), each with its dependencies; nothing else.
    expect(modules.sort()).toEqual(["bonding.ko", "nfs.ko", "nfsv3.ko", "sunrpc.ko", "tls.ko"]);
    expect(byName.get(`lib/modules/${RELEASE}/modules.dep`)!.data.toString()).toContain(
      "kernel/drivers/net/bonding/bonding.ko: kernel/net/tls/tls.ko",
    );
    expect(byName.get(`lib/modules/${RELEASE}/modules.alias`)!.data.toString()).toContain("alias fs-nfs nfs");
    // Parents before children, uid/gid 0, one mtime, distinct inodes.
    for (const e of entries) {
      const parent = e.name.split("/").slice(0, -1).join("/");
      if (parent) expect(names.indexOf(parent), e.name).toBeLessThan(names.indexOf(e.name));
      expect([e.uid, e.gid, e.mtime]).toEqual([0, 0, 0]);
    }
    expect(new Set(entries.map((e) => e.ino)).size).toBe(entries.length);

    const manifest = JSON.parse(readFileSync(join(a, "manifest.json"), "utf8")) as Manifest;
    expect(manifest.image).toBe("initramfs.cpio.gz");
    expect(manifest.kernel).toEqual({ release: RELEASE, from: f.kernel });
    expect(manifest.sha256).toBe(sha256(join(a, "initramfs.cpio.gz")));
    expect(manifest.size.compressed).toBe(gz.length);
    expect(manifest.size.uncompressed).toBe(gunzipSync(gz).length);
    expect(manifest.entries.map((e) => e.path)).toEqual(entries.map((e) => `/${e.name}`));
    for (const e of manifest.entries) {
      const c = byName.get(e.path.slice(1))!;
      if (e.type === "file") expect(e.sha256).toBe(createHash("sha256").update(c.data).digest("hex"));
      expect(e.from, e.path).toBeTruthy();
    }
    const entry = (p: string) => manifest.entries.find((e) => e.path === p)!;
    expect(entry("/bin/busybox")).toMatchObject({ type: "file", mode: "0755", from: HOST_BUSYBOX });
    expect(entry("/init").from).toBe(`bondc compile ${initramfsExample}`);
    expect(entry("/dev/console")).toMatchObject({ type: "chardev", mode: "0600", device: "5:1" });
    expect(entry(`/lib/modules/${RELEASE}/kernel/net/tls/tls.ko`).from).toBe(join(f.modules, "kernel/net/tls/tls.ko"));
    rmSync(a, { recursive: true });
    rmSync(b, { recursive: true });
  });

  it("stamps every entry with SOURCE_DATE_EPOCH", async () => {
    const out = join(f.dir, "epoch");
    expect((await build(initramfsExample, out, [], { SOURCE_DATE_EPOCH: "1700000000" })).status).toBe(0);
    const entries = readCpio(readFileSync(join(out, "initramfs.cpio.gz")));
    expect(new Set(entries.map((e) => e.mtime))).toEqual(new Set([1700000000]));
    rmSync(out, { recursive: true });
  });

  it("ships the NIC drivers --module names, with their dependencies", async () => {
    const out = join(f.dir, "extra");
    const r = await build(initramfsExample, out, ["--module", "unused"]);
    expect(r.status).toBe(0);
    const names = readCpio(readFileSync(join(out, "initramfs.cpio.gz"))).map((e) => e.name);
    expect(names).toContain(`lib/modules/${RELEASE}/kernel/drivers/net/unused.ko`);
    rmSync(out, { recursive: true });
  });
});

describe("bondc build, linuxrc target (the seed's ext2 initrd)", () => {
  let image: string;
  beforeAll(async () => {
    const [a, b] = [join(f.dir, "rc-a"), join(f.dir, "rc-b")];
    const r = await build(linuxrcExample, a, ["--tools", tools]);
    expect(r.stderr).not.toMatch(stackTrace);
    expect(r.status).toBe(0);
    expect((await build(linuxrcExample, b, ["--tools", tools])).status).toBe(0);
    expect(sha256(join(b, "initrd.img.gz"))).toBe(sha256(join(a, "initrd.img.gz")));
    image = join(f.dir, "initrd.img");
    writeFileSync(image, gunzipSync(readFileSync(join(a, "initrd.img.gz"))));
  });
  const debugfs = (request: string) =>
    execFileSync("debugfs", ["-R", request, image], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });

  it("is a clean ext2 file system (e2fsck -fn)", async () => {
    expect(() => execFileSync("e2fsck", ["-fn", image], { stdio: "pipe" })).not.toThrow();
  });

  it("holds /linuxrc, busybox as the shell, the toolset's programs with their libraries, and the modules", async () => {
    const root = debugfs("ls -l /");
    expect(root).toMatch(/100755 \(1\)\s+0\s+0\s+\d+\s+1-Jan-1970 00:00 linuxrc/);
    expect(debugfs("cat /linuxrc")).toMatch(/^#!\/bin\/sh/);
    const sbin = debugfs("ls -l /sbin");
    for (const tool of ["ifconfig", "route", "insmod", "ifenslave"])
      expect(sbin).toMatch(new RegExp(`100755 .* ${tool}\\n`));
    expect(debugfs("cat /sbin/ifenslave")).toMatch(/^#!\/bin\/sh\n# ifenslave \(bondc/);
    expect(debugfs("cat /sbin/ifenslave")).not.toMatch(/refuse/);
    // /bin/true (as ifconfig) is dynamically linked: its loader and libc came with it.
    expect(debugfs("ls -l /lib/x86_64-linux-gnu")).toMatch(/libc\.so\.6/);
    expect(debugfs("stat /lib64/ld-linux-x86-64.so.2")).toMatch(
      /Fast link dest: "\/lib\/x86_64-linux-gnu\/ld-linux-x86-64\.so\.2"/,
    );
    const bin = debugfs("ls -l /bin");
    for (const link of ["sh", "mount", "sleep"]) expect(bin).toMatch(new RegExp(`120777 .* ${link}\\n`));
    expect(debugfs(`ls -l /lib/modules/${RELEASE}/kernel/drivers/net/bonding`)).toMatch(/bonding\.ko/);
  });

  it("has /dev/console and /dev/null as device nodes owned by root", async () => {
    const dev = debugfs("ls -l /dev");
    expect(dev).toMatch(/20600 \(3\)\s+0\s+0\s+0\s+1-Jan-1970 00:00 console/);
    expect(dev).toMatch(/20666 \(3\)\s+0\s+0\s+0\s+1-Jan-1970 00:00 null/);
    expect(debugfs("stat /dev/console")).toMatch(/Device major\/minor number: 05:01/);
  });
});

describe("bondc build for a kernel with its drivers built in", () => {
  it("ships no modules with --built-in (the script loads bonding, which the kernel has built in)", async () => {
    const out = join(f.dir, "built-in");
    const r = await bondcAsync([
      "build",
      linuxrcExample,
      "-o",
      out,
      "--kernel",
      f.kernel,
      "--built-in",
      "--busybox",
      HOST_BUSYBOX,
      "--tools",
      tools,
    ]);
    expect(r.stderr).not.toMatch(stackTrace);
    expect(r.status).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8")) as Manifest;
    expect(manifest.entries.filter((e) => e.path.startsWith("/lib/modules"))).toEqual([]);
    rmSync(out, { recursive: true });
  });
});

describe("bondc build, bad inputs", () => {
  /** Runs a build expected to fail: exit 2, one line naming the problem, and no output folder. */
  async function fails(args: readonly string[], message: RegExp, file = initramfsExample) {
    const out = join(f.dir, `fail-${Math.random().toString(36).slice(2)}`);
    const r = await bondcAsync(["build", file, "-o", out, ...args]);
    expect(r.stderr).not.toMatch(stackTrace);
    expect(r.stderr).toMatch(message);
    expect(r.status).toBe(2);
    expect(existsSync(out)).toBe(false);
  }
  const inputs = () => ["--kernel", f.kernel, "--modules", f.modules, "--busybox", HOST_BUSYBOX];

  it("a module the script loads that the modules folder lacks", async () => {
    const g = makeFixture();
    rmSync(join(g.modules, "kernel/drivers/net/bonding/bonding.ko"));
    await fails(
      ["--kernel", g.kernel, "--modules", g.modules, "--busybox", HOST_BUSYBOX],
      /--modules: module bonding \(loaded at .*initramfs-active-backup\.bond:11:1\) is neither in .* nor built into the kernel/,
    );
    rmSync(g.dir, { recursive: true, force: true });
  });

  it("a module built for another kernel", async () => {
    const g = makeFixture();
    writeFileSync(
      join(g.modules, "kernel/drivers/net/bonding/bonding.ko"),
      fakeModule("bonding", ["tls"], "6.12.0-other"),
    );
    await fails(
      ["--kernel", g.kernel, "--modules", g.modules, "--busybox", HOST_BUSYBOX],
      /--modules: module bonding .* was built for kernel 6\.12\.0-other, not 6\.1\.0-bondc-test/,
    );
    rmSync(g.dir, { recursive: true, force: true });
  });

  it("a busybox without an applet the target or toolset runs", async () => {
    const fake = join(f.dir, "busybox-without-switch_root");
    writeFileSync(
      fake,
      "#!/bin/sh\nprintf 'bin/sh\\nbin/mount\\nbin/mkdir\\nbin/sleep\\nsbin/ifconfig\\nsbin/route\\nsbin/modprobe\\n'\n",
    );
    chmodSync(fake, 0o755);
    await fails(
      ["--kernel", f.kernel, "--modules", f.modules, "--busybox", fake],
      /--busybox: .*busybox-without-switch_root has no `switch_root` applet \(busybox --list\), which the initramfs target with tools busybox runs/,
    );
  });

  it("missing input files, each named with its flag", async () => {
    await fails([...inputs(), "--kernel", join(f.dir, "no-such-bzImage")], /--kernel: .*no-such-bzImage: no such file/);
    await fails(
      [...inputs(), "--modules", join(f.dir, "no-such-modules")],
      /--modules: .*no-such-modules: no such folder/,
    );
    await fails(
      [...inputs(), "--busybox", join(f.dir, "no-such-busybox")],
      /--busybox: .*no-such-busybox: no such file/,
    );
    await fails(
      [...inputs(), "--tools", join(f.dir, "no-such-tools")],
      /--tools .*no-such-tools: no such folder/,
      linuxrcExample,
    );
    await fails([...inputs(), "--kernel", HOST_BUSYBOX], /--kernel: .* is not a bzImage/);
    await fails(inputs(), /cannot read .*no-such\.bond: no such file/, join(f.dir, "no-such.bond"));
    const r = await bondcAsync(["build", initramfsExample, ...inputs()]);
    expect([r.status, r.stderr]).toEqual([
      2,
      "bondc: build needs -o DIR, the folder to write the image, kernel and manifest to\n",
    ]);
  });

  it("a linuxrc node without --kernel and no legacy kernel built: the error names the script that builds it", async () => {
    // Only the legacy kernel runs /linuxrc, so it is the default; an empty cache has none.
    const r = await bondcAsync(["build", linuxrcExample, "-o", join(f.dir, "no-legacy"), "--busybox", HOST_BUSYBOX], {
      env: { BONDC_CACHE_DIR: join(f.dir, "empty-cache") },
    });
    expect(r.status).toBe(2);
    // (Or, on a machine without Debian's kernel source, that it is missing.)
    expect(r.stderr).toMatch(
      /(no legacy kernel at .*empty-cache\/legacy-kernel\/[0-9a-f]{16}\/bzImage|linux-source-6\.1 is not installed): build the legacy kernel/,
    );
    expect(r.stderr).toContain("scripts/legacy-kernel/build.sh");
    expect(existsSync(join(f.dir, "no-legacy"))).toBe(false);
  });

  it("modules needed without a modules folder", async () => {
    await fails(
      ["--kernel", f.kernel, "--busybox", HOST_BUSYBOX],
      /--modules: bonding is needed \(loaded at .*\) but no modules folder was given/,
    );
  });

  it("--built-in with --modules or --module", async () => {
    await fails(
      ["--kernel", f.kernel, "--built-in", "--module", "unused"],
      /--built-in says the kernel needs no modules/,
    );
  });

  it("an output folder that cannot be written, leaving nothing behind", async () => {
    const file = join(f.dir, "a-file");
    writeFileSync(file, "");
    const r = await bondcAsync(["build", initramfsExample, "-o", join(file, "out"), ...inputs()]);
    expect(r.stderr).toMatch(/^bondc: cannot create .*a-file\/out: a part of the path is a file, not a folder\n$/);
    expect(r.status).toBe(2);
    expect(readdirSync(f.dir).filter((n) => n.includes(".bondc-"))).toEqual([]);
  });

  it("a bad SOURCE_DATE_EPOCH", async () => {
    const r = await bondcAsync(["build", initramfsExample, "-o", join(f.dir, "x"), ...inputs()], {
      env: { SOURCE_DATE_EPOCH: "yesterday" },
    });
    expect([r.status, r.stderr]).toEqual([
      2,
      'bondc: SOURCE_DATE_EPOCH must be seconds since 1970 (a whole number), not "yesterday"\n',
    ]);
  });
});
