import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { discoverFieldTypes, valueTypes } from "../../src/semantic/types.js";
import { settingsFor } from "../../src/semantic/settings.js";
import { bondingModes } from "../../src/semantic/bonding.js";
import { keywordWords } from "../../src/syntax/tokens.js";
import { repoRoot } from "../support/repo.js";
import { grammarPath, tokenize, type Token } from "./tokenize.js";

/*
 * The TextMate grammar (what VS Code and GitHub highlight with) loaded the way VS Code loads it,
 * run over every .bond file in the repository.
 */

const bondFiles = ["examples", join("examples", "mistakes"), "stdlib"].flatMap((dir) =>
  readdirSync(join(repoRoot, dir))
    .filter((f) => f.endsWith(".bond"))
    .map((f) => join(dir, f)),
);

// A plain name as the lexer reads one (Ident): balance-rr, 8021q, bond0.100.
const identifier = /^(?:[A-Za-z_]|\d+[A-Za-z_])[A-Za-z0-9_]*(?:[-+][A-Za-z0-9_]+)*(?:\.\d+)?$/;
const has = (t: Token, prefix: string) => t.scopes.some((s) => s.startsWith(prefix));
const inCommentOrString = (t: Token) => has(t, "comment.") || has(t, "string.");

async function tokensOf(text: string): Promise<Token[]> {
  return (await tokenize(text)).filter((t) => t.text.trim() !== "");
}

/** The scopes of the first token whose text is `text` on the first line containing `lineNeedle`. */
async function scopesOf(source: string, lineNeedle: string, text: string): Promise<string[]> {
  const line = source.split("\n").findIndex((l) => l.includes(lineNeedle)) + 1;
  const token = (await tokensOf(source)).find((t) => t.line === line && t.text.trim() === text);
  if (!token) throw new Error(`no token \`${text}\` on line ${line}`);
  return [...token.scopes];
}

describe("the TextMate grammar over every .bond file", () => {
  it("finds files to tokenize", () => {
    expect(bondFiles.length).toBeGreaterThan(10);
  });

  it.each(bondFiles)("%s: every token but a plain name gets a scope", async (file) => {
    const unscoped = (await tokensOf(readFileSync(join(repoRoot, file), "utf8")))
      .filter((t) => t.scopes.length === 1 || t.scopes.every((s) => s.startsWith("source.") || s.startsWith("meta.")))
      .flatMap((t) => t.text.trim().split(/\s+/))
      .filter((word) => !identifier.test(word));
    expect(unscoped).toEqual([]);
  });

  it.each(bondFiles)("%s: keywords, comments and strings", async (file) => {
    const text = readFileSync(join(repoRoot, file), "utf8");
    const tokens = await tokensOf(text);
    tokens.forEach((t, i) => {
      const word = t.text.trim();
      if (inCommentOrString(t) || !keywordWords.includes(word) || word === "true" || word === "false") return;
      // `mount proc`: the keyword `proc` names the file system there.
      if (word === "proc" && tokens[i - 1]?.text.trim() === "mount")
        return expect(t.scopes).toContain("support.constant.filesystem.bond");
      expect(t.scopes.some((s) => s.startsWith("keyword.control.") || s.startsWith("keyword.other."))).toBe(true);
    });
    text.split("\n").forEach((line, i) => {
      if (!line.trimStart().startsWith("#")) return;
      const first = tokens.find((t) => t.line === i + 1)!;
      expect(first.scopes.some((s) => s.startsWith("comment.line.number-sign"))).toBe(true);
    });
    for (const t of tokens.filter((t) => t.text.startsWith('"') && !has(t, "comment.")))
      expect(t.scopes).toContain("string.quoted.double.bond");
  });
});

