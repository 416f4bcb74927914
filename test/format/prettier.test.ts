import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as prettier from "prettier";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatBond } from "../../src/format/format.js";
import plugin from "../../src/prettier/plugin.js";
import { ensureBuilt } from "../support/bondc.js";
import { examples, repoRoot } from "../support/repo.js";
import { mangle, seeded } from "./support.js";

const fixtures = join(repoRoot, "test", "format", "fixtures");

describe("bondc/prettier through prettier's API", () => {
  it("formats exactly as formatBond does", async () => {
    for (const name of ["comments", "blocks", "procs", "directives", "crlf"]) {
      const input = readFileSync(join(fixtures, `${name}.input.bond`), "utf8");
      const output = await prettier.format(input, { parser: "bond", plugins: [plugin] });
      expect(output, name).toBe(formatBond(input));
      expect(output, name).toBe(readFileSync(join(fixtures, `${name}.output.bond`), "utf8"));
    }
  });

  it("infers the parser from the .bond extension", async () => {
    const example = examples()[0]!;
    const mangled = mangle(example.text, seeded(7));
    expect(await prettier.format(mangled, { filepath: example.path, plugins: [plugin] })).toBe(example.text);
    expect(await prettier.check(example.text, { filepath: example.path, plugins: [plugin] })).toBe(true);
    expect(await prettier.check(mangled, { filepath: example.path, plugins: [plugin] })).toBe(false);
  });

  it("keeps every comment", async () => {
    const text = "# own line\nmount proc # trailing\nup bond0 { # open\n  address 10.0.2.15\n}\n# last\n";
    const out = await prettier.format(text, { parser: "bond", plugins: [plugin] });
    for (const c of ["# own line", "# trailing", "# open", "# last"]) expect(out).toContain(c);
  });

  it("honours endOfLine", async () => {
    const out = await prettier.format("mount proc\nhandoff nfs\n", {
      parser: "bond",
      plugins: [plugin],
      endOfLine: "crlf",
    });
    expect(out).toBe("mount proc\r\nhandoff nfs\r\n");
  });

  it("rejects a syntax error with file:line:col and the bondc message", async () => {
    const attempt = prettier.format("mount proc\nup bond0 {\n  address\n", {
      filepath: "node.bond",
      plugins: [plugin],
    });
    await expect(attempt).rejects.toThrow(/node\.bond:3:10: error\[BOND0001\]: expected a value/);
    await expect(attempt).rejects.toMatchObject({ loc: { start: { line: 3, column: 10 } } });
  });
});

describe("bondc/prettier through the prettier CLI", () => {
  const prettierBin = join(repoRoot, "node_modules", "prettier", "bin", "prettier.cjs");
  const run = (args: string[]) =>
    spawnSync(process.execPath, [prettierBin, ...args], { cwd: repoRoot, encoding: "utf8" });
  let dir: string;

  beforeAll(() => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), "bondc-prettier-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("finds the committed examples and stdlib formatted, through .prettierrc and .prettierignore", () => {
    // .prettierignore keeps out examples/mistakes/ and the fixtures' messy inputs.
    const r = run(["--check", "examples/**/*.bond", "stdlib/*.bond", "test/format/fixtures/*.bond"]);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("All matched files use Prettier code style!");
    expect(r.status).toBe(0);
  });

  it("flags and rewrites a mangled file", () => {
    const example = examples()[1]!;
    const file = join(dir, "mangled.bond");
    writeFileSync(file, mangle(example.text, seeded(11)));
    const config = ["--config", join(repoRoot, ".prettierrc")];
    const check = run([...config, "--check", file]);
    expect(check.status).toBe(1);
    expect(check.stderr).toContain("mangled.bond");
    const write = run([...config, "--write", file]);
    expect(write.status).toBe(0);
    expect(readFileSync(file, "utf8")).toBe(example.text);
  });

  it("reports a syntax error with its position and no stack trace", () => {
    const file = join(dir, "broken.bond");
    writeFileSync(file, "iface eth0\nlet ip = $ip\n");
    const r = run(["--config", join(repoRoot, ".prettierrc"), "--check", file]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/broken\.bond:2:10: error\[BOND0002\]: unexpected character `\$`/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
