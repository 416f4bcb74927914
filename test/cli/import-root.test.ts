import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { check } from "../../src/api/check.js";
import { diskHost, type CompileHost } from "../../src/semantic/sources.js";
import { bondc, ensureBuilt, stackTrace } from "../support/bondc.js";
import { workspace } from "./workspace.js";

/*
 * Imports resolve inside the project root and the standard library only. Anything else is
 * BOND0120, naming the root, and the file is never read: `bondc lint` runs on pull requests.
 */

const ws = workspace();
const library = "proc pair(a: interface, b: interface) {\n  down a, b\n}\n";
mkdirSync(join(ws.dir, "project", "lib"), { recursive: true });
mkdirSync(join(ws.dir, "project", "nodes"), { recursive: true });
mkdirSync(join(ws.dir, "outside"), { recursive: true });
const outsideLib = ws.file("outside/secret.bond", library);
ws.file("project/lib/pair.bond", library);
symlinkSync(outsideLib, join(ws.dir, "project", "link.bond"));
const project = join(ws.dir, "project");

function node(imports: readonly string[]): string {
  return [...imports.map((i) => `import "${i}"`), "iface eth0, eth1", "pair(eth0, eth1)", ""].join("\n");
}

/** The disk host, recording every path it is asked to read. */
function recordingHost(root?: string): CompileHost & { readonly reads: string[] } {
  const reads: string[] = [];
  return { ...diskHost, ...(root ? { root } : {}), reads, readFile: (path) => (reads.push(path), diskHost.readFile(path)) };
}

describe("imports outside the project root", () => {
  it.each([
    ["an absolute path", "/etc/passwd"],
    ["a climb out with ..", "../../../../etc/x"],
    ["a sibling of the root", "../outside/secret.bond"],
    ["a symbolic link out of the project", "./link.bond"],
  ])("%s is BOND0120 on the import, names the root, and is never read", (_, spec) => {
    const host = recordingHost();
    const file = join(project, "node.bond");
    const result = check(node([spec]), file, host);
    const errors = result.diagnostics.filter((d) => d.severity === "error");
    expect(errors.map((d) => `${d.span.line}:${d.span.column} ${d.code}`)).toEqual(["1:8 BOND0120"]);
    expect(errors[0]!.message).toBe(`\`${spec}\` is outside the project root`);
    expect(errors[0]!.notes.join("\n")).toContain(`the project root is ${project}`);
    expect(host.reads).toEqual([]);
  });

  it("std/ imports stay inside the standard library", () => {
    const host = recordingHost();
    const result = check(node(["std/../../../../etc/x"]), join(project, "node.bond"), host);
    const errors = result.diagnostics.filter((d) => d.severity === "error");
    expect(errors.map((d) => `${d.code} ${d.message}`)).toEqual(["BOND0120 `std/../../../../etc/x` is outside the standard library"]);
    expect(host.reads).toEqual([]);
  });

  it("files inside the root are imported, from subdirectories too", () => {
    const result = check(node(["./lib/pair.bond"]), join(project, "node.bond"), recordingHost());
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(result.imports.map((s) => s.path)).toEqual([join(project, "lib", "pair.bond")]);
  });

  it("a wider root lets a file import beside its own directory", () => {
    const file = join(project, "nodes", "node.bond");
    expect(check(node(["../lib/pair.bond"]), file, recordingHost()).diagnostics.map((d) => d.code)).toContain("BOND0120");
    const wide = check(node(["../lib/pair.bond"]), file, recordingHost(project));
    expect(wide.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });
});

describe("the CLI's project root", () => {
  ensureBuilt();
  const nested = join(project, "nodes");
  const nodeFile = join(nested, "n1.bond");
  writeFileSync(nodeFile, node(["../lib/pair.bond"]));

  it("is the file's directory by default", () => {
    const r = bondc(["check", nodeFile]);
    expect(r.status).toBe(1);
    expect(r.stdout + r.stderr).toContain(`the project root is ${nested}`);
    expect(r.stdout + r.stderr).not.toMatch(stackTrace);
  });

  it("is --root DIR when given, for check, compile and lint", () => {
    for (const command of [["check"], ["compile"], ["lint", "--no-shellcheck"]]) {
      const r = bondc([...command, "--root", project, nodeFile]);
      expect(r.stdout + r.stderr, command.join(" ")).not.toContain("BOND0120");
    }
    const missing = bondc(["check", "--root", join(ws.dir, "nope"), nodeFile]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("--root");
  });

  it("is the directory of bondc.json when there is one", () => {
    writeFileSync(join(project, "bondc.json"), "{}\n");
    expect(bondc(["check", nodeFile]).stdout).not.toContain("BOND0120");
    expect(bondc(["lint", "--no-shellcheck", "nodes"], { cwd: project }).stdout).not.toContain("BOND0120");
  });
});
