import { beforeAll, describe, expect, it } from "vitest";
import { bondcAsync, ensureBuilt, stackTrace } from "../support/bondc.js";
import { examples } from "../support/repo.js";
import { brokenBond, workspace } from "./workspace.js";

beforeAll(ensureBuilt);
const ws = workspace();
const [good1, good2] = examples().map((e) => e.path) as [string, string];
const bad = ws.file("broken.bond", brokenBond);

describe("bondc check", () => {
  it("exit 0 when every file is clean, one ok line per file", async () => {
    const r = await bondcAsync(["check", good1, good2]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(`${good1}: ok`);
    expect(r.stderr).toContain(`${good2}: ok`);
  });

  it("exit 1 when any file has errors, each file still checked and summarised", async () => {
    const r = await bondcAsync(["check", good1, bad]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${good1}: ok`);
    expect(r.stderr).toContain(`--> ${bad}:2:9`);
    expect(r.stderr).toContain(`${bad}: 2 errors`);
    expect(r.stderr).not.toMatch(stackTrace);
  });

  it("a missing file among others: every other file is still checked, the missing one reported, exit 2 at the end", async () => {
    const missing = `${ws.dir}/missing.bond`;
    const r = await bondcAsync(["check", good1, missing, bad]);
    expect(r.status).toBe(2);
    const lines = r.stderr.split("\n");
    expect(lines[0]).toBe(`${good1}: ok`);
    expect(lines[1]).toBe(`bondc: cannot read ${missing}: no such file`);
    expect(r.stderr).toContain(`--> ${bad}:2:9`);
    expect(r.stderr.endsWith(`${bad}: 2 errors\n`)).toBe(true);
    expect(r.stderr).not.toMatch(stackTrace);
  });

  it("exit 2 without a file", async () => {
    const r = await bondcAsync(["check"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("bondc: check takes at least one FILE\n");
  });
});
