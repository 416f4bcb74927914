import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InitializeResult } from "vscode-languageserver-protocol";
import { ensureBuilt, cliPath } from "../support/bondc.js";
import { LspClient } from "../../src/lsp/stdio-client.js";
import { semanticTokensLegend } from "../../src/lsp/semantic-tokens.js";

describe("bondc lsp --stdio: lifecycle", () => {
  let client: LspClient;
  let init: InitializeResult;

  beforeAll(async () => {
    ensureBuilt();
    client = LspClient.start(cliPath);
    init = await client.initialize();
  });
  afterAll(() => client.process.kill());

  it("advertises every feature it implements, with incremental sync", () => {
    const caps = init.capabilities;
    expect(caps.textDocumentSync).toMatchObject({ openClose: true, change: 2 });
    expect(caps.completionProvider?.triggerCharacters).toEqual([".", "="]);
    expect(caps.hoverProvider).toBe(true);
    expect(caps.definitionProvider).toBe(true);
    expect(caps.referencesProvider).toBe(true);
    expect(caps.renameProvider).toEqual({ prepareProvider: true });
    expect(caps.documentFormattingProvider).toBe(true);
    expect(caps.codeActionProvider).toEqual({ codeActionKinds: ["quickfix"] });
    expect(caps.documentSymbolProvider).toBe(true);
    expect(caps.foldingRangeProvider).toBe(true);
    expect(caps.semanticTokensProvider).toEqual({ legend: semanticTokensLegend, full: true });
    expect(semanticTokensLegend.tokenTypes).toEqual(
      expect.arrayContaining([
        "keyword",
        "variable",
        "function",
        "parameter",
        "number",
        "string",
        "comment",
        "type",
        "enumMember",
        "property",
      ]),
    );
    expect(init.serverInfo?.name).toBe("bondc");
  });

  it("exits with status 0 after shutdown and exit", async () => {
    expect(await client.stop()).toBe(0);
  });
});

describe("bondc lsp without --stdio", () => {
  it("is a usage error naming the flag", async () => {
    const { bondc } = await import("../support/bondc.js");
    const r = bondc(["lsp"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("bondc lsp --stdio");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
