import { describe, expect, it } from "vitest";
import { parse } from "../../src/syntax/parse.js";
import { keywordWords } from "../../src/syntax/tokens.js";
import { at } from "./where.js";

/*
 * A misspelled keyword at the start of a statement is named as such, with the keyword it was
 * meant to be and the fix, in one message; the statement is then read as the keyword's, so the
 * rest of the file raises nothing more. Tried on every statement keyword with the misspellings
 * fingers make: a letter dropped, doubled, or swapped with its neighbour.
 */

/** Each statement keyword in a statement of its own, and the AST kind it parses to. */
const statements: readonly [keyword: string, text: string, kind: string][] = [
  ["target", 'target linuxrc { kernel "2.6.32" }', "TargetDecl"],
  ["import", 'import "std/profiles"', "ImportDecl"],
  ["proc", "proc pair(a: interface) { down a }", "ProcDecl"],
  ["let", "let x = 1", "LetStmt"],
  ["iface", "iface eth2", "IfaceStmt"],
  ["load", "load bonding mode=1", "LoadStmt"],
  ["up", "up bond0 { address 10.0.0.1 }", "UpStmt"],
  ["down", "down eth0, eth1", "DownStmt"],
  ["enslave", "enslave eth0, eth1 to bond0", "EnslaveStmt"],
  ["mount", "mount proc", "MountStmt"],
  ["handoff", "handoff nfs", "HandoffStmt"],
  ["on", "on failure halt", "OnFailureStmt"],
];

/** Dropped, then swapped, then doubled letters: the commonest slips first, without repeats or real keywords. */
function misspellings(word: string): string[] {
  const dropped = [...word].map((_, i) => word.slice(0, i) + word.slice(i + 1));
  const swapped = [...word].slice(1).map((_, i) => word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2));
  const doubled = [...word].map((_, i) => word.slice(0, i + 1) + word.slice(i));
  return [...new Set([...dropped, ...swapped, ...doubled])].filter((w) => w !== word && w !== "" && !keywordWords.includes(w));
}

/**
 * What comes before the typo: a statement that cannot go on, and `load`, whose options are names
 * too (the parser reads a name on the next line as an option that lacks its `=`).
 */
const previous: readonly [text: string, kind: string][] = [
  ["iface eth0, eth1", "IfaceStmt"],
  ["load bonding miimon=100", "LoadStmt"],
];

const misspelt = statements.flatMap(([keyword, text, kind]) =>
  misspellings(keyword)
    .slice(0, 10)
    .map((typo) => [keyword, typo, text.replace(keyword, typo), kind] as const),
);
const cases = misspelt.flatMap((c) => previous.map(([text, kind]) => [...c, text, kind] as const));

describe("a misspelled statement keyword", () => {
  it("is tried ten times for every keyword long enough to have ten misspellings, and every way for the short ones", () => {
    for (const [keyword] of statements) {
      const tried = misspelt.filter(([k]) => k === keyword).length;
      expect(tried, keyword).toBe(Math.min(10, misspellings(keyword).length));
      expect(tried, keyword).toBeGreaterThanOrEqual(4);
    }
  });

  it.each(cases)("%s as `%s`: `%s` is still read as %s after `%s`, with one message suggesting the keyword", (keyword, typo, line, kind, before, beforeKind) => {
    const text = `${before}\n${line}\nmount proc\n`;
    const { diagnostics, ast } = parse(text, "typo.bond");
    expect(diagnostics).toHaveLength(1);
    const [d] = diagnostics;
    expect(d).toMatchObject({
      code: "BOND0001",
      message: `\`${typo}\` is not a statement`,
      help: `did you mean \`${keyword}\`?`,
      span: at(`2:1-2:${typo.length + 1}`),
    });
    expect(d!.fixes).toEqual([{ title: `Change to \`${keyword}\``, edits: [{ span: d!.span, newText: keyword }] }]);
    expect(ast.items.map((i) => i.kind)).toEqual([beforeKind, kind, "MountStmt"]);
  });
});
