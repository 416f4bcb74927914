import type { CompletionList } from "vscode-languageserver-protocol";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { check } from "../../src/api/check.js";
import { docsUrl } from "../../src/diagnostics/catalog.js";
import type { LspClient } from "../../src/lsp/stdio-client.js";
import { comparable } from "../support/expectations.js";
import { repoRoot } from "../support/repo.js";
import { examples, findings, mistakes, positionOf, startServer, uriOf } from "./support.js";

let client: LspClient;
beforeAll(async () => {
  client = await startServer();
});
afterAll(async () => {
  await client.stop();
});

describe("diagnostics for examples/mistakes", () => {
  const files = mistakes();

  it("has mistakes to check", () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files.map((m) => [m.name, m] as const))(
    "%s: each expected diagnostic at its place, with its message",
    async (_, m) => {
      expect(m.expected.length).toBeGreaterThan(0);
      const uri = uriOf(m.path);
      await client.open(uri, m.text);
      const published = await client.diagnostics(uri);
      expect(published.version).toBe(1);
      const compared = comparable(findings(published.diagnostics), m.expected);
      expect(compared.found).toEqual(compared.expected);
      for (const d of published.diagnostics) {
        expect(d.source).toBe("bondc");
        const checkoutDocs = `${pathToFileURL(repoRoot).href}/docs/diagnostics.md#${String(d.code).toLowerCase()}`;
        expect(d.codeDescription?.href).toBe(docsUrl(String(d.code)) ?? checkoutDocs);
      }
      // A thin client: the same diagnostics as the library, with related locations carried over.
      const library = check(m.text, m.path).diagnostics;
      expect(published.diagnostics.map((d) => d.relatedInformation?.length ?? 0)).toEqual(
        library.map((d) => d.related.length + (d.span.file === m.path ? 0 : 1)),
      );
      await client.close(uri);
    },
  );
});

describe("diagnostics for the realistic examples", () => {
  it.each(examples().map((e) => [e.name, e] as const))("%s has none", async (_, e) => {
    const uri = uriOf(e.path);
    await client.open(uri, e.text);
    expect((await client.diagnostics(uri)).diagnostics).toEqual([]);
    await client.close(uri);
  });
});

describe("diagnostics follow incremental edits", () => {
  const example = examples().find((e) => e.name === "active-backup")!;
  const uri = "file:///virtual/edited.bond";

  it("relates BOND0301 to the late load, as the library does", async () => {
    const moved = example.text
      .replace("load bonding mode=active-backup miimon=100\n", "")
      .replace("mount proc\n", "mount proc\nload bonding mode=active-backup miimon=100\n");
    await client.open(uri, moved);
    const d = (await client.diagnostics(uri)).diagnostics.find((x) => x.code === "BOND0301")!;
    expect(d.relatedInformation?.[0]?.message).toBe("the bonding module is loaded only here");
    expect(d.relatedInformation?.[0]?.location.uri).toBe(uri);
    await client.close(uri);
  });

  it("reports a removed prerequisite and clears it when it is typed back, by range edits only", async () => {
    await client.open(uri, example.text);
    expect((await client.diagnostics(uri, 1)).diagnostics).toEqual([]);
    const mount = positionOf(example.text, "mount proc\n");
    await client.change(uri, 2, [{ range: { start: mount, end: { line: mount.line + 1, character: 0 } }, text: "" }]);
    const broken = await client.diagnostics(uri, 2);
    expect(broken.version).toBe(2);
    expect(broken.diagnostics.map((d) => d.code)).toContain("BOND0305");
    await client.change(uri, 3, [{ range: { start: mount, end: mount }, text: "mount proc\n" }]);
    const fixed = await client.diagnostics(uri, 3);
    expect(fixed.version).toBe(3);
    expect(fixed.diagnostics).toEqual([]);
    await client.close(uri);
  });

  it("publishes the whole check's diagnostics after a completion answered from names and types only", async () => {
    await client.open(uri, example.text);
    await client.diagnostics(uri, 1);
    const mount = positionOf(example.text, "mount proc\n");
    // The completion comes first, on an analysis without the checks over the IR (Workspace.analysis).
    await client.change(uri, 2, [{ range: { start: mount, end: { line: mount.line + 1, character: 0 } }, text: "" }]);
    const list = await client.request<CompletionList>("textDocument/completion", {
      textDocument: { uri },
      position: mount,
    });
    expect(list.items.map((i) => i.label)).toContain("mount");
    const published = await client.diagnostics(uri, 2);
    expect(published.diagnostics.map((d) => d.code)).toContain("BOND0305");
    await client.close(uri);
  });

  it("publishes only the latest version after a burst of edits, never an older one after a newer", async () => {
    const burst = "file:///virtual/burst.bond";
    await client.open(burst, example.text);
    await client.diagnostics(burst, 1);
    const start = client.publishLog.length;
    const end = positionOf(example.text, "on failure fallback");
    // Type `# edited` one character at a time at the start of the last line, then break the file.
    const typed = "# edited\n";
    for (let i = 0; i < typed.length; i++) {
      await client.change(burst, i + 2, [
        { range: { start: { line: end.line, character: i }, end: { line: end.line, character: i } }, text: typed[i]! },
      ]);
    }
    const last = typed.length + 2;
    await client.change(burst, last, [
      { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: "$" },
    ]);
    const final = await client.diagnostics(burst, last);
    expect(final.version).toBe(last);
    expect(final.diagnostics.map((d) => d.code)).toEqual(["BOND0002"]);
    const versions = client.publishLog
      .slice(start)
      .filter((p) => p.uri === burst)
      .map((p) => p.version ?? 0);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    await client.close(burst);
  });
});

