import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { commands } from "../../src/cli/commands.js";
import { bondc, cliPath, ensureBuilt } from "../support/bondc.js";

/*
 * The shipped bin is an esbuild ES module that holds only the entry, the command list and --help;
 * each command is a CommonJS bundle of its own beside it, loaded (by the code cache's loader, a
 * chunk of the entry's) when that command runs. What
 * `--version` and `--help` run must not contain the parser (chevrotain) or the language server.
 */

describe("the bundled bin", () => {
  beforeAll(() => ensureBuilt());

  it("is one file with no static import of its own, so --version and --help never load the parser", () => {
    const entry = readFileSync(cliPath, "utf8");
    expect(entry).not.toMatch(/\bfrom\s*"\.\.?\//);
    // What it loads when a command runs is the code cache's loader, not a compiler.
    const lazy = [...entry.matchAll(/\bimport\("(\.\/[^"]+)"\)/g)].map((m) => m[1]!);
    expect(lazy).toEqual([expect.stringMatching(/^\.\/code-cache-[\w-]+\.js$/)]);
    for (const text of [entry, readFileSync(join(dirname(cliPath), lazy[0]!), "utf8")]) {
      expect(text).not.toContain("performSelfAnalysis");
      expect(text).not.toContain("createConnection");
    }
  });

  it("has a bundle of its own for every command, holding what that command needs", () => {
    const bundle = (name: string) => readFileSync(join(dirname(cliPath), `${name}.cjs`), "utf8");
    for (const c of commands) expect(bundle(c.name), c.name).toMatch(/module\.exports = __toCommonJS/);
    expect(bundle("compile")).toContain("performSelfAnalysis");
    expect(bundle("compile")).not.toContain("createConnection");
    expect(bundle("lsp")).toContain("createConnection");
  });

  it("finds package.json and stdlib/ from inside dist/bin/", () => {
    const version = (
      JSON.parse(readFileSync(join(dirname(cliPath), "../../package.json"), "utf8")) as { version: string }
    ).version;
    expect(bondc(["--version"]).stdout).toBe(`bondc ${version}\n`);
    const r = bondc(["check", "examples/lacp-stdlib.bond"]);
    expect(r.stderr).toBe("examples/lacp-stdlib.bond: ok\n");
    expect(r.status).toBe(0);
  });
});
