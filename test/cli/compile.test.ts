import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { bondcAsync, ensureBuilt, stackTrace } from "../support/bondc.js";
import { examples } from "../support/repo.js";
import { brokenBond, workspace } from "./workspace.js";

beforeAll(ensureBuilt);
const ws = workspace();
const example = examples().find((e) => e.name === "active-backup")!;
const golden = () => readFileSync(join(import.meta.dirname, "..", "golden", "active-backup.sh"), "utf8");

describe("bondc compile", () => {
  it("prints the script on stdout and nothing on stderr for a clean file", async () => {
    const r = await bondcAsync(["compile", example.path]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(golden());
    expect(r.stderr).toBe("");
  });

  it("-o OUT writes the script as an executable file and prints nothing", async () => {
    const out = join(ws.dir, "linuxrc");
    const r = await bondcAsync(["compile", example.path, "-o", out]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe("");
    expect(readFileSync(out, "utf8")).toBe(golden());
    expect(statSync(out).mode & 0o777).toBe(0o755);
  });

  it("-o replaces an existing file whole", async () => {
    const out = ws.file("existing-rc", "old content\n".repeat(10_000));
    expect((await bondcAsync(["compile", example.path, "-o", out])).status).toBe(0);
    expect(readFileSync(out, "utf8")).toBe(golden());
  });

  it("--stats reports process counts on stderr and keeps stdout the script alone", async () => {
    const r = await bondcAsync(["compile", example.path, "--stats"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(golden());
    expect(r.stderr).toMatch(/^.*active-backup\.bond: \d+ processes, \d+ for discovery\n$/);
  });

  describe("a file with errors", () => {
    const bad = ws.file("broken.bond", brokenBond);

    it("exits 1 with each diagnostic on stderr naming file:line:col, and nothing on stdout", async () => {
      const r = await bondcAsync(["compile", bad]);
      expect(r.status).toBe(1);
      expect(r.stdout).toBe("");
      expect(r.stderr).toContain(`error[BOND0001]: expected a value (a name, address, number or string), found \`load\`\n --> ${bad}:2:9`);
      expect(r.stderr).toContain(` --> ${bad}:4:`);
      expect(r.stderr).toMatch(/was not compiled: 2 errors\n$/);
      expect(r.stderr).not.toMatch(stackTrace);
    });

    it("leaves an existing OUT exactly as it was", async () => {
      const out = ws.file("kept-rc", "#!/bin/sh\necho the old linuxrc\n");
      const before = statSync(out);
      const r = await bondcAsync(["compile", bad, "-o", out]);
      expect(r.status).toBe(1);
      expect(readFileSync(out, "utf8")).toBe("#!/bin/sh\necho the old linuxrc\n");
      expect(statSync(out).mtimeMs).toBe(before.mtimeMs);
    });

    it("does not create OUT", async () => {
      const out = join(ws.dir, "never-created");
      expect((await bondcAsync(["compile", bad, "-o", out])).status).toBe(1);
      expect(existsSync(out)).toBe(false);
    });
  });

  it("-o into a missing directory: exit 2, one line naming OUT and the missing folder, no temporary file anywhere", async () => {
    const out = join(ws.dir, "no", "such", "dir", "linuxrc");
    const before = readdirSync(ws.dir);
    const r = await bondcAsync(["compile", example.path, "-o", out]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(`bondc: cannot write ${out}: the folder ${join(ws.dir, "no", "such", "dir")} does not exist\n`);
    expect(readdirSync(ws.dir)).toEqual(before);
  });

  it("-o onto a directory: exit 2, the directory untouched, no temporary file left beside it", async () => {
    const before = readdirSync(ws.dir);
    const r = await bondcAsync(["compile", example.path, "-o", ws.dir]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toBe(`bondc: cannot write ${ws.dir}: it is a directory\n`);
    expect(readdirSync(ws.dir)).toEqual(before);
  });

  it.each([
    [["compile"], /compile takes exactly one FILE/],
    [["compile", "a.bond", "b.bond"], /compile takes exactly one FILE/],
    [["compile", "--bogus", "a.bond"], /Unknown option '--bogus'/],
    [["compile", "a.bond", "-o"], /-o/],
  ])("usage errors exit 2 with one line: %j", async (args, message) => {
    const r = await bondcAsync(args);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/^bondc: [^\n]*\n$/);
  });
});
