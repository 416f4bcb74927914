import { execFile, execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { cliPath, ensureBuilt } from "../support/bondc.js";
import { examples, mistakes, repoRoot } from "./support.js";

/*
 * The server from a real editor's client: Neovim's built-in LSP client, headless, driven by
 * neovim/init.lua, which opens every file, waits for the published diagnostics and writes what
 * Neovim shows as JSON.
 */

interface NeovimReport {
  readonly version: { major: number; minor: number; patch: number };
  readonly errors: string[];
  readonly files: Record<string, { line: number; code: string; severity: number }[]>;
  readonly capabilities?: Record<string, unknown>;
  readonly completion?: string[];
}

const mistakeFiles = mistakes();
const goodFiles = examples();
let report: NeovimReport;

beforeAll(async () => {
  ensureBuilt();
  const out = join(mkdtempSync(join(tmpdir(), "bondc-nvim-")), "report.json");
  // The good examples go last: completion is asked at the end of the last file.
  const files = [...mistakeFiles.map((m) => m.path), ...goodFiles.map((e) => e.path)];
  // Asynchronously: a worker blocked for the whole Neovim run starves vitest's RPC on a busy machine.
  await promisify(execFile)(
    "nvim",
    ["--headless", "--clean", "-u", join(repoRoot, "test", "lsp", "neovim", "init.lua")],
    {
      cwd: repoRoot,
      env: { ...process.env, BONDC_SERVER: cliPath, BONDC_FILES: files.join("\n"), BONDC_OUT: out },
      encoding: "utf8",
      timeout: 300_000,
    },
  );
  report = JSON.parse(readFileSync(out, "utf8")) as NeovimReport;
}, 300_000);

describe(`Neovim (${execFileSync("nvim", ["--version"], { encoding: "utf8" }).split("\n")[0]}) as the client`, () => {
  it("ran without client errors", () => {
    expect(report.errors).toEqual([]);
  });

  it("saw the capabilities the server advertises", () => {
    expect(Object.keys(report.capabilities ?? {})).toEqual(
      expect.arrayContaining([
        "completionProvider",
        "hoverProvider",
        "definitionProvider",
        "referencesProvider",
        "renameProvider",
        "documentFormattingProvider",
        "codeActionProvider",
        "documentSymbolProvider",
        "semanticTokensProvider",
        "foldingRangeProvider",
      ]),
    );
  });

  it.each(mistakeFiles.map((m) => [m.name, m] as const))("shows %s's expected codes on their lines", (_, m) => {
    const shown = (report.files[m.path] ?? []).map((d) => `${d.code}@${d.line}`);
    for (const e of m.expected) expect(shown).toContain(`${e.code}@${e.line}`);
  });

  it.each(goodFiles.map((e) => [e.name, e] as const))("shows no diagnostics for %s", (_, e) => {
    expect(report.files[e.path]).toEqual([]);
  });

  it("completes statements at the end of a file", () => {
    expect(report.completion).toEqual(expect.arrayContaining(["let", "up", "enslave", "handoff"]));
  });
});
