import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compile } from "../../src/api/compile.js";
import { defaultConfig } from "../../src/config/config.js";
import { lintFiles } from "../../src/lint/lint.js";
import { shellcheckDiagnostics } from "../../src/lint/shellcheck-diagnostic.js";
import { runShellcheck } from "../../src/shellcheck/run.js";
import { repoRoot } from "../support/repo.js";

/*
 * BOND0901 is for compiler bugs only. Data that looks like shell (a path with `$(x)`) is quoted so
 * that ShellCheck is quiet about it, and when a finding does happen in the script's prelude of a
 * file without a target block, it points at a statement, never at 1:1 (issue 16).
 */

const file = join(repoRoot, "examples", "shell-looking.bond");
const shellLooking = [
  "# a node whose export has shell-looking text in it",
  "iface eth0, eth1",
  "let ip = discover eth0.inet",
  "load bonding mode=active-backup miimon=100",
  "up bond0 { address ip  netmask 255.255.255.0 }",
  "down eth0, eth1",
  "enslave eth0, eth1 to bond0",
  "mount proc",
  // No `$`: iPXE and GRUB would expand it in the boot entries (BOND0216); the shell's other
  // specials stay, and the script must carry them as data.
  'handoff nfs { server 10.0.2.2  path "/srv/(x)`id`~*" }',
  "",
].join("\n");

describe("no false BOND0901", () => {
  it("a path holding shell-looking text lints clean, and is written as data", async () => {
    const result = await lintFiles([{ path: file, text: shellLooking }], { config: defaultConfig });
    expect(result.diagnostics.map((d) => `${d.span.line}:${d.span.column} ${d.code} ${d.message}`)).toEqual([]);
    expect(result.files[0]!.script).toContain('echo "/srv/(x)\\`id\\`~*" > /proc/sys/kernel/nfs-root-name');
  });

  it("a prelude finding in a file without a target block maps to its first statement, not 1:1", async () => {
    const compiled = compile(shellLooking, file);
    const lines = compiled.script!.split("\n");
    const index = lines.findIndex((l) => l.includes('echo "bondc: boot stopped: ${1}'));
    expect(index).toBeLessThan(lines.findIndex((l) => l.startsWith("# shell-looking.bond:")));
    lines[index] = lines[index]!.replace(
      '"bondc: boot stopped: ${1}. Fix the node and reboot."',
      "bondc: boot stopped: ${1}",
    );
    const broken = lines.join("\n");
    const artifact = { ...compiled.artifacts[0]!, content: broken };
    const diagnostics = shellcheckDiagnostics(
      { ...compiled, artifacts: [artifact], script: broken },
      await runShellcheck(broken),
    );
    expect(diagnostics.map((d) => d.span.line)).toEqual([3]);
  });

  it("the examples and the fixed twins lint clean", async () => {
    const dirs = [join(repoRoot, "examples"), join(repoRoot, "examples", "fixed")];
    const inputs = dirs
      .flatMap((d) =>
        readdirSync(d)
          .filter((f) => f.endsWith(".bond"))
          .map((f) => join(d, f)),
      )
      .map((path) => ({ path, text: readFileSync(path, "utf8") }));
    const result = await lintFiles(inputs, { config: defaultConfig });
    expect(result.diagnostics.map((d) => `${d.span.file}:${d.span.line} ${d.code}`)).toEqual([]);
  });
});
