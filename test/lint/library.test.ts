import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { check } from "../../src/api/check.js";
import { compile } from "../../src/api/compile.js";
import { bondcAsync, ensureBuilt } from "../support/bondc.js";
import { repoRoot } from "../support/repo.js";

beforeAll(() => ensureBuilt());

const lib = (name: string) => join(repoRoot, "stdlib", `${name}.bond`);

describe("library files: procedures and imports, no node program", () => {
  it.each(["bonding", "profiles"])("stdlib/%s.bond checks clean and is marked a library", (name) => {
    const path = lib(name);
    const result = check(readFileSync(path, "utf8"), path);
    expect(result.program.library).toBe(true);
    expect(result.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([]);
  });

  it("a library with a syntax error still reports it", () => {
    const codes = check("proc pair(a: interface {\n  down a\n}\n", "lib.bond").diagnostics.map((d) => d.code);
    expect(codes).toContain("BOND0001");
  });

  it("an empty file is a node program that does nothing, and still says it never hands off", () => {
    const result = check("", "empty.bond");
    expect(result.program.library).toBe(false);
    expect(result.diagnostics.map((d) => d.code)).toEqual(["BOND0312"]);
  });

  it("a file with a target block or a top-level statement is a node program, even with procedures", () => {
    const withStatement = "proc noop() {\n  mount proc\n}\niface eth0\n";
    expect(check(withStatement, "node.bond").program.library).toBe(false);
    expect(check(`target linuxrc { kernel "2.4" }\nproc noop() {\n  mount proc\n}\n`, "n.bond").program.library).toBe(
      false,
    );
  });

  it("compiling a library gives no artifacts and no errors", () => {
    const path = lib("profiles");
    const result = compile(readFileSync(path, "utf8"), path);
    expect([result.hasErrors, result.artifacts.length]).toEqual([false, 0]);
  });

  it("bondc lint over stdlib/, the example nodes, the fixed examples and the cluster example is clean", async () => {
    const r = await bondcAsync(["lint", "stdlib/", "examples/*.bond", "examples/fixed/", "examples/cluster/"]);
    expect([r.status, r.stderr]).toEqual([0, ""]);
    expect(r.stdout.trimEnd().split("\n").at(-1)).toMatch(/^\d+ files linted: no problems$/);
  });

  it("bondc compile of a library says what it is and exits 1", async () => {
    const r = await bondcAsync(["compile", "stdlib/profiles.bond"]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(
      "error: stdlib/profiles.bond is a library (procedures, no node program): import it from a node's file\n",
    );
  });
});
