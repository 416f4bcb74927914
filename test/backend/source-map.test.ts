import { basename } from "node:path";
import { describe, expect, it } from "vitest";
import { compile } from "../../src/api/compile.js";
import { originOf } from "../../src/backend/source-map.js";
import { registry } from "../../src/registry/registry.js";
import { examples } from "../support/repo.js";

/*
 * The script's source map agrees with what the script says of itself: every step's citation
 * comment and progress echo name the .bond line the map gives for them, library steps also carry
 * the library line, and the prelude belongs to no step but to the statement that asked for it.
 */

const all = examples();

describe("the source map of every example's script", () => {
  it.each(all.map((e) => [e.name, e] as const))("%s", (_, e) => {
    const result = compile(e.text, e.path);
    const [script] = result.artifacts;
    expect(script?.path).toBe(registry.targets.get(result.program.target.name)!.entryPath);
    expect(script?.mode).toBe(0o755);
    const lines = script!.content.split("\n");
    // One origin per line of text (the final newline ends the last line, it does not start one).
    expect(script!.sourceMap.lines).toHaveLength(lines.length - 1);
    const name = basename(e.path);
    const cited = new RegExp(`^(?:# |echo 'bondc: )${name.replace(".", "\\.")}:(\\d+)[: (]`);
    let steps = 0;
    lines.forEach((text, i) => {
      const m = cited.exec(text.trim());
      if (!m) return;
      steps++;
      const origin = originOf(script!.sourceMap, i + 1)!;
      expect(origin.action, `line ${i + 1}: ${text}`).toBeDefined();
      expect(origin.span.file).toBe(e.path);
      expect(origin.span.line, `line ${i + 1}: ${text}`).toBe(Number(m[1]));
      if (text.includes("(from ")) expect(origin.via?.file).not.toBe(e.path);
    });
    expect(steps).toBeGreaterThanOrEqual(result.program.actions.length);
    const firstStep = script!.sourceMap.lines.findIndex((o) => o.action !== undefined);
    const prelude = script!.sourceMap.lines.slice(0, firstStep);
    expect(prelude.length).toBeGreaterThan(0);
    const owner = result.program.policy.span ?? result.program.target.span;
    // The prelude belongs to the statement that asked for it, except the fallback's repeat of the
    // handoff, which belongs to the handoff.
    const handoff = result.program.actions.findIndex((a) => a.kind === "handoff");
    for (const origin of prelude) {
      if (origin.action === undefined) expect(origin.span).toEqual(owner);
      else expect(origin.action).toBe(handoff);
    }
    expect(prelude.some((o) => o.action === undefined)).toBe(true);
  });
});
