import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { shellcheckScripts } from "../../src/lint/shellcheck-pass.js";
import { bondcAsync, ensureBuilt } from "../support/bondc.js";
import { exampleText, tempTree } from "./support.js";

/*
 * The ShellCheck pass across processes and its verdict cache. ShellCheck is counted through a
 * stand-in binary (SHELLCHECKJS_BIN) that logs each checking run, then runs the real one.
 */

/** A stand-in for /usr/bin/shellcheck that appends a line to `log` per checking run. */
function countingShellcheck(): { bin: string; runs: () => number } {
  const dir = mkdtempSync(join(tmpdir(), "bondc-sc-count-"));
  const log = join(dir, "runs.log");
  writeFileSync(log, "");
  const bin = join(dir, "shellcheck");
  writeFileSync(
    bin,
    `#!/bin/sh\ncase " $* " in *" json1 "*) echo run >> '${log}' ;; esac\nexec /usr/bin/shellcheck "$@"\n`,
  );
  chmodSync(bin, 0o755);
  return { bin, runs: () => readFileSync(log, "utf8").split("\n").filter(Boolean).length };
}

/** Scripts with ShellCheck findings of their own, so equality means something. */
const scripts = [
  "#!/bin/sh\necho $1\n",
  '#!/bin/sh\nfor f in `ls`; do echo "$f"; done\n',
  '#!/bin/sh\nx=1\necho "ok"\n',
  "#!/bin/sh\ncd /tmp\nrm -rf $dir/*\n",
  "#!/bin/sh\necho $1\n",
];

describe("shellcheckScripts", () => {
  let saved: string | undefined;
  let counter: ReturnType<typeof countingShellcheck>;
  beforeEach(() => {
    saved = process.env["SHELLCHECKJS_BIN"];
    counter = countingShellcheck();
    process.env["SHELLCHECKJS_BIN"] = counter.bin;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env["SHELLCHECKJS_BIN"];
    else process.env["SHELLCHECKJS_BIN"] = saved;
  });

  it("gives the same findings, in the same order, with 1 and 2 jobs; 2 jobs split the work in 2 processes", async () => {
    const one = await shellcheckScripts(scripts, { jobs: 1 });
    expect(counter.runs()).toBe(1);
    const two = await shellcheckScripts(scripts, { jobs: 2 });
    expect(counter.runs()).toBe(1 + 2);
    expect(two).toEqual(one);
    expect(one.map((f) => f.map((x) => x.code))).toEqual(
      [[2086], [2045, 2006], [2034], [2164, 2115, 2086], [2086]].map((codes) => expect.arrayContaining(codes)),
    );
    // Identical scripts are checked once and share their findings.
    expect(one[4]).toEqual(one[0]);
  });

  it("does not run ShellCheck again for scripts whose verdicts are cached", async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), "bondc-sc-cache-"));
    const first = await shellcheckScripts(scripts.slice(0, 2), { cacheDir, jobs: 1 });
    expect(counter.runs()).toBe(1);
    const again = await shellcheckScripts(scripts, { cacheDir, jobs: 1 });
    // Only the two scripts not seen before went to ShellCheck, in one run.
    expect(counter.runs()).toBe(2);
    expect(again.slice(0, 2)).toEqual(first);
    // The cached verdicts are exactly what ShellCheck says afresh (one more run, uncached).
    expect(again).toEqual(await shellcheckScripts(scripts, { jobs: 1 }));
    expect(counter.runs()).toBe(3);
    await shellcheckScripts(scripts, { cacheDir });
    expect(counter.runs()).toBe(3);
  });
});

describe("bondc lint: --jobs and the cache", () => {
  const dir = tempTree({
    "a.bond": exampleText("active-backup"),
    "b.bond": exampleText("seed-general"),
    "c.bond": exampleText("lacp-stdlib"),
  });

  it("a second run serves every script from the cache; --no-cache checks them again", async () => {
    ensureBuilt();
    const counter = countingShellcheck();
    const env = { SHELLCHECKJS_BIN: counter.bin, XDG_CACHE_HOME: mkdtempSync(join(tmpdir(), "bondc-xdg-")) };
    const first = await bondcAsync(["lint", "--format", "json", "."], { cwd: dir, env });
    expect(first.status).toBe(0);
    expect(counter.runs()).toBeGreaterThan(0);
    const before = counter.runs();
    const second = await bondcAsync(["lint", "--format", "json", "."], { cwd: dir, env });
    expect([second.status, second.stdout]).toEqual([0, first.stdout]);
    expect(counter.runs()).toBe(before);
    await bondcAsync(["lint", "--no-cache", "--jobs", "1", "."], { cwd: dir, env });
    expect(counter.runs()).toBe(before + 1);
  });

  it("--jobs takes a positive number", async () => {
    const r = await bondcAsync(["lint", "--jobs", "none", "."], { cwd: dir });
    expect([r.status, r.stderr]).toEqual([
      2,
      "bondc: --jobs takes a number of ShellCheck processes (1 or more), not `none`\n",
    ]);
  });
});
