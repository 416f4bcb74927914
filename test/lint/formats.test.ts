import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { catalog, docsLink } from "../../src/diagnostics/catalog.js";
import { escapeData, escapeProperty } from "../../src/report/github.js";
import { bondcAsync, ensureBuilt, type RunResult } from "../support/bondc.js";
import { comparable, expectations } from "../support/expectations.js";
import { homepage } from "../../src/version.js";
import { repoRoot } from "../support/repo.js";
import { sarifProblems } from "./sarif-validator.js";

// Every format over examples/mistakes/, whose files each carry `# expect:` comments naming the
// diagnostics they must produce (place, code and message: test/support/expectations.ts). The json output is the reference the others are held to:
// one SARIF result, one annotation, one gcc line per diagnostic, at the same place.

interface JsonDiagnostic {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  code: string;
  severity: "error" | "warning" | "info";
  message: string;
  related: { file: string; line: number; column: number; endLine: number; endColumn: number; message: string }[];
  notes: string[];
  help: string | null;
  docs: string;
}

const inMistakes = (ext: string) =>
  readdirSync(join(repoRoot, "examples", "mistakes"))
    .filter((f) => f.endsWith(ext))
    .sort()
    .map((f) => `examples/mistakes/${f}`);
const mistakes = inMistakes(".bond");
// The inventory CSVs some mistakes name hold their own `# expect` comments.
const expected = new Map(
  [...mistakes, ...inMistakes(".csv")].map((f) => [f, expectations(readFileSync(join(repoRoot, f), "utf8"))]),
);

const runs = new Map<string, RunResult>();
let json: JsonDiagnostic[] = [];

beforeAll(async () => {
  ensureBuilt();
  const formats = ["json", "sarif", "github", "gcc", "human"];
  const results = await Promise.all(
    formats.map((format) => bondcAsync(["lint", "--format", format, "examples/mistakes"])),
  );
  formats.forEach((format, i) => runs.set(format, results[i]!));
  json = JSON.parse(runs.get("json")!.stdout) as JsonDiagnostic[];
});

const place = (file: string, line: number, column: number, code: string) => `${file}:${line}:${column} ${code}`;
const jsonPlaces = () => json.map((d) => place(d.file, d.line, d.column, d.code)).sort();

