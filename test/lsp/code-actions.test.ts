import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CodeAction, Diagnostic } from "vscode-languageserver-protocol";
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
async function fixAll(path: string, text: string, code: string): Promise<{ text: string; diagnostics: Diagnostic[]; applied: string[] }> {
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

describe("quick fixes", () => {
  const byCode = new Map(mistakes().map((m) => [m.expected[0]?.code, m]));

  it.each([
    ["BOND0301", "Move `load bonding` before this step"],
    ["BOND0305", "`mount proc` before the handoff"],
    ["BOND0303", "Insert `down eth0` before the enslave"],
  ])("%s: applying the fixes leaves a file that checks clean", async (code, title) => {
    const mistake = byCode.get(code);
    expect(mistake, `examples/mistakes has a ${code} file`).toBeDefined();
    const result = await fixAll(mistake!.path, mistake!.text, code);
    expect(result.applied.join("\n")).toContain(title);
    expect(result.diagnostics).toEqual([]);
  });

  it("offers a did-you-mean rename that removes the error", async () => {
    const text = [
      'target linuxrc { kernel "2.6.32"  tools net-tools  boot eth0 }',
      "iface eth0, eth1",
      "load bonding mode=active-backup miimon=100",
      "up bond0 { address 192.168.1.105  netmask 255.255.255.0 }",
      "down eth0, eht1",
      "enslave eth0, eth1 to bond0",
      "mount proc",
      "handoff nfs",
      "",
    ].join("\n");
    const result = await fixAll("/virtual/typo.bond", text, "BOND0310");
    expect(result.applied).toEqual(["Change to `eth1`"]);
    expect(result.text).toContain("down eth0, eth1");
    expect(result.diagnostics).toEqual([]);
  });

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
