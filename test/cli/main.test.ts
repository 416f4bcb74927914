import { beforeAll, describe, expect, it } from "vitest";
import { version } from "../../src/version.js";
import { ansiEscape, bondcAsync, ensureBuilt, stackTrace } from "../support/bondc.js";
import { brokenBond, workspace } from "./workspace.js";

beforeAll(ensureBuilt);
const ws = workspace();
const bad = ws.file("broken.bond", brokenBond);

describe("bondc", () => {
  it("--help lists every command and the exit statuses, exit 0", async () => {
    const r = await bondcAsync(["--help"]);
    expect(r.status).toBe(0);
    for (const command of ["compile", "check", "explain"])
      expect(r.stdout).toMatch(new RegExp(`^  bondc ${command} `, "m"));
    expect(r.stdout).toContain("Exit status: 0 success, 1 errors in the input, 2 usage or I/O error.");
  });

  it("COMMAND --help prints that command's usage, exit 0", async () => {
    const r = await bondcAsync(["compile", "--help"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Usage: bondc compile FILE/);
  });

  it("no arguments: the help, and exit 2 since nothing was asked", async () => {
    const r = await bondcAsync([]);
    expect(r.status).toBe(2);
    expect(r.stdout).toContain("Usage: bondc COMMAND");
  });

  it("--version prints the version, exit 0", async () => {
    const r = await bondcAsync(["--version"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`bondc ${version}\n`);
  });

  it("an unknown command: exit 2, one line pointing at --help", async () => {
    const r = await bondcAsync(["comple", "x.bond"]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe("bondc: unknown command `comple` (see bondc --help)\n");
  });
});

describe("colour", () => {
  it("none when stderr is not a terminal", async () => {
    const r = await bondcAsync(["compile", bad]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("error[BOND0001]");
    expect(r.stderr).not.toMatch(ansiEscape);
  });

  it("FORCE_COLOR=1 colours the diagnostics", async () => {
    const r = await bondcAsync(["compile", bad], { env: { FORCE_COLOR: "1" } });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("\x1b[1;31merror[BOND0001]\x1b[0m");
  });

  it("NO_COLOR wins over FORCE_COLOR", async () => {
    const r = await bondcAsync(["compile", bad], { env: { FORCE_COLOR: "1", NO_COLOR: "1" } });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("error[BOND0001]");
    expect(r.stderr).not.toMatch(ansiEscape);
  });

  it("the generated script never carries colour, even when forced", async () => {
    const r = await bondcAsync(["compile", `${import.meta.dirname}/../../examples/seed-quickstart.bond`], {
      env: { FORCE_COLOR: "1" },
    });
    expect(r.status).toBe(0);
    expect(r.stdout).not.toMatch(ansiEscape);
  });
});

describe("no stack traces", () => {
  it.each([
    [["compile", bad]],
    [["compile", "/nonexistent/x.bond"]],
    [["compile", bad, "-o", "/proc/version"]],
    [["check", "/"]],
    [["explain", "BOND"]],
    [["explain", ""]],
    [["--bogus"]],
    [["compile", "-o"]],
    [["check", "--", "-"]],
  ])("%j", async (args) => {
    const r = await bondcAsync(args);
    expect([1, 2]).toContain(r.status);
    expect(r.stdout + r.stderr).not.toMatch(stackTrace);
    expect(r.stderr).not.toContain("internal error");
  });
});
