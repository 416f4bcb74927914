import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import Module, { createRequire } from "node:module";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LspClient } from "../../src/lsp/stdio-client.js";
import { cliPath, ensureBuilt } from "../support/bondc.js";
import { repoRoot } from "../support/repo.js";

/*
 * The VS Code extension cannot run here (no VS Code, and vscode-languageclient is installed only
 * when the extension is built), so its manifest is checked against the grammar and the server,
 * and extension.js is run against stand-ins for the two modules it imports.
 */

const dir = join(repoRoot, "editors", "vscode");
const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as {
  main: string;
  contributes: {
    languages: { id: string; extensions: string[]; configuration: string }[];
    grammars: { language: string; scopeName: string; path: string }[];
  };
};

interface StartedClient {
  readonly id: string;
  readonly server: { command: string; args: string[] };
  readonly options: { documentSelector: { language: string }[] };
  started: boolean;
}

function loadExtension(configuredPath: string | undefined): {
  activate: (ctx: unknown) => Promise<void>;
  clients: StartedClient[];
} {
  const clients: StartedClient[] = [];
  const vscode = {
    workspace: { getConfiguration: () => ({ get: (_key: string, fallback: string) => configuredPath ?? fallback }) },
  };
  class LanguageClient {
    readonly record: StartedClient;
    constructor(id: string, _name: string, server: StartedClient["server"], options: StartedClient["options"]) {
      this.record = { id, server, options, started: false };
      clients.push(this.record);
    }
    async start(): Promise<void> {
      this.record.started = true;
    }
    dispose(): void {}
  }
  const loader = Module as unknown as { _load: (request: string, parent: unknown, isMain: boolean) => unknown };
  const original = loader._load;
  loader._load = (request, parent, isMain) =>
    request === "vscode"
      ? vscode
      : request === "vscode-languageclient/node"
        ? { LanguageClient }
        : original(request, parent, isMain);
  try {
    const require = createRequire(import.meta.url);
    const path = require.resolve(join(dir, manifest.main));
    delete require.cache[path];
    return { activate: (require(path) as { activate: (ctx: unknown) => Promise<void> }).activate, clients };
  } finally {
    loader._load = original;
  }
}

describe("editors/vscode", () => {
  beforeAll(() => {
    execFileSync(process.execPath, [join(dir, "sync-grammar.js")]);
  });

  it("contributes the .bond language with the repository's grammar", () => {
    const [language] = manifest.contributes.languages;
    expect(language).toMatchObject({ id: "bond", extensions: [".bond"] });
    const [grammar] = manifest.contributes.grammars;
    expect(grammar).toMatchObject({ language: "bond", scopeName: "source.bond" });
    expect(readFileSync(join(dir, grammar!.path), "utf8")).toBe(
      readFileSync(join(repoRoot, "grammar", "bond.tmLanguage.json"), "utf8"),
    );
  });

  it("configures # comments and the grammar's brackets", () => {
    const config = JSON.parse(readFileSync(join(dir, manifest.contributes.languages[0]!.configuration), "utf8")) as {
      comments: { lineComment: string };
      brackets: string[][];
      wordPattern: string;
    };
    expect(config.comments.lineComment).toBe("#");
    expect(config.brackets).toEqual([
      ["{", "}"],
      ["(", ")"],
    ]);
    const words = new RegExp(`^(?:${config.wordPattern})$`);
    for (const word of ["active-backup", "layer3+4", "802.3ad", "192.168.1.105", "00:90:27:E0:30:51", "bond0"])
      expect(word).toMatch(words);
  });

  describe("extension.js", () => {
    let server: LspClient;
    afterAll(() => server?.process.kill());

    it("starts `bondc lsp --stdio` for bond documents, and that command serves", async () => {
      const { activate, clients } = loadExtension(undefined);
      const subscriptions: unknown[] = [];
      await activate({ subscriptions });
      expect(clients).toHaveLength(1);
      const [client] = clients;
      expect(client!.server).toEqual({ command: "bondc", args: ["lsp", "--stdio"] });
      expect(client!.options.documentSelector.map((s) => s.language)).toEqual(["bond", "bond"]);
      expect(client!.started).toBe(true);
      expect(subscriptions).toHaveLength(1);
      ensureBuilt();
      server = LspClient.start(cliPath);
      expect((await server.initialize()).serverInfo?.name).toBe("bondc");
    });

    it("uses bondc.path when it is set", async () => {
      const { activate, clients } = loadExtension("/opt/bondc/bin/bondc");
      await activate({ subscriptions: [] });
      expect(clients[0]!.server.command).toBe("/opt/bondc/bin/bondc");
    });
  });
});
