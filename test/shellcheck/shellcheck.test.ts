import { afterEach, describe, expect, it } from "vitest";
import { compile } from "../../src/api/compile.js";
import { runShellcheck } from "../../src/shellcheck/run.js";
import { examples } from "../support/repo.js";

/*
 * Every generated script passes `shellcheck -s sh` with no findings at all (style included),
 * checked through the npm wrapper exactly as `bondc lint` runs it.
 */
describe("shellcheck -s sh on every compiled example", () => {
  it.each(examples().map((e) => [e.name, e] as const))("%s: no findings", async (_, e) => {
    const { script } = compile(e.text, e.path);
    expect(script).toBeDefined();
    expect(await runShellcheck(script!)).toEqual([]);
  });
});

describe("runShellcheck", () => {
  const saved = process.env["SHELLCHECKJS_BIN"];
  afterEach(() => {
    if (saved === undefined) delete process.env["SHELLCHECKJS_BIN"];
    else process.env["SHELLCHECKJS_BIN"] = saved;
  });

  it("reports real findings with their codes, levels and positions (so a clean result means something)", async () => {
    const findings = await runShellcheck('#!/bin/sh\nname=x\necho $1\n[[ -n "$name" ]] && echo yes\n');
    expect(findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 2086, level: "info", line: 3, column: 6 }),
        expect.objectContaining({ code: 3010, level: "warning", line: 4, column: 1 }),
      ]),
    );
  });

  it("lints as POSIX sh even when the shebang says bash", async () => {
    const findings = await runShellcheck('#!/bin/bash\nx=(a b)\necho "${x[0]}"\n');
    expect(findings.map((f) => f.code)).toContain(3030);
  });

  it("rejects with the wrapper's complaint, instead of hanging or downloading, when the binary it is given is unusable", async () => {
    process.env["SHELLCHECKJS_BIN"] = "/nonexistent/shellcheck";
    await expect(runShellcheck("#!/bin/sh\n")).rejects.toThrow(/SHELLCHECKJS_BIN.*\/nonexistent\/shellcheck/);
  });
});
