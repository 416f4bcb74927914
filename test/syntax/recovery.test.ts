import { describe, expect, it } from "vitest";
import type { EnslaveStmt, ImportDecl, LetStmt, UpStmt } from "../../src/syntax/ast.js";
import { parse } from "../../src/syntax/parse.js";
import { at } from "./where.js";

interface Case {
  readonly text: string;
  /** code@line:col of every diagnostic, in order. */
  readonly diagnostics: readonly string[];
  /** Kind and line of every item the parser kept; `*` stands for whatever recovery made of garbage. */
  readonly items: readonly string[];
}

/*
 * Broken inputs: the parser reports each mistake once, where it is (on the line that is
 * incomplete, not on the good statement after it), and keeps everything after it.
 */
const cases: [string, Case][] = [
  [
    "missing } before the next statement",
    { text: "up bond0 {\n  address 10.0.0.1\n\nmount proc\ndown eth0", diagnostics: ["BOND0001@2:19"], items: ["UpStmt@1", "MountStmt@4", "DownStmt@5"] },
  ],
  ["missing } at the end of the file", { text: 'target linuxrc { kernel "2.2.14"', diagnostics: ["BOND0001@1:33"], items: ["TargetDecl@1"] }],
  [
    "a stray $ in front of a name",
    { text: "let ip = discover eth0.inet\nup bond0 { address $ip }\nmount proc", diagnostics: ["BOND0002@2:20"], items: ["LetStmt@1", "UpStmt@2", "MountStmt@3"] },
  ],
  ["an unterminated string", { text: 'import "std/profiles\nmount proc', diagnostics: ["BOND0003@1:8"], items: ["ImportDecl@1", "MountStmt@2"] }],
  ["an unterminated string at the end of the file", { text: 'mount proc\nhandoff "/dev/sda1', diagnostics: ["BOND0003@2:9"], items: ["MountStmt@1", "HandoffStmt@2"] }],
  ["a let cut after =", { text: "let x =\nmount proc\ndown eth0", diagnostics: ["BOND0001@1:8"], items: ["LetStmt@1", "MountStmt@2", "DownStmt@3"] }],
  ["an enslave cut after to", { text: "enslave eth0, eth1 to\non failure halt", diagnostics: ["BOND0001@1:22"], items: ["EnslaveStmt@1", "OnFailureStmt@2"] }],
  ["a module option cut after =", { text: "load bonding mode=\nmount proc", diagnostics: ["BOND0001@1:19"], items: ["LoadStmt@1", "MountStmt@2"] }],
  ["an iface list ending in a comma", { text: "iface eth0,\nmount proc", diagnostics: ["BOND0001@1:12"], items: ["IfaceStmt@1", "MountStmt@2"] }],
  ["a discover cut after the dot", { text: "let ip = discover boot.\nmount proc", diagnostics: ["BOND0001@1:24"], items: ["LetStmt@1", "MountStmt@2"] }],
  ["on failure without a policy", { text: "on failure\nmount proc", diagnostics: ["BOND0001@1:11"], items: ["OnFailureStmt@1", "MountStmt@2"] }],
  ["mount with nothing to mount, at the end", { text: "mount", diagnostics: ["BOND0001@1:6"], items: ["MountStmt@1"] }],
  ["two cut statements in a row", { text: "let x =\nlet y =\nmount proc", diagnostics: ["BOND0001@1:8", "BOND0001@2:8"], items: ["LetStmt@1", "LetStmt@2", "MountStmt@3"] }],
  ["a setting without a value", { text: "up bond0 { address }\nmount proc", diagnostics: ["BOND0001@1:20"], items: ["UpStmt@1", "MountStmt@2"] }],
  ["a missing ) in a proc header", { text: "proc p(a: interface {\n  down a\n}\nmount proc", diagnostics: ["BOND0001@1:21"], items: ["ProcDecl@1", "MountStmt@4"] }],
  ["a keyword used as a name", { text: "let up = 1\nmount proc", diagnostics: ["BOND0001@1:5"], items: ["*", "*", "MountStmt@2"] }],
  ["a stray }", { text: "mount proc\n}\ndown eth0", diagnostics: ["BOND0001@2:1"], items: ["MountStmt@1", "DownStmt@3"] }],
  [
    "garbage lines between good statements",
    { text: "mount proc\n)))) ;;; garbage\n@@@ !!!\ndown eth0", diagnostics: ["BOND0001@2:1", "BOND0002@3:1"], items: ["MountStmt@1", "*", "DownStmt@4"] },
  ],
  ["shell pasted into a .bond file", { text: 'iface eth0\nifconfig eth0 | grep "inet addr"\nmount proc', diagnostics: ["BOND0001@2:10"], items: ["IfaceStmt@1", "*", "*", "MountStmt@3"] }],
  ["a missing comma in an iface list", { text: "iface eth0 eth1\nload bonding\nmount proc", diagnostics: ["BOND0001@1:11"], items: ["IfaceStmt@1", "LoadStmt@2", "MountStmt@3"] }],
  ["a missing comma in an enslave list", { text: "enslave eth0 eth1 to bond0\nmount proc", diagnostics: ["BOND0001@1:13"], items: ["EnslaveStmt@1", "MountStmt@2"] }],
  ["a missing `to`, not a missing comma", { text: "enslave eth0, eth1 bond0\nmount proc", diagnostics: ["BOND0001@1:20"], items: ["EnslaveStmt@1", "MountStmt@2"] }],
  [
    "a missing { after up bond0",
    { text: "up bond0\n  address 10.0.2.15\n  netmask 255.255.255.0\n}\nmount proc", diagnostics: ["BOND0001@1:9"], items: ["UpStmt@1", "MountStmt@5"] },
  ],
  [
    "a missing { and } after handoff nfs",
    { text: 'handoff nfs\n  server 10.0.2.2\n  path "/srv"\non failure halt', diagnostics: ["BOND0001@1:12"], items: ["HandoffStmt@1", "OnFailureStmt@4"] },
  ],
  [
    "a block missing both braces, then a misspelled keyword: two mistakes, each named",
    { text: "up bond0\n  address 10.0.2.15\nenslav eth0, eth1 to bond0\nmount proc", diagnostics: ["BOND0001@1:9", "BOND0001@3:1"], items: ["UpStmt@1", "EnslaveStmt@3", "MountStmt@4"] },
  ],
  ["a misspelled keyword inside a procedure", { text: "proc p(a: interface) {\n  donw a\n}\nmount proc", diagnostics: ["BOND0001@2:3"], items: ["ProcDecl@1", "MountStmt@4"] }],
  ["a misspelled `failure`", { text: "on failur halt\nmount proc", diagnostics: ["BOND0001@1:4"], items: ["OnFailureStmt@1", "MountStmt@2"] }],
  ["control characters", { text: "iface eth0\n\u0000\u0001\u0002\nmount proc", diagnostics: ["BOND0002@2:1"], items: ["IfaceStmt@1", "MountStmt@3"] }],
];