describe("scopes of each kind of token", () => {
  const activeBackup = readFileSync(join(repoRoot, "examples", "active-backup.bond"), "utf8");
  const diskRoot = readFileSync(join(repoRoot, "examples", "disk-root-2.4.bond"), "utf8");
  const seed = readFileSync(join(repoRoot, "examples", "seed-quickstart.bond"), "utf8");
  const profiles = readFileSync(join(repoRoot, "stdlib", "profiles.bond"), "utf8");
  const bonding = readFileSync(join(repoRoot, "stdlib", "bonding.bond"), "utf8");

  it("numbers: MAC, IPv4, prefix and integer", async () => {
    expect(await scopesOf(seed, "hwaddr", "00:90:27:E0:30:51")).toContain("constant.numeric.mac.bond");
    expect(await scopesOf(diskRoot, "address", "10.0.2.15")).toContain("constant.numeric.ipv4.bond");
    expect(await scopesOf(diskRoot, "netmask", "/24")).toContain("constant.numeric.prefix.bond");
    expect(await scopesOf(activeBackup, "updelay", "200")).toContain("constant.numeric.integer.bond");
  });

  it("bonding modes, after mode= and as procedure arguments", async () => {
    expect(await scopesOf(activeBackup, "load bonding", "active-backup")).toContain("support.constant.mode.bond");
    expect(await scopesOf(profiles, "bond_boot_nic(boot, spare, bond, 802.3ad", "802.3ad")).toContain(
      "support.constant.mode.bond",
    );
    expect(await scopesOf(profiles, "balance-rr", "balance-rr")).toContain("support.constant.mode.bond");
  });

  it("`broadcast` is a mode after `mode` and a setting otherwise", async () => {
    const text = "up bond0 {\n  mode broadcast\n  broadcast 10.0.0.255\n}\nload bonding mode=broadcast\n";
    expect(await scopesOf(text, "mode broadcast", "broadcast")).toContain("support.constant.mode.bond");
    expect(await scopesOf(text, "broadcast 10", "broadcast")).toContain("entity.other.attribute-name.setting.bond");
    expect(await scopesOf(text, "load", "broadcast")).toContain("support.constant.mode.bond");
  });

  it("setting names in blocks and module options, but not the names used as their values", async () => {
    expect(await scopesOf(activeBackup, "primary", "primary")).toContain("entity.other.attribute-name.setting.bond");
    expect(await scopesOf(activeBackup, "load bonding", "miimon")).toContain(
      "entity.other.attribute-name.setting.bond",
    );
    expect(await scopesOf(activeBackup, "handoff", "server")).toContain("entity.other.attribute-name.setting.bond");
    const values = (await tokensOf(bonding)).filter(
      (t) => t.line === bonding.split("\n").findIndex((l) => l.includes("miimon miimon")) + 1,
    );
    expect(values.map((t) => has(t, "entity.other.attribute-name"))).toEqual([true, false]);
  });

  it("procedure names where declared and called, parameters and types", async () => {
    expect(await scopesOf(profiles, "proc lacp_pair", "lacp_pair")).toContain("entity.name.function.bond");
    expect(await scopesOf(profiles, "bond_boot_nic(boot, spare, bond, 802.3ad", "bond_boot_nic")).toContain(
      "entity.name.function.call.bond",
    );
    expect(await scopesOf(profiles, "proc lacp_pair", "spare")).toContain("variable.parameter.bond");
    expect(await scopesOf(profiles, "proc lacp_pair", "interface")).toContain("support.type.bond");
  });

  it("directives stand apart from comments", async () => {
    const scopes = await scopesOf(seed, "bondc:allow", "bondc:allow");
    expect(scopes).toContain("keyword.other.directive.bond");
    expect(scopes).toContain("comment.line.number-sign.directive.bond");
    expect(await scopesOf(seed, "bondc:allow", "BOND0507")).toContain("constant.other.diagnostic-code.bond");
  });

  it("shell punctuation the lexer rejects is marked illegal", async () => {
    expect(await scopesOf("down eth0; down eth1\n", "down", ";")).toContain("invalid.illegal.character.bond");
  });
});

describe("the grammar's word lists agree with the compiler", () => {
  const grammar = JSON.parse(readFileSync(grammarPath, "utf8")) as {
    scopeName: string;
    repository: Record<string, { match?: string; patterns?: { match?: string }[] }>;
  };

  /** The words of the first capture group of a `(?<!…)(a|b|c)(?!…)` pattern. */
  const alternatives = (regex: string) =>
    /\((?!\?)([^()]*)\)/
      .exec(regex)![1]!
      .split("|")
      .map((w) => w.replace(/\\/g, ""));

  it("is source.bond", () => {
    expect(grammar.scopeName).toBe("source.bond");
  });

  it("keywords", () => {
    const listed = grammar.repository["keywords"]!.patterns!.flatMap((p) => alternatives(p.match!));
    const booleans = alternatives(grammar.repository["booleans"]!.match!);
    expect([...listed, ...booleans].sort()).toEqual([...keywordWords].sort());
  });

  it("modes", () => {
    expect([...alternatives(grammar.repository["modes"]!.match!), "broadcast"].sort()).toEqual(
      [...bondingModes].sort(),
    );
  });

  it("setting names", () => {
    const listed = alternatives(
      grammar.repository["settings"]!.patterns!.find((p) => p.match && !p.match.includes("[ \\t]"))!.match!,
    );
    const known = new Set(
      [
        ...settingsFor("target"),
        ...settingsFor("up-bond"),
        ...settingsFor("handoff"),
        ...settingsFor("load-bonding"),
      ].map((s) => s.name),
    );
    expect(listed.sort()).toEqual([...known].sort());
  });

  it("types and discover fields", () => {
    expect(/\|/.test(grammar.repository["parameter"]!.match!)).toBe(true);
    const types = /\(:\)\\s\*\(([^()]*)\)/.exec(grammar.repository["parameter"]!.match!)![1]!.split("|");
    expect(types).toEqual([...valueTypes]);
    expect(alternatives(grammar.repository["discover-field"]!.match!.replace(/^\(\\\.\)/, ""))).toEqual(
      Object.keys(discoverFieldTypes),
    );
  });
});
