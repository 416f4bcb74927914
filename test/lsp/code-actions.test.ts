import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CodeAction, Diagnostic } from "vscode-languageserver-protocol";
import { check } from "../../src/api/check.js";
import type { LspClient } from "../../src/lsp/stdio-client.js";
import { applyEdits, mistakes, startServer, uriOf } from "./support.js";

let client: LspClient;
beforeAll(async () => {
  client = await startServer();
});
afterAll(async () => {
  await client.stop();
});

/**
 * Applies the server's first quick fix for `code` as an editor would (the edit, then a didChange
 * with the whole new text), until the server reports that code no more. Returns the final text
 * and what was published for it.
 */
async function fixAll(
  path: string,
  text: string,
  code: string,
): Promise<{ text: string; diagnostics: Diagnostic[]; applied: string[] }> {
  const uri = uriOf(path);
  await client.open(uri, text);
  let version = 1;
  let diagnostics = (await client.diagnostics(uri, version)).diagnostics;
  const applied: string[] = [];
  for (let round = 0; round < 5; round++) {
    const target = diagnostics.find((d) => d.code === code);
    if (!target) break;
    const actions = await client.request<CodeAction[]>("textDocument/codeAction", {
      textDocument: { uri },
      range: target.range,
      context: { diagnostics: [target], only: ["quickfix"] },
    });
    const action = actions.find((a) => a.diagnostics?.some((d) => d.code === code));
    if (!action) break;
    expect(action.kind).toBe("quickfix");
    applied.push(action.title);
    text = applyEdits(text, action.edit!.changes![uri]!);
    version++;
    await client.change(uri, version, [{ text }]);
    diagnostics = (await client.diagnostics(uri, version)).diagnostics;
  }
  await client.close(uri);
  return { text, diagnostics, applied };
}

/*
 * Every quick fix, applied as an editor applies it: test/lsp/fixes/ holds one NAME.before.bond per
 * fix, NAME starting with the code it fixes, and the NAME.after.bond the fix must turn it into,
 * which checks clean.
 */
const fixesDir = join(import.meta.dirname, "fixes");
/** The inventory the fixtures of cluster codes (a client's `discover node.…`) declare. */
const CLUSTER_INVENTORY = "nodes.csv";
const fixtures = readdirSync(fixesDir)
  .filter((f) => f.endsWith(".before.bond"))
  .sort()
  .map((f) => {
    const name = f.slice(0, -".before.bond".length);
    return {
      name,
      code: name.slice(0, "BOND0000".length),
      before: join(fixesDir, f),
      after: join(fixesDir, `${name}.after.bond`),
    };
  });

describe("quick fixes", () => {
  const byCode = new Map(mistakes().map((m) => [m.expected[0]?.code, m]));

  it("every fixture has its after file, and nothing else is in the folder", () => {
    expect(readdirSync(fixesDir).sort()).toEqual(
      [...fixtures.flatMap((f) => [`${f.name}.after.bond`, `${f.name}.before.bond`]), CLUSTER_INVENTORY].sort(),
    );
  });

  it("every code whose failing example offers a fix has a fixture", () => {
    const offering = new Set(
      mistakes().flatMap((m) =>
        check(m.text, m.path)
          .diagnostics.filter((d) => d.fixes.length > 0)
          .map((d) => d.code),
      ),
    );
    expect(offering.size).toBeGreaterThan(10);
    const covered = new Set(fixtures.map((f) => f.code));
    expect([...offering].filter((code) => !covered.has(code))).toEqual([]);
  });

  it.each(fixtures.map((f) => [f.name, f] as const))(
    "%s: applying the fix gives the after file, which checks clean",
    async (_, fixture) => {
      const before = readFileSync(fixture.before, "utf8");
      expect(
        check(before, fixture.before).diagnostics.some((d) => d.code === fixture.code),
        `the before file has ${fixture.code}`,
      ).toBe(true);
      const result = await fixAll(fixture.before, before, fixture.code);
      expect(result.applied.length).toBeGreaterThan(0);
      expect(result.text).toBe(readFileSync(fixture.after, "utf8"));
      expect(result.diagnostics).toEqual([]);
    },
  );

  it("offers nothing for a range without fixable diagnostics, or when other kinds are asked for", async () => {
    const mistake = byCode.get("BOND0301")!;
    const uri = uriOf(mistake.path);
    await client.open(uri, mistake.text);
    const [d] = (await client.diagnostics(uri)).diagnostics;
    const elsewhere = await client.request<CodeAction[]>("textDocument/codeAction", {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 5 } },
      context: { diagnostics: [] },
    });
    expect(elsewhere).toEqual([]);
    const refactors = await client.request<CodeAction[]>("textDocument/codeAction", {
      textDocument: { uri },
      range: d!.range,
      context: { diagnostics: [d], only: ["refactor"] },
    });
    expect(refactors).toEqual([]);
    await client.close(uri);
  });
});
