import { beforeAll, describe, expect, it } from "vitest";
import { bondcAsync, ensureBuilt } from "../support/bondc.js";
import { examples } from "../support/repo.js";
import { exampleText, oneWarning, tempTree } from "./support.js";

const summaryLine = (stdout: string) => stdout.trimEnd().split("\n").at(-1);
const count = examples().length;

beforeAll(() => ensureBuilt());

describe("bondc lint: paths", () => {
  it("examples/*.bond passed literally (no shell expansion) lints every example and exits 0", async () => {
    const r = await bondcAsync(["lint", "examples/*.bond"]);
    expect([r.status, r.stderr]).toEqual([0, ""]);
    expect(summaryLine(r.stdout)).toBe(`${count} files linted: no problems`);
  });

  it("the same files as separate arguments (what a shell would pass) exit 0", async () => {
    const r = await bondcAsync(["lint", ...examples().map((e) => e.path)]);
    expect([r.status, summaryLine(r.stdout)]).toEqual([0, `${count} files linted: no problems`]);
  });

  it("a directory is searched recursively for *.bond, skipping node_modules, dot-directories and other files", async () => {
    const files: Record<string, string> = {
      "notes.txt": "not bond",
      "node_modules/pkg/broken.bond": "up up up",
      ".git/broken.bond": "up up up",
    };
    for (const e of examples()) {
      files[`${e.name}.bond`] = e.text;
      files[`site/rack2/${e.name}.bond`] = e.text;
    }
    const dir = tempTree(files);
    const r = await bondcAsync(["lint", dir]);
    expect([r.status, r.stderr, summaryLine(r.stdout)]).toEqual([0, "", `${count * 2} files linted: no problems`]);
    const deep = await bondcAsync(["lint", "**/*.bond"], { cwd: dir });
    expect([deep.status, summaryLine(deep.stdout)]).toEqual([0, `${count * 2} files linted: no problems`]);
    const one = await bondcAsync(["lint", "site/rack?/seed-*.bond"], { cwd: dir });
    expect([one.status, summaryLine(one.stdout)]).toEqual([0, "2 files linted: no problems"]);
  });

  it("a file named twice, directly and through a glob, is linted once", async () => {
    const r = await bondcAsync(["lint", "examples/active-backup.bond", "./examples/active-*.bond"]);
    expect([r.status, summaryLine(r.stdout)]).toEqual([0, "1 file linted: no problems"]);
  });

  it("a missing path or a glob that matches nothing is a usage error (exit 2), and nothing is linted", async () => {
    const r = await bondcAsync(["lint", "examples/active-backup.bond", "examples/nope.bond", "examples/*.nothing"]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(
      "bondc: examples/nope.bond: no such file or directory, or no match\nbondc: examples/*.nothing: no such file or directory, or no match\n",
    );
  });

  it("bad options are usage errors (exit 2) without a stack trace", async () => {
    for (const args of [
      ["lint"],
      ["lint", "--format", "xml", "examples"],
      ["lint", "--max-warnings=-1", "examples"],
      ["lint", "--max-warnings", "many", "examples"],
      ["lint", "--severity", "fatal", "examples"],
      ["lint", "--frobnicate", "examples"],
    ]) {
      const r = await bondcAsync(args);
      expect(r.status, args.join(" ")).toBe(2);
      expect(r.stderr, args.join(" ")).toMatch(/^bondc: (?!internal error)/);
      expect(r.stderr, args.join(" ")).not.toMatch(/^\s+at /m);
    }
  });
});

describe("bondc lint: warnings, severity and exit codes", () => {
  const dir = tempTree({ "node.bond": oneWarning() });
  const lint = (...args: string[]) => bondcAsync(["lint", ...args, "node.bond"], { cwd: dir });

  it("a warning is a finding: exit 1", async () => {
    const r = await lint();
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("warning[BOND0507]");
    expect(summaryLine(r.stdout)).toBe("1 file linted: 1 warning");
  });

  it("--max-warnings N allows N warnings and fails above", async () => {
    expect((await lint("--max-warnings", "1")).status).toBe(0);
    expect((await lint("--max-warnings", "0")).status).toBe(1);
  });

  it("--severity error hides warnings and does not count them", async () => {
    const r = await lint("--severity", "error", "--format", "json");
    expect([r.status, JSON.parse(r.stdout)]).toEqual([0, []]);
    expect((await lint("--severity", "warning")).status).toBe(1);
  });

  it("--quiet shows errors only and drops the summary", async () => {
    const r = await lint("--quiet");
    expect([r.status, r.stdout]).toEqual([0, ""]);
  });

  it("colour only when asked for, and NO_COLOR wins", async () => {
    expect((await lint()).stdout).not.toContain("\x1b[");
    expect((await bondcAsync(["lint", "node.bond"], { cwd: dir, env: { FORCE_COLOR: "1" } })).stdout).toContain(
      "\x1b[1;33mwarning[BOND0507]",
    );
    expect(
      (await bondcAsync(["lint", "node.bond"], { cwd: dir, env: { FORCE_COLOR: "1", NO_COLOR: "1" } })).stdout,
    ).not.toContain("\x1b[");
  });
});

describe("bondc lint: the shellcheck pass", () => {
  const dir = tempTree({ "node.bond": exampleText("active-backup") });
  const broken = { SHELLCHECKJS_BIN: "/nonexistent/shellcheck" };

  it("when ShellCheck cannot run, lint says so and exits 2 rather than passing unchecked scripts", async () => {
    const r = await bondcAsync(["lint", "node.bond"], { cwd: dir, env: broken });
    expect([r.status, r.stdout]).toEqual([2, ""]);
    expect(r.stderr).toMatch(/^bondc: shellcheck did not run: .*; install shellcheck or pass --no-shellcheck\n$/);
  });

  it("--no-shellcheck skips the pass entirely", async () => {
    const r = await bondcAsync(["lint", "--no-shellcheck", "node.bond"], { cwd: dir, env: broken });
    expect([r.status, summaryLine(r.stdout)]).toEqual([0, "1 file linted: no problems"]);
  });
});

describe("bondc lint --root", () => {
  it("makes SARIF and json paths relative to the given root", async () => {
    const dir = tempTree({ "nodes/node.bond": oneWarning() });
    const fromRoot = await bondcAsync(["lint", "--format", "json", "--root", dir, `${dir}/nodes`], { cwd: "/" });
    expect(JSON.parse(fromRoot.stdout).map((d: { file: string }) => d.file)).toEqual(["nodes/node.bond"]);
    const sarif = JSON.parse((await bondcAsync(["lint", "--format", "sarif", "nodes"], { cwd: dir })).stdout);
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe("nodes/node.bond");
    expect((await bondcAsync(["lint", "--root", `${dir}/missing`, "nodes"], { cwd: dir })).status).toBe(2);
  });
});