function itemKinds(text: string): string[] {
  return parse(text, "broken.bond").ast.items.map((i) => `${i.kind}@${i.span.line}`);
}

describe("recovery from broken input", () => {
  it.each(cases)("%s", (_, c) => {
    const { diagnostics } = parse(c.text, "broken.bond");
    expect(diagnostics.map((d) => `${d.code}@${d.span.line}:${d.span.column}`)).toEqual(c.diagnostics);
    expect(diagnostics.every((d) => d.span.file === "broken.bond" && d.severity === "error")).toBe(true);
    const kinds = itemKinds(c.text);
    expect(kinds).toHaveLength(c.items.length);
    c.items.forEach((want, i) => {
      if (want !== "*") expect(kinds[i]).toBe(want);
    });
  });

  it.each(cases)("%s: at most one diagnostic per line", (_, c) => {
    const lines = parse(c.text, "broken.bond").diagnostics.map((d) => d.span.line);
    expect(new Set(lines).size).toBe(lines.length);
  });
});

describe("what recovery leaves in the tree", () => {
  it("a stray $ is skipped and the name after it still reads as the value", () => {
    const up = parse("up bond0 { address $ip }", "b.bond").ast.items[0] as UpStmt;
    expect(up.settings?.[0]).toMatchObject({ name: { name: "address" }, values: [{ kind: "NameExpr", name: { name: "ip" }, span: at("1:21-1:23") }] });
  });

  it("an unterminated string keeps its text up to the end of the line", () => {
    const imp = parse('import "std/profiles\n', "b.bond").ast.items[0] as ImportDecl;
    expect(imp.path).toMatchObject({ value: "std/profiles", span: at("1:8-1:21") });
  });

  it("a missing value becomes a MissingExpr where the value should have been", () => {
    const [letStmt, enslave] = parse("let x =\nenslave eth0 to\nmount proc", "b.bond").ast.items as [LetStmt, EnslaveStmt];
    expect(letStmt.value).toMatchObject({ kind: "MissingExpr", span: at("1:8-1:8") });
    expect(enslave.bond).toMatchObject({ kind: "MissingExpr", span: at("2:16-2:16") });
  });

  it("a cut statement is reported on its own line, naming what came instead as a secondary label", () => {
    const [d] = parse("let x =\nmount proc", "b.bond").diagnostics;
    expect(d).toMatchObject({
      code: "BOND0001",
      message: "expected a value (a name, address, number or string), found `mount`",
      span: at("1:8-1:8"),
      related: [{ span: at("2:1-2:6"), message: "unexpected here" }],
    });
  });

  it("messages never mention chevrotain's token names", () => {
    const messages = cases.flatMap(([, c]) => parse(c.text, "b.bond").diagnostics.map((d) => d.message));
    for (const m of messages) expect(m).not.toMatch(/`eof`|EOF|Ident\b|LCurly|RCurly|StringLit|NOT_ALL_INPUT/);
  });

  it("a repaired mistake leaves the statement as it was meant: `up bond0` missing its `{` keeps its settings", () => {
    const up = parse("up bond0\n  address 10.0.2.15\n  netmask /24\n}", "b.bond").ast.items[0] as UpStmt;
    expect(up.settings?.map((s) => s.name.name)).toEqual(["address", "netmask"]);
    expect(up.span).toMatchObject(at("1:1-4:2"));
  });

  it("a literal in another tool's shape is one diagnostic and still reads as the literal", () => {
    const { ast, diagnostics } = parse("up bond0 { address 10.0.2.15/24  hwaddr 52-54-00-12-34-56 }", "b.bond");
    expect(diagnostics.map((d) => `${d.code}@${d.span.line}:${d.span.column}`)).toEqual(["BOND0201@1:20", "BOND0202@1:41"]);
    expect((ast.items[0] as UpStmt).settings?.map((s) => s.values.map((v) => v.kind))).toEqual([["Ipv4Lit"], ["MacLit"]]);
  });

  it("a dashed MAC inside a comment or a string is left alone", () => {
    expect(parse('# hwaddr 52-54-00-12-34-56\nhandoff "52-54-00-12-34-56"', "b.bond").diagnostics).toEqual([]);
  });

  it("an unterminated string is one diagnostic, not also a syntax error on the same statement", () => {
    expect(parse('let x = "abc\nmount proc', "b.bond").diagnostics.map((d) => d.code)).toEqual(["BOND0003"]);
  });
});
