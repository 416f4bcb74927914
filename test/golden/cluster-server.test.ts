/*
 * The cluster's server script: examples/cluster/server.bond (which imports the cluster's
 * inventory) compiles to exactly test/golden/cluster/server.sh, and that script passes
 * shellcheck -s sh. Regenerate with UPDATE_GOLDEN=1 npx vitest run test/golden, and review the diff.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { compile } from "../../src/api/compile.js";
import { runShellcheck } from "../../src/shellcheck/run.js";
import { repoRoot } from "../support/repo.js";

const golden = join(dirname(fileURLToPath(import.meta.url)), "cluster", "server.sh");
const source = join(repoRoot, "examples", "cluster", "server.bond");

function script(): string {
  const result = compile(readFileSync(source, "utf8"), source);
  expect(result.diagnostics.map((d) => `${d.code} ${d.span.line}:${d.span.column} ${d.message}`)).toEqual([]);
  return result.script!;
}

it("examples/cluster/server.bond compiles to cluster/server.sh byte for byte", () => {
  const text = script();
  if (process.env["UPDATE_GOLDEN"] === "1") writeFileSync(golden, text);
  expect(text).toBe(readFileSync(golden, "utf8"));
  // Every client of the inventory is asked on its address and named in the report.
  expect(text).toContain("ping -c 1 -W 1 10.0.2.15 > /dev/null || bondc_missing_add node2");
  expect(text).toContain("ping -c 1 -W 1 10.0.2.16 > /dev/null || bondc_missing_add node3");
  expect(text).toContain("arping -U -c 3 -I bond0 10.0.2.2");
});

it("the server script passes shellcheck -s sh", async () => {
  expect(await runShellcheck(script())).toEqual([]);
});
