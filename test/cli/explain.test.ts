import { beforeAll, describe, expect, it } from "vitest";
import { lookup } from "../../src/diagnostics/catalog.js";
import { bondcAsync, ensureBuilt } from "../support/bondc.js";

beforeAll(ensureBuilt);

describe("bondc explain", () => {
  it("BOND0301 prints the code, its summary and the long explanation, exit 0", async () => {
    const r = await bondcAsync(["explain", "BOND0301"]);
    const entry = lookup("BOND0301")!;
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout.startsWith(`BOND0301 (${entry.severity}): ${entry.summary}\n\n`)).toBe(true);
    // The explanation is reflowed into paragraphs; its words all arrive, in order.
    const words = (s: string) => s.split(/\s+/).filter(Boolean).join(" ");
    expect(words(r.stdout)).toContain(words(entry.explanation));
  });

  it("codes are case-insensitive", async () => {
    const r = await bondcAsync(["explain", "bond0301"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^BOND0301 /);
  });

  it("an unknown code exits 2 with a suggestion of the nearest real one", async () => {
    const r = await bondcAsync(["explain", "BOND0310X"]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^bondc: BOND0310X is not a bondc diagnostic code \(did you mean BOND\d{4}\?\)\n$/);
  });

  it("NOPE exits 2 with one line that says how to find a code", async () => {
    const r = await bondcAsync(["explain", "NOPE"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^bondc: NOPE is not a bondc diagnostic code[^\n]*\n$/);
    expect(r.stderr).toMatch(/\(codes look like BOND0301[^)]*\)/);
  });

  it("without a code: exit 2 with an example", async () => {
    const r = await bondcAsync(["explain"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/bondc explain BOND0301/);
  });
});
