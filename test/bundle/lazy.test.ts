import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commands } from "../../src/cli/commands.js";
import { bondc, cliPath, ensureBuilt } from "../support/bondc.js";

/*
 * The shipped bin is one CommonJS file holding only the entry, the command list and --help; each
 * command is a bundle of its own beside it, loaded (by the code cache's loader, which the entry
 * initialises only then) when that command runs. What `--version` and `--help` run must contain
 * neither the parser (chevrotain) nor the language server, nor load crypto and vm.
 */

let dir: string;
/** A script preloaded into bondc that prints, at exit, which of Node's own crypto and vm modules it loaded. */
let recorder: string;

/** The Node modules named `crypto` or `vm` that `bondc ARGS` loaded. */
function builtinsLoaded(args: readonly string[]): string[] {
  const r = spawnSync(process.execPath, ["--require", recorder, cliPath, ...args], { encoding: "utf8" });
  const last = r.stderr.trim().split("\n").at(-1)!;
  return JSON.parse(last) as string[];
}

beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), "bondc-lazy-"));
  recorder = join(dir, "record.cjs");
  writeFileSync(
    recorder,
    'process.on("exit", () => process.stderr.write(JSON.stringify(process.moduleLoadList.filter((m) => /^NativeModule (crypto|vm)$/.test(m))) + "\\n"));\n',
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the bundled bin", () => {
  it("holds no compiler and no language server", () => {
    const entry = readFileSync(cliPath, "utf8");
    expect(entry).not.toMatch(/\brequire\("\.\.?\//);
    expect(entry).not.toContain("performSelfAnalysis");
    expect(entry).not.toContain("createConnection");
  });

  it("loads crypto and vm for a command, not for --version or --help", () => {
    expect(builtinsLoaded(["--version"])).toEqual([]);
    expect(builtinsLoaded(["--help"])).toEqual([]);
    expect(builtinsLoaded(["explain", "BOND0108"]).sort()).toEqual(["NativeModule crypto", "NativeModule vm"]);
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
