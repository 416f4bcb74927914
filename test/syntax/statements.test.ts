import { describe, expect, it } from "vitest";
import type { Item } from "../../src/syntax/ast.js";
import { parse } from "../../src/syntax/parse.js";
import { at } from "./where.js";

/*
 * Every statement and declaration form parses, alone and without diagnostics, to the AST its
 * grammar rule promises: kinds, names and the line:column range of each part.
 */
const forms: [string, string, object][] = [
  [
    "target block",
    'target linuxrc { kernel "2.2.14"  tools net-tools  boot eth0 }',
    {
      kind: "TargetDecl",
      name: { name: "linuxrc", span: at("1:8-1:15") },
      settings: [
        {
          name: { name: "kernel" },
          values: [{ kind: "StringLit", value: "2.2.14", span: at("1:25-1:33") }],
          span: at("1:18-1:33"),
        },
        { name: { name: "tools" }, values: [{ kind: "NameExpr", name: { name: "net-tools" }, span: at("1:41-1:50") }] },
        { name: { name: "boot" }, values: [{ kind: "NameExpr", name: { name: "eth0" }, span: at("1:57-1:61") }] },
      ],
      span: at("1:1-1:63"),
    },
  ],
  [
    "import",
    'import "std/profiles"',
    {
      kind: "ImportDecl",
      path: { kind: "StringLit", value: "std/profiles", span: at("1:8-1:22") },
      span: at("1:1-1:22"),
    },
  ],
  [
    "proc declaration",
    "proc pair(a: interface, m: mode) {\n  down a\n  mount proc\n}",
    {
      kind: "ProcDecl",
      name: { name: "pair", span: at("1:6-1:10") },
      params: [
        {
          kind: "Param",
          name: { name: "a", span: at("1:11-1:12") },
          type: { name: "interface", span: at("1:14-1:23") },
          span: at("1:11-1:23"),
        },
        { kind: "Param", name: { name: "m" }, type: { name: "mode", span: at("1:28-1:32") } },
      ],
      body: [
        { kind: "DownStmt", targets: [{ kind: "NameExpr", name: { name: "a" } }], span: at("2:3-2:9") },
        { kind: "MountStmt", what: { name: "proc" }, span: at("3:3-3:13") },
      ],
      span: at("1:1-4:2"),
    },
  ],
  [
    "proc without parameters",
    "proc nothing() {\n}",
    { kind: "ProcDecl", name: { name: "nothing" }, params: [], body: [], span: at("1:1-2:2") },
  ],
  [
    "iface list",
    "iface eth0, eth1",
    {
      kind: "IfaceStmt",
      names: [
        { name: "eth0", span: at("1:7-1:11") },
        { name: "eth1", span: at("1:13-1:17") },
      ],
      span: at("1:1-1:17"),
    },
  ],
  [
    "let with iface",
    "let boot = iface eth0",
    {
      kind: "LetStmt",
      name: { name: "boot", span: at("1:5-1:9") },
      value: { kind: "IfaceExpr", name: { name: "eth0", span: at("1:18-1:22") }, span: at("1:12-1:22") },
      span: at("1:1-1:22"),
    },
  ],
  [
    "let with discover",
    "let mac = discover boot.hwaddr",
    {
      kind: "LetStmt",
      name: { name: "mac" },
      value: {
        kind: "DiscoverExpr",
        target: { name: "boot", span: at("1:20-1:24") },
        field: { name: "hwaddr", span: at("1:25-1:31") },
        span: at("1:11-1:31"),
      },
    },
  ],
  [
    "let with a type",
    "let n: int = 100",
    {
      kind: "LetStmt",
      name: { name: "n" },
      type: { name: "int", span: at("1:8-1:11") },
      value: { kind: "IntLit", text: "100", span: at("1:14-1:17") },
    },
  ],
  [
    "load with module options",
    "load bonding mode=active-backup miimon=100",
    {
      kind: "LoadStmt",
      module: { kind: "NameExpr", name: { name: "bonding" }, span: at("1:6-1:13") },
      options: [
        {
          kind: "Setting",
          name: { name: "mode", span: at("1:14-1:18") },
          values: [{ kind: "NameExpr", name: { name: "active-backup" }, span: at("1:19-1:32") }],
          span: at("1:14-1:32"),
        },
        { kind: "Setting", name: { name: "miimon" }, values: [{ kind: "IntLit", text: "100", span: at("1:40-1:43") }] },
      ],
      span: at("1:1-1:43"),
    },
  ],
  [
    "load without options",
    "load bonding",
    { kind: "LoadStmt", module: { kind: "NameExpr", name: { name: "bonding" } }, options: [] },
  ],
  [
    "up with a settings block over several lines",
    "up bond0 {\n  address ip\n  netmask 255.255.255.0\n  hwaddr mac\n}",
    {
      kind: "UpStmt",
      target: { kind: "NameExpr", name: { name: "bond0", span: at("1:4-1:9") } },
      settings: [
        {
          name: { name: "address", span: at("2:3-2:10") },
          values: [{ kind: "NameExpr", name: { name: "ip" }, span: at("2:11-2:13") }],
          span: at("2:3-2:13"),
        },
        { name: { name: "netmask" }, values: [{ kind: "Ipv4Lit", text: "255.255.255.0", span: at("3:11-3:24") }] },
        { name: { name: "hwaddr" }, values: [{ kind: "NameExpr", name: { name: "mac" } }] },
      ],
      span: at("1:1-5:2"),
    },
  ],
  [
    "up without a block",
    "up eth1",
    { kind: "UpStmt", target: { kind: "NameExpr", name: { name: "eth1" } }, span: at("1:1-1:8") },
  ],
  [
    "a setting with a value list",
    "up bond0 { arp_ip_target 10.0.0.1, 10.0.0.2 }",
    {
      kind: "UpStmt",
      settings: [
        {
          name: { name: "arp_ip_target" },
          values: [
            { kind: "Ipv4Lit", text: "10.0.0.1" },
            { kind: "Ipv4Lit", text: "10.0.0.2", span: at("1:36-1:44") },
          ],
        },
      ],
    },
  ],
  [
    "down list",
    "down eth0, eth1",
    {
      kind: "DownStmt",
      targets: [
        { kind: "NameExpr", name: { name: "eth0" }, span: at("1:6-1:10") },
        { kind: "NameExpr", name: { name: "eth1" }, span: at("1:12-1:16") },
      ],
      span: at("1:1-1:16"),
    },
  ],
  [
    "enslave",
    "enslave eth0, eth1 to bond0",
    {
      kind: "EnslaveStmt",
      slaves: [
        { name: { name: "eth0" }, span: at("1:9-1:13") },
        { name: { name: "eth1" }, span: at("1:15-1:19") },
      ],
      bond: { kind: "NameExpr", name: { name: "bond0" }, span: at("1:23-1:28") },
      span: at("1:1-1:28"),
    },
  ],
  [
    "enslave across lines (newlines are whitespace)",
    "enslave eth0,\n        eth1 to bond0",
    {
      kind: "EnslaveStmt",
      slaves: [{ span: at("1:9-1:13") }, { span: at("2:9-2:13") }],
      bond: { span: at("2:17-2:22") },
      span: at("1:1-2:22"),
    },
  ],
  [
    "mount proc (proc is also a keyword)",
    "mount proc",
    { kind: "MountStmt", what: { name: "proc", span: at("1:7-1:11") }, span: at("1:1-1:11") },
  ],
  [
    "handoff nfs with settings",
    'handoff nfs { server 10.0.2.2  path "/srv/nfsroot" }',
    {
      kind: "HandoffStmt",
      root: { kind: "NameExpr", name: { name: "nfs" }, span: at("1:9-1:12") },
      settings: [
        { name: { name: "server" }, values: [{ kind: "Ipv4Lit", text: "10.0.2.2", span: at("1:22-1:30") }] },
        { name: { name: "path" }, values: [{ kind: "StringLit", value: "/srv/nfsroot" }] },
      ],
      span: at("1:1-1:53"),
    },
  ],
  [
    "handoff to a device",
    'handoff "/dev/sda1"',
    { kind: "HandoffStmt", root: { kind: "StringLit", value: "/dev/sda1", span: at("1:9-1:20") } },
  ],
  [
    "on failure",
    "on failure fallback",
    { kind: "OnFailureStmt", policy: { name: "fallback", span: at("1:12-1:20") }, span: at("1:1-1:20") },
  ],
  [
    "procedure call",
    "lacp_pair(eth0, active-backup, 100)",
    {
      kind: "CallStmt",
      callee: { name: "lacp_pair", span: at("1:1-1:10") },
      args: [
        { kind: "NameExpr", name: { name: "eth0" } },
        { kind: "NameExpr", name: { name: "active-backup" }, span: at("1:17-1:30") },
        { kind: "IntLit", text: "100" },
      ],
      span: at("1:1-1:36"),
    },
  ],
  [
    "call without arguments",
    "handoff_nfs_root()",
    { kind: "CallStmt", callee: { name: "handoff_nfs_root" }, args: [], span: at("1:1-1:19") },
  ],
];

