// `bondc build` writes the node's boot-loader entries beside its image, naming the files it wrote,
// and refuses a value no boot loader can hold before it writes anything.
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bondc, ensureBuilt, stackTrace } from "../support/bondc.js";
import { repoRoot } from "../support/repo.js";
import { buildArgs, makeFixture, type Fixture } from "../image/fixtures.js";

const example = join(repoRoot, "examples/initramfs-active-backup.bond");
let f: Fixture;

beforeAll(() => {
  ensureBuilt();
  f = makeFixture();
});
afterAll(() => rmSync(f.dir, { recursive: true, force: true }));

const build = (out: string, extra: readonly string[] = []) => bondc(buildArgs(f, example, out, extra));

const entryFiles = [
  "52-54-00-12-34-56.bpb",
  "52-54-00-12-34-56.ipxe",
  "boot.ipxe",
  "grub.cfg-01-52-54-00-12-34-56",
  "grub.cfg-52-54-00-12-34-56",
  "pxelinux.cfg/01-52-54-00-12-34-56",
  "pxelinux.cfg/0A00020F",
];

describe("bondc build and boot-loader entries", () => {
  it("writes every format's entries for the boot NIC, naming the image and kernel it wrote, the same bytes twice", () => {
    const [a, b] = [join(f.dir, "a"), join(f.dir, "b")];
    const args = ["--mac", "52:54:00:12:34:56", "--append", "console=ttyS0"];
    const r = build(a, args);
    expect(r.stderr).not.toMatch(stackTrace);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain("bondc: wrote boot-loader entries 52-54-00-12-34-56.bpb,");
    expect(build(b, args).status).toBe(0);
    for (const name of entryFiles) {
      expect(existsSync(join(a, name)), name).toBe(true);
      expect(readFileSync(join(a, name), "utf8"), name).toBe(readFileSync(join(b, name), "utf8"));
    }
    expect(readFileSync(join(a, "pxelinux.cfg/01-52-54-00-12-34-56"), "utf8")).toContain(
      "  KERNEL vmlinuz\n  INITRD initramfs.cpio.gz\n  APPEND console=ttyS0\n",
    );
  });

  it("without a literal MAC and without --mac, builds the image and says why there are no entries", () => {
    const out = join(f.dir, "no-mac");
    const r = build(out, []);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/bondc: no boot-loader entries: .*give it with --mac\n/);
    expect(readdirSync(out).sort()).toEqual(["initramfs.cpio.gz", "manifest.json", "vmlinuz"]);
  });

  it.each([
    [
      "--append",
      ["--mac", "52:54:00:12:34:56", "--append", "console=ttyS0 quiet"],
      /^bondc: --append: "console=ttyS0 quiet" cannot be written into a kernel command line: it contains a space/,
    ],
    [
      "--append",
      ["--mac", "52:54:00:12:34:56", "--append", "x=${y}"],
      /^bondc: --append: "x=\$\{y\}" cannot be written into an iPXE script/,
    ],
    ["--mac", ["--mac", "52-54-00-12-34-56"], /^bondc: --mac: "52-54-00-12-34-56" is not a MAC/],
  ])("refuses a bad %s in one line, before writing anything", (_, args, message) => {
    const out = join(f.dir, `bad-${String(args.length)}-${args.at(-1)!.length}`);
    const r = build(out, args);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.status).toBe(2);
    expect(existsSync(out)).toBe(false);
  });
});
