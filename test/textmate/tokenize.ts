import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import * as oniguruma from "vscode-oniguruma";
import * as textmate from "vscode-textmate";
import { repoRoot } from "../support/repo.js";

/** One token of a tokenized line: its text and its scopes, outermost (source.bond) first. */
export interface Token {
  readonly line: number;
  readonly text: string;
  readonly scopes: readonly string[];
}

export const grammarPath = join(repoRoot, "grammar", "bond.tmLanguage.json");

let grammar: Promise<textmate.IGrammar> | undefined;

/** The grammar as VS Code loads it: vscode-textmate over the Oniguruma WebAssembly build. */
function loadGrammar(): Promise<textmate.IGrammar> {
  grammar ??= (async () => {
    const wasm = readFileSync(join(createRequire(import.meta.url).resolve("vscode-oniguruma"), "..", "onig.wasm"));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const registry = new textmate.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
        createOnigString: (s) => new oniguruma.OnigString(s),
      }),
      loadGrammar: async (scopeName) =>
        scopeName === "source.bond" ? textmate.parseRawGrammar(readFileSync(grammarPath, "utf8"), grammarPath) : null,
    });
    const loaded = await registry.loadGrammar("source.bond");
    if (!loaded) throw new Error("source.bond did not load");
    return loaded;
  })();
  return grammar;
}

export async function tokenize(text: string): Promise<Token[]> {
  const g = await loadGrammar();
  const out: Token[] = [];
  let state = textmate.INITIAL;
  text.split("\n").forEach((lineText, i) => {
    const result = g.tokenizeLine(lineText, state);
    for (const t of result.tokens)
      out.push({ line: i + 1, text: lineText.slice(t.startIndex, t.endIndex), scopes: t.scopes });
    state = result.ruleStack;
  });
  return out;
}
