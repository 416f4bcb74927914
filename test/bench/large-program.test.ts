import { describe, expect, it } from "vitest";
import { compile } from "../../src/api/compile.js";
import { largeProgram, programShapes } from "../../src/bench/large-program.js";

// The throughput bench is only meaningful if its programs go through the whole pipeline.
describe.each(programShapes)("a generated %s program", (shape) => {
  const text = largeProgram(shape, 400);

  it("has at least the lines asked for, and not many more", () => {
    const lines = text.split("\n").length - 1;
    expect(lines).toBeGreaterThanOrEqual(400);
    expect(lines).toBeLessThan(420);
  });

  it("compiles with no diagnostics at all, to a script that bonds every pair", () => {
    const result = compile(text, `/bench/${shape}.bond`);
    expect(result.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([]);
    const bonds = Number(/max_bonds=(\d+)/.exec(text)![1]);
    expect(result.program.bonds.size).toBe(bonds);
    expect(result.script).toContain(`bond${bonds - 1}`);
  });
});
