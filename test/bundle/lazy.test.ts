import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { bondc, cliPath, ensureBuilt } from "../support/bondc.js";

/*
 * The shipped bin is an esbuild bundle with code splitting: what `--version` and `--help` run
 * must not load the parser (chevrotain) or any command. These follow the bundle's static imports
 * from the entry, which is exactly what Node loads before main runs.
 */

/** Every file Node loads up front for `bin`: the entry and its static imports, transitively. */
function staticClosure(entry: string): Map<string, string> {
  const seen = new Map<string, string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    const text = readFileSync(file, "utf8");
    seen.set(file, text);
    for (const m of text.matchAll(/^(?:import|export)\s[^;]*?from\s*"(\.\/[^"]+)"/gm))
      visit(join(dirname(file), m[1]!));
    for (const m of text.matchAll(/^import\s*"(\.\/[^"]+)"/gm)) visit(join(dirname(file), m[1]!));
  };
  visit(entry);
  return seen;
}

describe("the bundled bin", () => {
  beforeAll(() => ensureBuilt());

  it("is one entry that imports main lazily, so --version and --help never load the parser", () => {
    const entry = readFileSync(cliPath, "utf8");
    const main = /await import\("(\.\/main-[^"]+\.js)"\)/.exec(entry)?.[1];
    expect(main).toBeDefined();
    const upFront = staticClosure(join(dirname(cliPath), main!));
    for (const [file, text] of upFront) {
      expect(text, file).not.toContain("performSelfAnalysis");
      expect(text, file).not.toContain("createConnection");
    }
    // The commands themselves are dynamic imports of main.
    expect(upFront.get(join(dirname(cliPath), main!))).toMatch(/import\("\.\/compile-[^"]+\.js"\)/);
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
