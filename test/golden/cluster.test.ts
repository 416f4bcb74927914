/*
 * The cluster's scripts: examples/cluster/server.bond and client.bond (both import the cluster's
 * inventory) compile to exactly test/golden/cluster/server.sh and client.sh, and both pass
 * shellcheck -s sh. Regenerate with UPDATE_GOLDEN=1 npx vitest run test/golden, and review the diff.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { compile } from "../../src/api/compile.js";
import { runShellcheck } from "../../src/shellcheck/run.js";
import { repoRoot } from "../support/repo.js";

function script(name: string): string {
  const source = join(repoRoot, "examples", "cluster", `${name}.bond`);
  const result = compile(readFileSync(source, "utf8"), source);
  expect(result.diagnostics.map((d) => `${d.code} ${d.span.line}:${d.span.column} ${d.message}`)).toEqual([]);
  return result.script!;
}

/** What each script must hold beside its golden: the inventory's rows where the program uses them. */
const expected: Record<string, readonly string[]> = {
  // Every client of the inventory is asked on its address and named in the report.
  server: [
    "ping -c 1 -W 1 10.0.2.15 > /dev/null || bondc_missing_add node2",
    "ping -c 1 -W 1 10.0.2.16 > /dev/null || bondc_missing_add node3",
    "arping -U -c 3 -I bond0 10.0.2.2",
  ],
  // Every client's row is in the one image, found by the name on the kernel command line.
  client: [
    "read -r bondc_cmdline < /proc/cmdline || :",
    "'node2') ip=10.0.2.15 ;;",
    "'node3') ip=10.0.2.16 ;;",
    'ifconfig bond0 "${ip}" hw ether "${mac}" netmask 255.255.255.0 up',
  ],
};

describe.each(Object.keys(expected))("examples/cluster/%s.bond", (name) => {
  it(`compiles to cluster/${name}.sh byte for byte`, () => {
    const golden = join(dirname(fileURLToPath(import.meta.url)), "cluster", `${name}.sh`);
    const text = script(name);
    if (process.env["UPDATE_GOLDEN"] === "1") writeFileSync(golden, text);
    expect(text).toBe(readFileSync(golden, "utf8"));
    for (const line of expected[name]!) expect(text).toContain(line);
  });

  it("passes shellcheck -s sh", async () => {
    expect(await runShellcheck(script(name))).toEqual([]);
  });
});
