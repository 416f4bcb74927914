import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { check } from "../../src/api/check.js";
import { explainCommand } from "../../src/cli/commands/explain.js";
import { catalog, docsLink, docsUrl, lookup, type CatalogEntry } from "../../src/diagnostics/catalog.js";
import { mistakePath, mistakesDir, twinPath, twinsDir } from "../../src/diagnostics/examples.js";
import { docsPath, renderDiagnosticsDoc } from "../../src/tools/gen-docs.js";
import { bondc, ensureBuilt } from "../support/bondc.js";
import { comparable, expectations, hasExpectation } from "../support/expectations.js";
import { examples, repoRoot } from "../support/repo.js";

/*
 * The diagnostic catalog, proven: every code has a realistic .bond file that produces it on the
 * places, with the messages, its `# expect:` comments mark (and nothing else; the syntax is in
 * test/support/expectations.ts), and a fixed twin that checks clean.
 */

/**
 * Codes that no .bond file can produce, so they have neither a failing example nor a twin.
 * BOND0901 is a ShellCheck finding in the generated linuxrc: by definition a compiler bug, never
 * a mistake in the input. It is proven by the lint engineer's unit test of the finding mapping
 * (src/lint/shellcheck-diagnostic.ts), not here.
 */
const noExample = new Set(["BOND0901"]);

function bondFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".bond"))
    .sort();
}

const withExamples = catalog.filter((e) => !noExample.has(e.code));

function srcFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? srcFiles(join(dir, d.name)) : d.name.endsWith(".ts") ? [join(dir, d.name)] : [],
  );
}

describe("each failing example produces its code on exactly the marked places, with the marked messages", () => {
  it.each(withExamples.map((e) => [e.code, e] as const))("%s", (_, entry: CatalogEntry) => {
    const path = mistakePath(entry);
    const text = readFileSync(path, "utf8");
    const result = check(text, path);
    // The .bond file and the inventory CSVs it names, each with its own `# expect` comments.
    const files = [{ path, text }, ...result.inventories.map((i) => ({ path: i.path, text: i.lines.text }))];
    const expected = files.map((f) => expectations(f.text));
    expect(
      expected.flat().some((e) => e.code === entry.code),
      "the file marks its own code",
    ).toBe(true);
    // Every finding is in one of the files, at a marked place, with the marked code and message, and vice versa.
    expect(result.diagnostics.every((d) => files.some((f) => f.path === d.span.file))).toBe(true);
    files.forEach((f, i) => {
      const compared = comparable(
        result.diagnostics
          .filter((d) => d.span.file === f.path)
          .map((d) => ({ ...d, line: d.span.line, column: d.span.column })),
        expected[i]!,
      );
      expect(compared.found, f.path).toEqual(compared.expected);
    });
    expect(result.hasErrors).toBe(
      entry.severity === "error" || expected.flat().some((e) => lookup(e.code)?.severity === "error"),
    );
    // The file says what is wrong before anything else.
    expect(text.startsWith("# ")).toBe(true);
  });

  it("warnings are shown alone: their examples have no errors", () => {
    for (const entry of withExamples.filter((e) => e.severity === "warning")) {
      const path = mistakePath(entry);
      expect(check(readFileSync(path, "utf8"), path).hasErrors, entry.code).toBe(false);
    }
  });
});

describe("each fixed twin checks clean", () => {
  it.each(withExamples.map((e) => [e.code, e] as const))("%s", (_, entry: CatalogEntry) => {
    const path = twinPath(entry);
    const text = readFileSync(path, "utf8");
    const result = check(text, path);
    expect(result.diagnostics.map((d) => `${d.span.line} ${d.code} ${d.message}`)).toEqual([]);
    expect(result.hasErrors).toBe(false);
    expect(hasExpectation(text)).toBe(false);
    for (const inventory of result.inventories) expect(hasExpectation(inventory.lines.text)).toBe(false);
  });
});

