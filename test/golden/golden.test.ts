/*
 * Golden outputs: each examples/*.bond compiles to exactly the bytes in test/golden/<name>.sh.
 *
 * When a change to the compiler changes generated scripts on purpose, regenerate the files with
 *
 *     UPDATE_GOLDEN=1 npx vitest run test/golden
 *
 * and review the diff of test/golden/*.sh like any other code change before committing it.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { compile } from "../../src/api/compile.js";
import { bondcAsync, ensureBuilt } from "../support/bondc.js";
import { examples } from "../support/repo.js";

const goldenDir = dirname(fileURLToPath(import.meta.url));
const update = process.env["UPDATE_GOLDEN"] === "1";
const all = examples();

function compiled(path: string, text: string): string {
  const result = compile(text, path);
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  expect(errors.map((d) => `${d.code} ${d.span.line}:${d.span.column} ${d.message}`)).toEqual([]);
  expect(result.script).toBeDefined();
  return result.script!;
}

describe("golden outputs", () => {
  it("there are examples to compare", async () => {
    expect(all.length).toBeGreaterThan(0);
  });

  it.each(all.map((e) => [e.name, e] as const))("%s.bond compiles to %s.sh byte for byte", async (name, e) => {
    const script = compiled(e.path, e.text);
    const golden = join(goldenDir, `${name}.sh`);
    if (update) writeFileSync(golden, script);
    expect(existsSync(golden), `${golden} is missing: run UPDATE_GOLDEN=1 npx vitest run test/golden`).toBe(true);
    expect(script).toBe(readFileSync(golden, "utf8"));
  });

  it("every golden file belongs to an example (no stale goldens)", async () => {
    const names = new Set(all.map((e) => `${e.name}.sh`));
    const goldens = readdirSh(goldenDir);
    expect(goldens.filter((g) => !names.has(g))).toEqual([]);
  });
});

describe("determinism", () => {
  it.each(all.map((e) => [e.name, e] as const))("%s: compiling twice gives the same bytes", async (_, e) => {
    expect(compiled(e.path, e.text)).toBe(compiled(e.path, e.text));
  });

  it.each(all.map((e) => [e.name, e] as const))(
    "%s: the path it is compiled under does not leak into the script",
    async (_, e) => {
      // Same file, reached by a different path: only the base name may appear in the output.
      expect(compiled(join(tmpdir(), "..", relative("/", e.path)), e.text)).toBe(compiled(e.path, e.text));
    },
  );
});

describe("the CLI from other working directories", () => {
  beforeAll(ensureBuilt);

  it.each(all.map((e) => [e.name, e] as const))(
    "%s: bondc compile from / and from examples/ give the golden bytes",
    async (name, e) => {
      const golden = readFileSync(join(goldenDir, `${name}.sh`), "utf8");
      const fromRoot = await bondcAsync(["compile", e.path], { cwd: "/" });
      const fromExamples = await bondcAsync(["compile", `${name}.bond`], { cwd: dirname(e.path) });
      expect(fromRoot.status).toBe(0);
      expect(fromExamples.status).toBe(0);
      expect(fromRoot.stdout).toBe(golden);
      expect(fromExamples.stdout).toBe(golden);
    },
  );
});

function readdirSh(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.endsWith(".sh"));
}
