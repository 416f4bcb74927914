import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compile, compileSteps } from "../../src/api/compile.js";
import type { SourceMap } from "../../src/backend/source-map.js";
import { largeProgram, programShapes } from "../../src/bench/large-program.js";
import { userSpan } from "../../src/ir/ir.js";
import { examples, repoRoot } from "../support/repo.js";

/*
 * An editor's hover shows the steps one line of a .bond file becomes, generated alone
 * (compileSteps) rather than as part of the whole script: every line's steps must read exactly
 * as the whole script writes them, whatever came before them in it.
 */

const serverPath = join(repoRoot, "examples", "cluster", "server.bond");

const documents = [
  ...examples(),
  // The server's announcement, written after the last step, belongs to its last enslave.
  { name: "cluster/server", path: serverPath, text: readFileSync(serverPath, "utf8") },
  ...programShapes.map((shape) => ({
    name: `generated ${shape}`,
    path: join(repoRoot, "examples", `generated-${shape}.bond`),
    text: largeProgram(shape, 300),
  })),
];

/**
 * The script's lines that belong to the given actions, in order. Blank lines are left out: the
 * printer writes one between steps only where the script has none already, which depends on
 * what came before.
 */
function linesOf(content: string, map: SourceMap, actions: ReadonlySet<number>): string[] {
  return content.split("\n").filter((text, i) => {
    const action = map.lines[i]?.action;
    return text !== "" && action !== undefined && actions.has(action);
  });
}

describe("the steps of one line, generated alone", () => {
  it.each(documents.map((d) => [d.name, d] as const))("%s: read as in the whole script", (_, d) => {
    const result = compile(d.text, d.path);
    const [script] = result.artifacts;
    expect(script).toBeDefined();
    const byLine = new Map<number, Set<number>>();
    result.program.actions.forEach((a, i) => {
      const at = userSpan(a, d.path);
      if (at.file !== d.path) return;
      if (!byLine.has(at.line)) byLine.set(at.line, new Set());
      byLine.get(at.line)!.add(i);
    });
    expect(byLine.size).toBeGreaterThan(0);
    for (const actions of byLine.values()) {
      const steps = compileSteps(result, actions)!;
      const alone = linesOf(steps.content, steps.sourceMap, actions);
      expect(alone.length).toBeGreaterThan(0);
      expect(alone).toEqual(linesOf(script!.content, script!.sourceMap, actions));
    }
  });

  it("are not generated for a file with errors", () => {
    const result = compile("up bond0 { address 10.0.0.1 }\nload bonding\n", join(repoRoot, "examples", "x.bond"));
    expect(result.hasErrors).toBe(true);
    expect(compileSteps(result, new Set([0]))).toBeUndefined();
  });
});