describe("lint formats over examples/mistakes", () => {
  it("there are mistakes to lint, each with its expectations", async () => {
    expect(mistakes.length).toBeGreaterThan(0);
    for (const file of mistakes) {
      const marked = [...expected.get(file)!, ...(expected.get(file.replace(/\.bond$/, ".csv")) ?? [])];
      expect(marked.length, `${file} (or its inventory) has # expect: comments`).toBeGreaterThan(0);
    }
  });

  it("every format exits 1 (findings) and writes nothing to stderr", async () => {
    for (const [format, run] of runs) {
      expect(run.stderr, format).toBe("");
      expect(run.status, format).toBe(1);
    }
  });

  it("json: an array of complete diagnostics, and each file reports exactly the diagnostics it expects", async () => {
    expect(Array.isArray(json)).toBe(true);
    const codes = new Set(catalog.map((e) => e.code));
    for (const d of json) {
      expect(Object.keys(d).sort()).toEqual([
        "code",
        "column",
        "docs",
        "endColumn",
        "endLine",
        "file",
        "help",
        "line",
        "message",
        "notes",
        "related",
        "severity",
      ]);
      expect(codes.has(d.code)).toBe(true);
      expect(d.docs).toBe(docsLink(d.code));
      expect(d.severity).toBe(catalog.find((e) => e.code === d.code)!.severity);
      for (const r of d.related) expect(typeof r.message).toBe("string");
    }
    for (const [file, marked] of expected) {
      const compared = comparable(
        json.filter((d) => d.file === file),
        marked,
      );
      expect(compared.found, file).toEqual(compared.expected);
    }
  });

  it("sarif: a structurally valid SARIF 2.1.0 log with exactly one result per diagnostic", async () => {
    const log = JSON.parse(runs.get("sarif")!.stdout);
    expect(sarifProblems(log)).toEqual([]);
    const results = log.runs[0].results as {
      ruleId: string;
      level: string;
      locations: {
        physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } };
      }[];
      relatedLocations?: unknown[];
    }[];
    expect(results).toHaveLength(json.length);
    const places = results.map((r) => {
      const p = r.locations[0]!.physicalLocation;
      return place(p.artifactLocation.uri, p.region.startLine, p.region.startColumn, r.ruleId);
    });
    expect(places.sort()).toEqual(jsonPlaces());
    const level = { error: "error", warning: "warning", info: "note" };
    expect(results.map((r) => r.level)).toEqual(json.map((d) => level[d.severity]));
    expect(results.map((r) => r.relatedLocations?.length ?? 0)).toEqual(json.map((d) => d.related.length));
    expect(log.runs[0].tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(catalog.map((e) => e.code));
    // No link to a site that does not exist: besides the schema, URLs only under package.json's homepage.
    const urls = runs.get("sarif")!.stdout.match(/https?:\/\/[^\s"\\)]+/g) ?? [];
    expect(urls.filter((u) => u !== log.$schema && (homepage === undefined || !u.startsWith(homepage)))).toEqual([]);
  });

  it("github: one escaped workflow command per diagnostic, carrying its message, notes and help", async () => {
    const lines = runs
      .get("github")!
      .stdout.split("\n")
      .filter((l) => l !== "");
    expect(lines).toHaveLength(json.length);
    const command = { error: "error", warning: "warning", info: "notice" };
    const unescape = (s: string) =>
      s.replace(/%0A/g, "\n").replace(/%0D/g, "\r").replace(/%3A/g, ":").replace(/%2C/g, ",").replace(/%25/g, "%");
    lines.forEach((l, i) => {
      const d = json[i]!;
      const m =
        /^::(error|warning|notice) file=([^,:]*),line=(\d+),col=(\d+),endLine=(\d+),endColumn=(\d+),title=(BOND\d{4})::(.*)$/.exec(
          l,
        );
      expect(m, l).not.toBeNull();
      const [, cmd, file, line, col, endLine, endColumn, title, data] = m!;
      expect([cmd, unescape(file!), Number(line), Number(col), Number(endLine), Number(endColumn), title]).toEqual([
        command[d.severity],
        d.file,
        d.line,
        d.column,
        d.endLine,
        d.endColumn,
        d.code,
      ]);
      expect(unescape(data!)).toBe(
        [d.message, ...d.notes.map((n) => `note: ${n}`), ...(d.help ? [`help: ${d.help}`] : [])].join("\n"),
      );
    });
    expect(
      json.some((d) => d.notes.length > 0 || d.help),
      "some message spans several lines, so %0A is exercised",
    ).toBe(true);
  });

  it("gcc: `file:line:col: severity: message [CODE]` per diagnostic, related locations as notes", async () => {
    const lines = runs
      .get("gcc")!
      .stdout.split("\n")
      .filter((l) => l !== "");
    const primary = lines.filter((l) => / \[BOND\d{4}\]$/.test(l));
    expect(primary).toEqual(
      json.map(
        (d) =>
          `${d.file}:${d.line}:${d.column}: ${d.severity === "info" ? "note" : d.severity}: ${d.message} [${d.code}]`,
      ),
    );
    expect(lines.length - primary.length).toBe(json.reduce((n, d) => n + d.related.length, 0));
  });

  it("human: rustc-style blocks and a summary that counts what json reports", async () => {
    const out = runs.get("human")!.stdout;
    const errors = json.filter((d) => d.severity === "error").length;
    const warnings = json.filter((d) => d.severity === "warning").length;
    expect(out.match(/^(error|warning|info)\[BOND\d{4}\]: /gm)).toHaveLength(json.length);
    expect(out).not.toContain("\x1b[");
    expect(out.trimEnd().split("\n").at(-1)).toBe(
      `${mistakes.length} files linted: ${errors} errors, ${warnings} warning${warnings === 1 ? "" : "s"}`,
    );
  });
});

describe("workflow command escaping", () => {
  it("escapes % first, then CR and LF in data; properties also escape : and ,", async () => {
    expect(escapeData("100%\r\nnext")).toBe("100%25%0D%0Anext");
    expect(escapeData("a:b,c")).toBe("a:b,c");
    expect(escapeProperty("dir,x/a:b%.bond")).toBe("dir%2Cx/a%3Ab%25.bond");
    expect(escapeProperty("%3A")).toBe("%253A");
  });
});
