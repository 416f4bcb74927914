import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { bondc, ensureBuilt } from "../support/bondc.js";
import { examples } from "../support/repo.js";
import { mangle, seeded } from "./support.js";

describe("bondc fmt", () => {
  let dir: string;
  beforeAll(() => ensureBuilt());
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "bondc-fmt-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const [first, second] = examples();
  const write = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it("--check passes on the committed examples and stdlib", () => {
    const r = bondc([
      "fmt",
      "--check",
      ...examples().map((e) => e.path),
      "stdlib/bonding.bond",
      "stdlib/profiles.bond",
    ]);
    expect(r).toEqual({ status: 0, stdout: "", stderr: "" });
  });

  it("--check lists the files that are not formatted, exits 1 and writes nothing", () => {
    const clean = write("clean.bond", first!.text);
    const messy = write("messy.bond", mangle(second!.text, seeded(3)));
    const before = readFileSync(messy, "utf8");
    const r = bondc(["fmt", "--check", clean, messy]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe(`would reformat ${messy}\n`);
    expect(readFileSync(messy, "utf8")).toBe(before);
  });

  it("rewrites changed files in place, keeping their mode, and names them", () => {
    const clean = write("clean.bond", first!.text);
    const messy = write("messy.bond", mangle(second!.text, seeded(5)));
    chmodSync(messy, 0o600);
    const r = bondc(["fmt", clean, messy]);
    expect(r).toEqual({ status: 0, stdout: `formatted ${messy}\n`, stderr: "" });
    expect(readFileSync(messy, "utf8")).toBe(second!.text);
    expect(statSync(messy).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir).sort()).toEqual(["clean.bond", "messy.bond"]);
    // Already formatted now: silent, and --check agrees.
    expect(bondc(["fmt", clean, messy])).toEqual({ status: 0, stdout: "", stderr: "" });
    expect(bondc(["fmt", "--check", clean, messy]).status).toBe(0);
  });

  it("leaves a file with syntax errors untouched and reports them like check, exit 1", () => {
    const broken = write("broken.bond", "iface eth0,  eth1\nup bond0 {\n  address 10.0.2.15\n");
    const messy = write("messy.bond", mangle(first!.text, seeded(9)));
    const r = bondc(["fmt", broken, messy]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("error[BOND0001]: expected '}'");
    expect(r.stderr).toContain(`--> ${broken}:3:20`);
    expect(r.stderr).toContain(`${broken}: 1 error; not formatted`);
    expect(readFileSync(broken, "utf8")).toBe("iface eth0,  eth1\nup bond0 {\n  address 10.0.2.15\n");
    // The other file is still formatted.
    expect(r.stdout).toBe(`formatted ${messy}\n`);
    expect(readFileSync(messy, "utf8")).toBe(first!.text);
    expect(bondc(["fmt", "--check", broken]).status).toBe(1);
  });

  it("exits 2 on a missing file before rewriting any", () => {
    const messy = write("messy.bond", mangle(first!.text, seeded(13)));
    const before = readFileSync(messy, "utf8");
    const r = bondc(["fmt", messy, join(dir, "absent.bond")]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`bondc: cannot read ${join(dir, "absent.bond")}: no such file\n`);
    expect(readFileSync(messy, "utf8")).toBe(before);
  });

  it("exits 2 without files", () => {
    const r = bondc(["fmt", "--check"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("bondc: fmt takes at least one FILE\n");
  });
});
