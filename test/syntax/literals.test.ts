import { describe, expect, it } from "vitest";
import type { LetStmt, UpStmt } from "../../src/syntax/ast.js";
import { parse } from "../../src/syntax/parse.js";
import { at } from "./where.js";

/** Parses `let x = TEXT` and returns the value's node, failing on any diagnostic. */
function valueOf(text: string) {
  const { ast, diagnostics } = parse(`let x = ${text}`, "lit.bond");
  expect(diagnostics).toEqual([]);
  return (ast.items[0] as LetStmt).value;
}

// Literal text goes through unchanged (a malformed address reaches the checker, which can say
// what is wrong with it), so the table pairs each text with the node kind it must become.
const literals: [string, object][] = [
  ["00:90:27:E0:30:51", { kind: "MacLit", text: "00:90:27:E0:30:51", span: at("1:9-1:26") }],
  ["52:54:00:12:34:56", { kind: "MacLit", text: "52:54:00:12:34:56" }],
  ["ab:cd:ef:01:02:03", { kind: "MacLit", text: "ab:cd:ef:01:02:03" }],
  ["52:54:00", { kind: "MacLit", text: "52:54:00" }],
  ["10.0.2.2", { kind: "Ipv4Lit", text: "10.0.2.2", span: at("1:9-1:17") }],
  ["255.255.255.0", { kind: "Ipv4Lit", text: "255.255.255.0" }],
  ["10.0.2", { kind: "Ipv4Lit", text: "10.0.2" }],
  ["1.2.3.4.5", { kind: "Ipv4Lit", text: "1.2.3.4.5" }],
  ["/24", { kind: "PrefixLit", text: "/24", span: at("1:9-1:12") }],
  ["802.3ad", { kind: "NameExpr", name: { name: "802.3ad" }, span: at("1:9-1:16") }],
  ["100", { kind: "IntLit", text: "100" }],
  ["0", { kind: "IntLit", text: "0" }],
  ["balance-rr", { kind: "NameExpr", name: { name: "balance-rr", span: at("1:9-1:19") } }],
  ["active-backup", { kind: "NameExpr", name: { name: "active-backup" } }],
  ["net-tools", { kind: "NameExpr", name: { name: "net-tools" } }],
  ["layer3+4", { kind: "NameExpr", name: { name: "layer3+4" } }],
  ["true", { kind: "BoolLit", value: true }],
  ["false", { kind: "BoolLit", value: false }],
  ['"/srv/nfsroot/node 5"', { kind: "StringLit", value: "/srv/nfsroot/node 5", span: at("1:9-1:30") }],
  ['""', { kind: "StringLit", value: "" }],
  ['"a # not a comment"', { kind: "StringLit", value: "a # not a comment" }],
];

describe("literals", () => {
  it.each(literals)("%s", (text, expected) => {
    expect(valueOf(text)).toMatchObject(expected);
  });

  it("a hyphenated word ends at a space: `balance-rr -x` is not one name", () => {
    const { diagnostics } = parse("let x = balance-rr -x", "lit.bond");
    expect(diagnostics.map((d) => d.code)).toEqual(["BOND0002"]);
    expect(diagnostics[0]!.span).toMatchObject(at("1:20"));
  });
});

describe("keywords and identifiers", () => {
  // A name that merely starts with a keyword is a name: the keyword patterns refuse to match
  // when a name character follows.
  it.each([
    "uplink",
    "downdelay",
    "updelay",
    "targets",
    "important",
    "procs",
    "lets",
    "ifaces",
    "only",
    "tor",
    "mounted",
    "trueish",
    "up-link",
    "down_1",
    "on+off",
  ])("%s is an identifier", (name) => {
    const { ast, diagnostics } = parse(`let ${name} = 1`, "kw.bond");
    expect(diagnostics).toEqual([]);
    expect((ast.items[0] as LetStmt).name).toMatchObject({ name, span: at(`1:5-1:${5 + name.length}`) });
  });

  it("updelay and downdelay are setting names in an up block", () => {
    const { ast, diagnostics } = parse("up bond0 { updelay 200  downdelay 400 }", "kw.bond");
    expect(diagnostics).toEqual([]);
    expect((ast.items[0] as UpStmt).settings).toMatchObject([
      { name: { name: "updelay", span: at("1:12-1:19") }, values: [{ kind: "IntLit", text: "200" }] },
      { name: { name: "downdelay", span: at("1:25-1:34") }, values: [{ kind: "IntLit", text: "400" }] },
    ]);
  });

  it.each(["up", "down", "let", "to", "on", "iface", "proc", "target"])(
    "the keyword %s cannot be bound as a name",
    (word) => {
      const { diagnostics } = parse(`let ${word} = 1\nmount proc`, "kw.bond");
      expect(diagnostics).toMatchObject([
        { code: "BOND0001", span: at("1:5"), message: `expected a name, found \`${word}\`` },
      ]);
    },
  );
});

describe("comments", () => {
  it("are kept in ast.comments with their text and spans, and are not items", () => {
    const text = "# node five\niface eth0 # the boot NIC\n\n  # indented\nmount proc\n#";
    const { ast, diagnostics } = parse(text, "c.bond");
    expect(diagnostics).toEqual([]);
    expect(ast.items.map((i) => i.kind)).toEqual(["IfaceStmt", "MountStmt"]);
    expect(ast.comments).toMatchObject([
      { text: "# node five", span: at("1:1-1:12") },
      { text: "# the boot NIC", span: at("2:12-2:26") },
      { text: "# indented", span: at("4:3-4:13") },
      { text: "#", span: at("6:1-6:2") },
    ]);
  });

  it("inside a block and between a statement's parts", () => {
    const { ast, diagnostics } = parse("up bond0 { # the bond\n  address 10.0.0.1 # fixed\n}", "c.bond");
    expect(diagnostics).toEqual([]);
    expect((ast.items[0] as UpStmt).settings).toHaveLength(1);
    expect(ast.comments.map((c) => [c.text, c.span.line])).toEqual([
      ["# the bond", 1],
      ["# fixed", 2],
    ]);
  });

  it("a bondc:allow directive is a comment like any other", () => {
    const { ast } = parse("# bondc:allow BOND0507\nload bonding", "c.bond");
    expect(ast.comments).toMatchObject([{ text: "# bondc:allow BOND0507", span: at("1:1-1:23") }]);
  });
});
