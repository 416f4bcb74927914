import fc from "fast-check";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compile, type CompileResult } from "../../src/api/compile.js";
import { shSyntaxError } from "../support/dash.js";
import { diagnosticProblems } from "../support/diagnostic-invariants.js";
import { repoRoot } from "../support/repo.js";
import { anyText, mutatedExample, tokenSoup } from "./inputs.js";

/*
 * compile() on any text: it returns (never throws), every diagnostic is in the catalog with a
 * span inside the file it names, and a script, when there is one, is valid sh for dash.
 */
const beside = join(repoRoot, "examples", "prop.bond");

function holds(text: string, path: string): CompileResult {
  let result: CompileResult | undefined;
  expect(() => {
    result = compile(text, path);
  }).not.toThrow();
  expect(diagnosticProblems(result!)).toEqual([]);
  if (result!.script !== undefined) {
    expect(result!.hasErrors).toBe(false);
    expect(shSyntaxError(result!.script)).toBeUndefined();
  } else {
    // No script: the file has errors, or it is a library, which boots nothing of its own.
    expect(result!.hasErrors || result!.program.library).toBe(true);
  }
  return result!;
}

describe("compile() on arbitrary input", () => {
  it("arbitrary strings", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        holds(text, beside);
      }),
      { numRuns: 400 },
    );
  });

  it("soups of the language's tokens", () => {
    fc.assert(
      fc.property(tokenSoup, (text) => {
        holds(text, beside);
      }),
      { numRuns: 600 },
    );
  });

  it("examples after random edits (line and character deletions, insertions, duplications, swaps)", () => {
    let scripts = 0;
    fc.assert(
      fc.property(mutatedExample, (m) => {
        if (holds(m.text, m.path).script !== undefined) scripts++;
      }),
      { numRuns: 400 },
    );
    // The edits must leave enough programs valid for the dash check to have been exercised.
    expect(scripts).toBeGreaterThan(20);
  });

  it("an input of 100,000 lines compiles without throwing", () => {
    const lines = [
      'target linuxrc { kernel "2.6.32"  tools net-tools  boot eth0 }',
      "iface eth0, eth1",
      "load bonding mode=active-backup miimon=100",
    ];
    for (let i = 0; lines.length < 99_998; i++) {
      const step = [
        `# step ${i}`,
        `let a${i} = 10.0.${i % 256}.1`,
        `up bond0 { address a${i - 1}  netmask /24 }`,
        "down eth1",
        "enslave eth1 to bond0",
        "let = $ }",
      ];
      lines.push(step[i % step.length]!);
    }
    lines.push("mount proc", "handoff nfs");
    expect(lines).toHaveLength(100_000);
    const result = holds(lines.join("\n"), join(repoRoot, "examples", "huge.bond"));
    expect(result.diagnostics.length).toBeGreaterThan(0);
    expect(result.source.ast.items.length).toBeGreaterThan(60_000);
  });
});
