import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CancellationTokenSource } from "vscode-jsonrpc/node.js";
import type { Hover } from "vscode-languageserver-protocol";
import { check } from "../../src/api/check.js";
import type { LspClient } from "../../src/lsp/stdio-client.js";
import { examples, mistakes, startServer, uriOf } from "./support.js";

let client: LspClient;
beforeAll(async () => {
  client = await startServer();
});
afterAll(async () => {
  await client.stop();
});

const example = examples().find((e) => e.name === "active-backup")!;

/** Still serving: a hover on a fresh document gets a real answer. */
async function alive(): Promise<void> {
  const uri = `file:///virtual/alive-${Math.random()}.bond`;
  await client.open(uri, example.text);
  const hover = await client.request<Hover | null>("textDocument/hover", {
    textDocument: { uri },
    position: { line: 23, character: 1 },
  });
  expect((hover?.contents as { value: string }).value).toContain("enslaves eth0 to bond0");
  await client.close(uri);
}

/** The server's resident memory in MB, from /proc (CI and development run on Linux). */
function residentMb(): number {
  const status = readFileSync(`/proc/${client.process.pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

/**
 * About one million characters of valid .bond: the active-backup node preceded by a long table of
 * documented address bindings (the shape a generated site file takes).
 */
function millionCharacters(): string {
  const table: string[] = [];
  for (let i = 0, length = 0; length < 1_000_000; i++) {
    const entry = `# host ${i}: rack ${i % 40}, slot ${i % 16}\nlet host_${i} = 10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255 || 1}`;
    table.push(entry);
    length += entry.length + 1;
  }
  const [header, ...rest] = example.text.split("\nlet boot");
  return [header, ...table, `let boot${rest.join("\nlet boot")}`].join("\n");
}

describe("the server survives bad input", () => {
  it("skips a message that is not JSON and keeps serving", async () => {
    const body = '{"jsonrpc":"2.0","id":99,"method":"textDocument/hover",';
    client.process.stdin!.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    client.process.stdin!.write(
      `Content-Length: 17\r\n\r\n{"not":"json-rpc"}`.replace("17", String(Buffer.byteLength('{"not":"json-rpc"}'))),
    );
    await alive();
  });

  it("answers an unknown method with MethodNotFound", async () => {
    await expect(client.request("bondc/noSuchMethod", {})).rejects.toMatchObject({ code: -32601 });
    await client.connection.sendNotification("bondc/noSuchNotification", { x: 1 });
    await alive();
  });

  it("answers malformed parameters with InvalidParams", async () => {
    await expect(client.request("textDocument/hover", {})).rejects.toMatchObject({ code: -32602 });
    const uri = "file:///virtual/params.bond";
    await client.open(uri, example.text);
    await expect(
      client.request("textDocument/hover", { textDocument: { uri }, position: "top" }),
    ).rejects.toMatchObject({ code: -32602 });
    await expect(
      client.request("textDocument/rename", { textDocument: { uri }, position: { line: 4, character: 5 } }),
    ).rejects.toMatchObject({ code: -32602 });
    await client.change(uri, 2, [
      { range: { start: { line: 9999, character: 0 }, end: { line: 9999, character: 3 } }, text: "# past the end\n" },
    ]);
    expect((await client.diagnostics(uri, 2)).version).toBe(2);
    await client.close(uri);
    await alive();
  });

  it("ignores malformed notifications", async () => {
    const notify = (method: string, params: unknown) => client.connection.sendNotification(method, params);
    await notify("textDocument/didOpen", {});
    await notify("textDocument/didOpen", {
      textDocument: { uri: "file:///virtual/number.bond", languageId: "bond", version: 1, text: 42 },
    });
    await notify("textDocument/didOpen", {
      textDocument: { uri: 7, languageId: "bond", version: 1, text: "iface eth0\n" },
    });
    await notify("textDocument/didChange", {
      textDocument: { uri: "file:///virtual/never-opened.bond", version: 2 },
      contentChanges: [{ text: "x" }],
    });
    await notify("textDocument/didChange", {
      textDocument: { uri: "file:///virtual/number.bond", version: 2 },
      contentChanges: "nope",
    });
    await notify("textDocument/didClose", { textDocument: {} });
    // A document opened after them is checked after them: once its diagnostics arrive, the bad ones' turn has passed.
    await client.open("file:///virtual/after.bond", example.text);
    expect((await client.diagnostics("file:///virtual/after.bond")).diagnostics).toEqual([]);
    expect(
      await client.request("textDocument/hover", {
        textDocument: { uri: "file:///virtual/number.bond" },
        position: { line: 0, character: 0 },
      }),
    ).toBeNull();
    await alive();
  });

  it("answers requests about documents that are not open with nothing", async () => {
    const textDocument = { uri: "file:///virtual/never-opened.bond" };
    expect(
      await client.request("textDocument/hover", { textDocument, position: { line: 0, character: 0 } }),
    ).toBeNull();
    expect(
      await client.request("textDocument/references", {
        textDocument,
        position: { line: 0, character: 0 },
        context: { includeDeclaration: true },
      }),
    ).toEqual([]);
  });
});