describe("every statement form parses to its AST", () => {
  it.each(forms)("%s", (_, text, expected) => {
    const { ast, diagnostics } = parse(text, "forms.bond");
    expect(diagnostics).toEqual([]);
    expect(ast.items).toHaveLength(1);
    expect(ast.items[0]).toMatchObject(expected);
  });

  it("up without a block has no settings at all, not an empty list", () => {
    const item = parse("up eth1", "f.bond").ast.items[0] as Item & { settings?: unknown };
    expect(item.settings).toBeUndefined();
  });

  it("a whole file keeps its items in order, each with its own line", () => {
    const text = [
      'target linuxrc { kernel "2.2.14"  tools net-tools }',
      "iface eth0, eth1",
      "load bonding",
      "up bond0 { address 10.0.0.1 }",
      "down eth0, eth1",
      "enslave eth0, eth1 to bond0",
      "mount proc",
      "handoff nfs",
      "on failure halt",
    ].join("\n");
    const { ast, diagnostics } = parse(text, "f.bond");
    expect(diagnostics).toEqual([]);
    expect(ast.items.map((i) => [i.kind, i.span.line])).toEqual([
      ["TargetDecl", 1],
      ["IfaceStmt", 2],
      ["LoadStmt", 3],
      ["UpStmt", 4],
      ["DownStmt", 5],
      ["EnslaveStmt", 6],
      ["MountStmt", 7],
      ["HandoffStmt", 8],
      ["OnFailureStmt", 9],
    ]);
    expect(ast.span).toMatchObject({ file: "f.bond", start: 0, end: text.length });
  });

  it("spans carry the file name and offsets that agree with line:column", () => {
    const text = "iface eth0\nlet boot = iface eth0";
    const stmt = parse(text, "dir/node.bond").ast.items[1]!;
    expect(stmt.span).toMatchObject({ file: "dir/node.bond", start: 11, end: text.length, ...at("2:1-2:22") });
    expect(text.slice(stmt.span.start, stmt.span.end)).toBe("let boot = iface eth0");
  });

  it("CRLF line endings parse like LF ones", () => {
    const { ast, diagnostics } = parse("iface eth0\r\nmount proc\r\n", "f.bond");
    expect(diagnostics).toEqual([]);
    expect(ast.items.map((i) => [i.kind, i.span.line, i.span.column])).toEqual([
      ["IfaceStmt", 1, 1],
      ["MountStmt", 2, 1],
    ]);
  });
});