describe("diagnostics across files", () => {
  it("confines imports to the project root: the directory of bondc.json, else the file's own", async () => {
    const dir = mkdtempSync(join(tmpdir(), "bondc-lsp-"));
    mkdirSync(join(dir, "lib"));
    mkdirSync(join(dir, "nodes"));
    writeFileSync(join(dir, "lib", "pair.bond"), "proc pair(a: interface, b: interface) {\n  down a, b\n}\n");
    const nodePath = join(dir, "nodes", "n1.bond");
    const node = 'import "../lib/pair"\niface eth0, eth1\npair(eth0, eth1)\n';
    writeFileSync(nodePath, node);
    await client.open(uriOf(nodePath), node);
    const refused = (await client.diagnostics(uriOf(nodePath))).diagnostics.find((d) => d.code === "BOND0120");
    expect(refused?.range.start).toEqual({ line: 0, character: 7 });
    await client.close(uriOf(nodePath));
    writeFileSync(join(dir, "bondc.json"), "{}\n");
    await client.open(uriOf(nodePath), node);
    expect((await client.diagnostics(uriOf(nodePath))).diagnostics.map((d) => d.code)).not.toContain("BOND0120");
    await client.close(uriOf(nodePath));
  });

  it("re-checks an importer when an open library changes, and shows the library's problem on the import", async () => {
    const dir = mkdtempSync(join(tmpdir(), "bondc-lsp-"));
    const libPath = join(dir, "pair.bond");
    const mainPath = join(dir, "node.bond");
    const lib = "proc pair(a: interface, b: interface) {\n  down a, b\n  enslave a, b to bond0\n}\n";
    const main = [
      'import "./pair"',
      'target linuxrc { kernel "2.6.32"  tools net-tools  boot eth0 }',
      "iface eth0, eth1",
      "load bonding mode=active-backup miimon=100",
      "up bond0 { address 192.168.1.105  netmask 255.255.255.0 }",
      "pair(eth0, eth1)",
      "mount proc",
      "handoff nfs",
      "",
    ].join("\n");
    writeFileSync(libPath, lib);
    writeFileSync(mainPath, main);
    await client.open(uriOf(mainPath), main);
    await client.open(uriOf(libPath), lib);
    expect((await client.diagnostics(uriOf(mainPath))).diagnostics).toEqual([]);
    const before = (await client.diagnostics(uriOf(mainPath))).version;
    // An unsaved edit to the library (the disk still has the good text) breaks the importer.
    const line = positionOf(lib, "enslave");
    await client.change(uriOf(libPath), 2, [{ range: { start: line, end: line }, text: "$" }]);
    // Wait for the importer's re-check itself: clean publications of it may still be on their way.
    const after = await client.publication(uriOf(mainPath), (p) => p.diagnostics.some((d) => d.code === "BOND0002"));
    expect(after.version).toBe(before);
    const problem = after.diagnostics.find((d) => d.code === "BOND0002")!;
    expect(problem.range.start.line).toBe(0);
    expect(problem.relatedInformation?.[0]?.location.uri).toBe(uriOf(libPath));
    expect(problem.relatedInformation?.[0]?.location.range.start.line).toBe(2);
  });
});