describe("the catalog is complete and well formed", () => {
  it("has unique codes and slugs in the BOND0000 and kebab-case forms", () => {
    expect(new Set(catalog.map((e) => e.code)).size).toBe(catalog.length);
    expect(new Set(catalog.map((e) => e.slug)).size).toBe(catalog.length);
    for (const e of catalog) {
      expect(e.code).toMatch(/^BOND\d{4}$/);
      expect(e.slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    }
  });

  it("has one-line summaries and explanations of several sentences", () => {
    for (const e of catalog) {
      expect(e.summary, e.code).not.toMatch(/\n/);
      expect(e.summary.length, e.code).toBeLessThanOrEqual(80);
      const sentences = e.explanation.match(/[.!?]["')]?(\s|$)/g) ?? [];
      expect(sentences.length, e.code).toBeGreaterThanOrEqual(3);
      expect(e.explanation.length, e.code).toBeGreaterThanOrEqual(250);
    }
  });

  it("has a failing example and a twin for every code but the documented exceptions, and no strays", () => {
    expect(bondFiles(mistakesDir)).toEqual(withExamples.map((e) => `${e.code}-${e.slug}.bond`));
    expect(bondFiles(twinsDir)).toEqual(withExamples.map((e) => `${e.code}.bond`));
    for (const code of noExample) expect(lookup(code), code).toBeDefined();
  });

  it("names every code used in src/ and is used by src/ for every code", () => {
    const catalogFile = join(repoRoot, "src", "diagnostics", "catalog.ts");
    const used = new Set<string>();
    for (const file of srcFiles(join(repoRoot, "src")).filter((f) => f !== catalogFile)) {
      for (const m of readFileSync(file, "utf8").matchAll(/BOND\d{4}/g)) used.add(m[0]);
    }
    expect([...used].filter((code) => !lookup(code)).sort()).toEqual([]);
    expect(catalog.map((e) => e.code).filter((code) => !used.has(code))).toEqual([]);
  });
});

describe("bondc explain", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  function explain(code: string): string {
    let out = "";
    vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
      out += String(chunk);
      return true;
    });
    expect(explainCommand.run([code])).toBe(0);
    vi.restoreAllMocks();
    return out;
  }

  it.each(catalog.map((e) => [e.code, e] as const))(
    "%s prints the summary, the explanation and the failing example",
    (_, entry: CatalogEntry) => {
      const out = explain(entry.code);
      expect(out.startsWith(`${entry.code} (${entry.severity}): ${entry.summary}\n`)).toBe(true);
      // Every example line of the explanation is printed as written.
      for (const line of entry.explanation.split("\n").filter((l) => l.startsWith("    ")))
        expect(out).toContain(`${line}\n`);
      if (noExample.has(entry.code)) {
        expect(out).not.toContain("Example that triggers it");
      } else {
        const example = readFileSync(mistakePath(entry), "utf8");
        expect(out).toContain(`Example that triggers it (${relative(repoRoot, mistakePath(entry))}):`);
        for (const line of example
          .trimEnd()
          .split("\n")
          .filter((l) => l !== ""))
          expect(out).toContain(`    ${line}\n`);
      }
    },
  );

  it("works as a real process, in any letter case", () => {
    ensureBuilt();
    const r = bondc(["explain", "bond0303"]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain(
      "BOND0303 (error): an interface is enslaved while it is up, or without being taken down",
    );
    expect(r.stdout).toContain(
      '    enslave eth0, eth1 to bond0 # expect: BOND0303@9 "eth0 is enslaved while it is up", BOND0303@15 "eth1 is enslaved without being taken down"\n',
    );
  });
});

describe("docs/diagnostics.md", () => {
  it("is what src/tools/gen-docs.ts generates from the catalog and the examples (npm run docs)", () => {
    expect(readFileSync(docsPath, "utf8")).toBe(renderDiagnosticsDoc());
  });

  it("is linked under package.json's homepage when one is set, else as the docs/ file's path", () => {
    expect(docsLink("BOND0301", "https://bondc.example/")).toBe("https://bondc.example/docs/diagnostics.md#bond0301");
    expect(docsUrl("BOND0301", "https://bondc.example")).toBe("https://bondc.example/docs/diagnostics.md#bond0301");
    expect(docsLink("BOND0301", undefined)).toBe("docs/diagnostics.md#bond0301");
    expect(docsUrl("BOND0301", undefined)).toBeUndefined();
  });

  it("has the anchor docsLink() points at for every code, with its failing example and twin", () => {
    const doc = readFileSync(docsPath, "utf8");
    for (const e of catalog) {
      expect(doc).toContain(`\n### ${e.code}\n`);
      if (!noExample.has(e.code)) {
        expect(doc).toContain(readFileSync(mistakePath(e), "utf8").trimEnd());
        expect(doc).toContain(readFileSync(twinPath(e), "utf8").trimEnd());
      }
    }
  });
});

describe("the realistic examples", () => {
  it.each(examples().map((e) => [e.name, e] as const))("%s.bond checks clean: no errors, no warnings", (_, example) => {
    const result = check(example.text, example.path);
    expect(result.diagnostics.map((d) => `${d.span.line} ${d.code} ${d.message}`)).toEqual([]);
  });
});