describe("every request on every file", () => {
  it.each(mistakes().map((m) => [m.name, m] as const))(
    "%s: answers at the start, middle and end of each line",
    async (_, m) => {
      const uri = uriOf(m.path);
      await client.open(uri, m.text);
      await client.diagnostics(uri);
      const textDocument = { uri };
      const requests: Promise<unknown>[] = [
        client.request("textDocument/semanticTokens/full", { textDocument }),
        client.request("textDocument/documentSymbol", { textDocument }),
        client.request("textDocument/foldingRange", { textDocument }),
        client.request("textDocument/formatting", { textDocument, options: { tabSize: 2, insertSpaces: true } }),
      ];
      m.text.split("\n").forEach((line, i) => {
        for (const character of new Set([0, Math.floor(line.length / 2), line.length])) {
          const position = { line: i, character };
          requests.push(
            client.request("textDocument/hover", { textDocument, position }),
            client.request("textDocument/completion", { textDocument, position }),
            client.request("textDocument/definition", { textDocument, position }),
            client.request("textDocument/prepareRename", { textDocument, position }),
            client.request("textDocument/codeAction", {
              textDocument,
              range: { start: position, end: position },
              context: { diagnostics: [] },
            }),
          );
        }
      });
      const answers = await Promise.allSettled(requests);
      expect(answers.filter((a) => a.status === "rejected")).toEqual([]);
      await client.close(uri);
    },
  );
});

describe("the server under load", () => {
  it("cancels a request that is cancelled while it waits, with RequestCancelled", async () => {
    const big = "file:///virtual/busy.bond";
    await client.open(big, millionCharacters());
    // Checking a million characters keeps the server busy; the hover and its cancellation queue up behind it.
    const busy = client.request("textDocument/semanticTokens/full", { textDocument: { uri: big } });
    const small = "file:///virtual/cancelled.bond";
    await client.open(small, example.text);
    const source = new CancellationTokenSource();
    const cancelled = client.connection.sendRequest(
      "textDocument/hover",
      { textDocument: { uri: small }, position: { line: 23, character: 1 } },
      source.token,
    );
    source.cancel();
    await expect(cancelled).rejects.toMatchObject({ code: -32800 });
    await busy;
    await client.close(big);
    await client.close(small);
    await alive();
  });

  it("checks a million-character document and follows an edit in its middle", async () => {
    const text = millionCharacters();
    expect(text.length).toBeGreaterThanOrEqual(1_000_000);
    const uri = "file:///virtual/million.bond";
    await client.open(uri, text);
    expect((await client.diagnostics(uri, 1)).diagnostics).toEqual([]);
    const middle = Math.floor(text.split("\n").length / 2) & ~1;
    await client.change(uri, 2, [
      { range: { start: { line: middle, character: 0 }, end: { line: middle, character: 0 } }, text: "mount proc\n" },
    ]);
    const after = await client.diagnostics(uri, 2);
    expect(after.diagnostics.map((d) => d.code)).toContain("BOND0314");
    await client.close(uri);
    await alive();
  });

  it("takes thousands of rapid edits without falling behind, growing, or publishing a stale version", async () => {
    const uri = "file:///virtual/typing.bond";
    await client.open(uri, example.text);
    await client.diagnostics(uri, 1);
    const startLog = client.publishLog.length;
    const rssBefore = residentMb();
    const line = example.text.split("\n").length - 1;
    const edits = 3000;
    let text = example.text;
    for (let v = 2; v <= edits + 1; v++) {
      // Type a comment line character by character at the end, deleting it every 60 keystrokes.
      const lastLine = text.split("\n").at(-1)!;
      if (lastLine.length >= 60) {
        text = text.slice(0, text.length - lastLine.length);
        void client.change(uri, v, [
          { range: { start: { line, character: 0 }, end: { line, character: lastLine.length } }, text: "" },
        ]);
      } else {
        const ch = lastLine.length === 0 ? "#" : "x";
        text += ch;
        void client.change(uri, v, [
          {
            range: { start: { line, character: lastLine.length }, end: { line, character: lastLine.length } },
            text: ch,
          },
        ]);
      }
    }
    const final = await client.diagnostics(uri, edits + 1);
    expect(final.version).toBe(edits + 1);
    expect(final.diagnostics.map((d) => d.code)).toEqual(
      check(text, "/virtual/typing.bond").diagnostics.map((d) => d.code),
    );
    const versions = client.publishLog
      .slice(startLog)
      .filter((p) => p.uri === uri)
      .map((p) => p.version ?? 0);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    // How many checks the burst cost depends on how the pipe delivered it; debounce.test.ts pins that.
    // No per-version history: memory after the burst stays near where it was.
    expect(residentMb() - rssBefore).toBeLessThan(150);
    await client.close(uri);
    await alive();
  });
});
