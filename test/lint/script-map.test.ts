import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compile } from "../../src/api/compile.js";
import { scriptLineMap } from "../../src/lint/script-map.js";
import { shellcheckDiagnostics } from "../../src/lint/shellcheck-diagnostic.js";
import { runShellcheck } from "../../src/shellcheck/run.js";
import { repoRoot } from "../support/repo.js";

// A compiled example, then deliberately broken by hand so the real ShellCheck has something to
// find on a known script line: the only way to prove the mapping without a compiler bug.
const file = join(repoRoot, "examples", "active-backup.bond");
const compiled = compile(readFileSync(file, "utf8"), file);
const script = compiled.script!;
const TARGET_LINE = 3; // target linuxrc { ... }
const DISCOVER_MAC_LINE = 8; // let mac = discover boot.hwaddr
const UP_BOND_LINE = 14; // up bond0 {
const HANDOFF_LINE = 26; // handoff nfs { ... }

/** `script` with the first line containing `needle` replaced by `edit(line)`; and that line's number. */
function breakScript(needle: string, edit: (line: string) => string): { script: string; line: number } {
  const lines = script.split("\n");
  const index = lines.findIndex((l) => l.includes(needle));
  expect(index, `the compiled script has a line containing ${needle}`).toBeGreaterThanOrEqual(0);
  lines[index] = edit(lines[index]!);
  return { script: lines.join("\n"), line: index + 1 };
}

/** Runs the real ShellCheck and returns its findings' codes and lines, and the BOND0901s they map to. */
async function lintBroken(broken: string) {
  const findings = await runShellcheck(broken);
  const diagnostics = shellcheckDiagnostics({ ...compiled, script: broken }, findings);
  return { findings: findings.map((f) => [f.code, f.line]), diagnostics };
}

describe("script line → .bond line", () => {
  it("the compiled example is clean, so every finding below is the one planted", async () => {
    expect(await runShellcheck(script)).toEqual([]);
  });

  it("an unquoted expansion in a step's command maps to the statement that produced the step", async () => {
    const broken = breakScript('ifconfig bond0 "${ip}"', (l) => l.replace('"${ip}"', "${ip}"));
    const { findings, diagnostics } = await lintBroken(broken.script);
    expect(findings).toEqual([[2086, broken.line]]);
    expect(diagnostics).toHaveLength(1);
    const d = diagnostics[0]!;
    expect(d.code).toBe("BOND0901");
    expect(d.severity).toBe("error");
    expect(d.message).toContain("SC2086");
    expect([d.span.file, d.span.line, d.span.column, d.span.endLine]).toEqual([file, UP_BOND_LINE, 1, UP_BOND_LINE]);
    expect(d.notes[0]).toBe(`linuxrc line ${broken.line}: ${broken.script.split("\n")[broken.line - 1]!.trim()}`);
  });

  it("a finding inside a multi-line step (discovery's case block) maps to that step's statement", async () => {
    const broken = breakScript('mac="${mac%%[!0-9A-Fa-f:]*}"', (l) => `${l}\necho $mac`);
    const { findings, diagnostics } = await lintBroken(broken.script);
    expect(findings).toEqual([[2086, broken.line + 1]]);
    expect(diagnostics.map((d) => d.span.line)).toEqual([DISCOVER_MAC_LINE]);
  });

  it("a finding in the prelude (the failure functions) maps to the target statement", async () => {
    const broken = breakScript('echo "bondc: boot stopped: ${1}', (l) => l.replace('"bondc: boot stopped: ${1}. Fix the node and reboot."', "bondc: boot stopped: ${1}"));
    const { findings, diagnostics } = await lintBroken(broken.script);
    expect(findings).toEqual([[2086, broken.line]]);
    expect(broken.line).toBeLessThan(script.split("\n").findIndex((l) => l.startsWith("# active-backup.bond:")) + 1);
    expect(diagnostics.map((d) => d.span.line)).toEqual([TARGET_LINE]);
  });

  it("lines after the last step belong to it, and out-of-range lines are clamped", () => {
    const map = scriptLineMap(script, "active-backup.bond", TARGET_LINE);
    const lines = script.split("\n");
    expect(map(lines.length)).toBe(HANDOFF_LINE);
    expect(map(lines.length + 10)).toBe(HANDOFF_LINE);
    expect(map(1)).toBe(TARGET_LINE);
    expect(map(0)).toBe(TARGET_LINE);
  });

  it("only citations of this file count: other comments and other names do not move the mapping", () => {
    const text = ["#!/bin/sh", "# other.bond:40: up bond0 {", "# note: not a citation", "# x.bond:7: load bonding", "insmod bonding", "# x.bond:nine: junk", "echo done"].join("\n");
    const map = scriptLineMap(text, "x.bond", 1);
    expect([1, 2, 3, 4, 5, 6, 7].map(map)).toEqual([1, 1, 1, 7, 7, 7, 7]);
  });
});
