import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { repoRoot } from "../support/repo.js";

// `npm run lint:layers` runs dependency-cruiser with .dependency-cruiser.cjs over the real src/.
// Here the same command runs over small synthetic trees laid out like src/, so the test proves the
// rules bite (and stay quiet on a clean tree) whatever state src/ itself is in.

/** A synthetic tree: file path → the files it imports (`type:` marks a type-only import). */
type Tree = Record<string, readonly string[]>;

/** Every level of the layering, each importing the one below, and clients importing each other. */
const clean: Tree = {
  "src/version.ts": [],
  "src/sh/print.ts": [],
  "src/diagnostics/catalog.ts": ["src/version.ts", "src/sh/print.ts"],
  "src/syntax/parse.ts": ["src/diagnostics/catalog.ts"],
  "src/semantic/types.ts": ["type:src/syntax/parse.ts"],
  "src/ir/ir.ts": ["src/semantic/types.ts"],
  "src/analysis/state.ts": ["type:src/ir/ir.ts"],
  "src/checks/run.ts": ["src/analysis/state.ts"],
  "src/toolsets/net-tools/toolset.ts": ["src/analysis/state.ts"],
  "src/targets/linuxrc/target.ts": ["src/toolsets/net-tools/toolset.ts"],
  "src/backend/generate.ts": ["src/targets/linuxrc/target.ts"],
  "src/registry/registry.ts": ["src/backend/generate.ts"],
  "src/api/compile.ts": ["src/registry/registry.ts", "src/checks/run.ts"],
  "src/image/cpio.ts": ["src/api/compile.ts"],
  "src/config/config.ts": ["src/registry/registry.ts"],
  "src/report/human.ts": ["src/diagnostics/catalog.ts"],
  "src/lint/lint.ts": ["src/api/compile.ts", "src/config/config.ts", "src/report/human.ts"],
  "src/format/format.ts": ["src/syntax/parse.ts"],
  "src/prettier/plugin.ts": ["src/format/format.ts"],
  "src/shellcheck/run.ts": ["src/api/compile.ts"],
  "src/lsp/server.ts": ["src/lint/lint.ts", "src/format/format.ts"],
  "src/boot/harness.ts": ["src/image/cpio.ts"],
  "src/bench/main.ts": ["src/lsp/server.ts"],
  "src/tools/gen-docs.ts": ["src/diagnostics/catalog.ts"],
  "src/cli/main.ts": ["src/lsp/server.ts", "src/lint/lint.ts", "src/boot/harness.ts", "src/shellcheck/run.ts"],
  "src/index.ts": ["src/api/compile.ts", "src/prettier/plugin.ts"],
};

/**
 * The clean tree with one upward import (syntax → api), one type-only cycle inside analysis/, two
 * clients whose folders import each other although no module of theirs is in a cycle, a downward
 * import the design forbids (backend → checks), and a folder that belongs to no level.
 */
const planted: Tree = {
  ...clean,
  "src/syntax/shortcut.ts": ["src/api/compile.ts"],
  "src/lint/open-documents.ts": ["src/lsp/server.ts"],
  "src/backend/generate.ts": ["src/targets/linuxrc/target.ts", "src/checks/run.ts"],
  "src/stray/helper.ts": ["src/version.ts"],
  "src/analysis/state.ts": ["type:src/ir/ir.ts", "type:src/analysis/history.ts"],
  "src/analysis/history.ts": ["type:src/analysis/state.ts"],
};

const roots: string[] = [];
afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

/** Writes the tree as TypeScript (ESM `.js` specifiers, as in src/) next to a tsconfig like the repo's. */
function writeTree(tree: Tree): string {
  const root = mkdtempSync(join(tmpdir(), "bondc-layers-"));
  roots.push(root);
  writeFileSync(
    join(root, "tsconfig.json"),
    JSON.stringify({ compilerOptions: { module: "NodeNext", moduleResolution: "NodeNext", strict: true } }),
  );
  for (const [file, imports] of Object.entries(tree)) {
    const lines = imports.map((entry, index) => {
      const typeOnly = entry.startsWith("type:");
      const target = typeOnly ? entry.slice("type:".length) : entry;
      const specifier = relativeSpecifier(file, target).replace(/\.ts$/, ".js");
      return typeOnly ? `import type * as t${index} from "${specifier}";` : `import "${specifier}";`;
    });
    mkdirSync(join(root, dirname(file)), { recursive: true });
    writeFileSync(join(root, file), `${lines.join("\n")}\nexport const name = "${file}";\n`);
  }
  return root;
}

/** `to` as seen from `from`, both repository paths: up to the root, then down (`../../src/ir/ir.ts`). */
function relativeSpecifier(from: string, to: string): string {
  const up = dirname(from)
    .split("/")
    .map(() => "..");
  return [...up, to].join("/");
}

interface Violation {
  readonly rule: string;
  readonly from: string;
  readonly to: string;
}

/** Runs the dependency-cruiser CLI exactly as `npm run lint:layers` does, inside the given tree. */
async function lintLayers(root: string): Promise<Violation[]> {
  const cli = join(repoRoot, "node_modules/dependency-cruiser/bin/dependency-cruise.mjs");
  const args = [cli, "src", "--config", join(repoRoot, ".dependency-cruiser.cjs"), "--output-type", "json"];
  // A tree with violations exits non-zero; the JSON report is on stdout either way.
  const { stdout } = await promisify(execFile)(process.execPath, args, { cwd: root }).catch(
    (error: { stdout?: string }) => ({ stdout: error.stdout ?? "" }),
  );
  const result = JSON.parse(stdout) as {
    summary: { violations: { rule: { name: string }; from: string; to: string }[] };
  };
  return result.summary.violations
    .map(({ rule, from, to }) => ({ rule: rule.name, from, to }))
    .sort((a, b) => `${a.rule} ${a.from}`.localeCompare(`${b.rule} ${b.from}`));
}

describe("layer rules (.dependency-cruiser.cjs)", () => {
  it("pass a tree where every level imports only itself or lower levels and clients import each other", async () => {
    expect(await lintLayers(writeTree(clean))).toEqual([]);
  });

  it("report exactly the planted upward import, cycles, forbidden edge and unlayered folder", async () => {
    expect(await lintLayers(writeTree(planted))).toEqual([
      { rule: "backend-not-to-checks", from: "src/backend/generate.ts", to: "src/checks/run.ts" },
      { rule: "no-circular", from: "src/analysis/history.ts", to: "src/analysis/state.ts" },
      { rule: "no-circular-folders-L11", from: "src/lint", to: "src/lsp" },
      { rule: "no-circular-folders-L11", from: "src/lsp", to: "src/lint" },
      { rule: "no-upward-import-L1", from: "src/syntax/shortcut.ts", to: "src/api/compile.ts" },
      { rule: "not-in-a-layer", from: "src/stray/helper.ts", to: "src/version.ts" },
    ]);
  });
});
