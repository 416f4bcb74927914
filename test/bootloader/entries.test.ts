/*
 * Golden boot-loader entries: each example with an NFS handoff gives exactly the files under
 * test/bootloader/golden/<example>/. Regenerate on purpose with
 *
 *     UPDATE_GOLDEN=1 npx vitest run test/bootloader
 *
 * and review the diff like any other code change.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { compile } from "../../src/api/compile.js";
import { bootEntries, bootNode, BootEntryError } from "../../src/bootloader/index.js";
import { examples } from "../support/repo.js";

const goldenDir = join(dirname(fileURLToPath(import.meta.url)), "golden");
const update = process.env["UPDATE_GOLDEN"] === "1";
const withNfsRoot = examples().filter((e) => /handoff nfs\s*\{[^}]*server/.test(e.text));

function entriesOf(name: string, path: string, text: string) {
  const result = compile(text, path);
  expect(result.hasErrors).toBe(false);
  return bootEntries([
    bootNode(result.program, {
      name,
      kernel: "vmlinuz",
      initrd: `${name}.img`,
      mac: "52:54:00:12:34:56",
      append: ["console=ttyS0"],
    }),
  ]);
}

const filesUnder = (dir: string, prefix = ""): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? filesUnder(join(dir, d.name), `${prefix}${d.name}/`) : [`${prefix}${d.name}`],
  );

describe("golden boot entries", () => {
  it("cover both targets", () => {
    const targets = new Set(withNfsRoot.map((e) => /target (\w+)/.exec(e.text)?.[1]));
    expect([...targets].sort()).toEqual(["initramfs", "linuxrc"]);
  });

  it.each(withNfsRoot.map((e) => [e.name, e] as const))("%s", (name, e) => {
    const files = entriesOf(name, e.path, e.text);
    const dir = join(goldenDir, name);
    if (update) {
      rmSync(dir, { recursive: true, force: true });
      for (const f of files) {
        mkdirSync(dirname(join(dir, f.path)), { recursive: true });
        writeFileSync(join(dir, f.path), f.content);
      }
    }
    expect(existsSync(dir), `${dir} is missing: run UPDATE_GOLDEN=1 npx vitest run test/bootloader`).toBe(true);
    expect(files.map((f) => f.path)).toEqual(filesUnder(dir).sort());
    for (const f of files) expect(f.content, f.path).toBe(readFileSync(join(dir, f.path), "utf8"));
  });
});

describe("what the program does not give, a flag must", () => {
  it("refuses a node without a literal MAC, naming --mac", () => {
    const e = withNfsRoot.find((x) => x.name === "active-backup")!;
    const result = compile(e.text, e.path);
    expect(() => bootNode(result.program, { name: "n", kernel: "k", initrd: "i" })).toThrow(/--mac/);
  });

  it("refuses a handoff without a literal server and path", () => {
    const e = examples().find((x) => x.name === "seed-quickstart")!;
    const result = compile(e.text, e.path);
    expect(() => bootNode(result.program, { name: "n", kernel: "k", initrd: "i" })).toThrow(BootEntryError);
  });
});

describe("values that would break a format are refused, naming the format and the rule", () => {
  const plain = { kernel: "vmlinuz", initrd: "node.img", cmdline: ["console=ttyS0"] };
  const node = (bonded: Partial<typeof plain>) => ({
    name: "n",
    mac: "52:54:00:12:34:56",
    bonded: { ...plain, ...bonded },
    unbonded: { kernel: "vmlinuz", cmdline: ["root=/dev/nfs"] },
  });
  it.each([
    ["a space in a token", { cmdline: ["console=ttyS0 quiet"] }, /rule "no whitespace" of kernel command-line tokens/],
    ["a double quote in a token", { cmdline: ['a="b"'] }, /no double quote/],
    ["a space in a file name", { kernel: "vm linuz" }, /a PXELINUX entry: .*no whitespace/],
    ["a comma in an initrd name", { initrd: "a.img,b.img" }, /a PXELINUX entry: .*no comma/],
    ["a long file name", { kernel: "k".repeat(128) }, /a PXELINUX entry: .*length/],
    ["an iPXE expansion", { cmdline: ["x=${y}"] }, /an iPXE script: .*no \$/],
    ["an iPXE operator", { cmdline: ["a&&b"] }, /an iPXE script: .*no & or \|/],
    ["a GRUB metacharacter", { cmdline: ["a;b"] }, /a GRUB configuration: .*no metacharacters/],
    ["a GRUB quote", { cmdline: ["it's"] }, /a GRUB configuration: .*no quotes or backslash/],
  ])("%s", (_, bonded, message) => {
    expect(() => bootEntries([node(bonded)])).toThrow(message);
  });

  it("refuses two nodes that would write the same file", () => {
    const a = node({});
    expect(() => bootEntries([a, { ...a, name: "other", bonded: { ...a.bonded, kernel: "other" } }])).toThrow(
      /share a MAC/,
    );
  });
});
