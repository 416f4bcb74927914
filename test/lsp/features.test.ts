import { registry } from "../../src/registry/registry.js";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type {
  CompletionList,
  DocumentSymbol,
  FoldingRange,
  Hover,
  Location,
  SemanticTokens,
  TextEdit,
  WorkspaceEdit,
} from "vscode-languageserver-protocol";
import { check } from "../../src/api/check.js";
import { diskHost, type CompileHost } from "../../src/semantic/sources.js";
import { formatBond } from "../../src/format/format.js";
import { semanticTokensLegend } from "../../src/lsp/semantic-tokens.js";
import type { LspClient } from "../../src/lsp/stdio-client.js";
import { applyEdits, examples, positionOf, repoRoot, startServer, uriOf } from "./support.js";

let client: LspClient;
let version = 1;
beforeAll(async () => {
  client = await startServer();
});
afterAll(async () => {
  await client.stop();
});

const example = (name: string) => examples().find((e) => e.name === name)!;

/** Opens `text` under a fresh URI (so no test sees another's document) and waits for its check. */
async function open(text: string, path = `/virtual/doc${version}.bond`): Promise<string> {
  const uri = uriOf(path);
  version++;
  await client.open(uri, text);
  await client.diagnostics(uri);
  return uri;
}

async function completionLabels(text: string): Promise<string[]> {
  const uri = await open(text);
  const lines = text.split("\n");
  const position = { line: lines.length - 1, character: lines.at(-1)!.length };
  const list = await client.request<CompletionList>("textDocument/completion", { textDocument: { uri }, position });
  return list.items.map((i) => i.label);
}

async function hoverText(text: string, needle: string, delta = 0, path?: string): Promise<string> {
  const uri = await open(text, path);
  const hover = await client.request<Hover | null>("textDocument/hover", {
    textDocument: { uri },
    position: positionOf(text, needle, delta),
  });
  return hover ? (hover.contents as { value: string }).value : "";
}

describe("completion", () => {
  const header = example("active-backup").text.split("\nload bonding")[0]! + "\n";

  it("offers statement keywords and the imported procedures at the end of a file", async () => {
    const labels = await completionLabels(`${example("lacp-stdlib").text}\n`);
    expect(labels).toEqual(
      expect.arrayContaining(["let", "up", "enslave", "handoff", "lacp_pair", "failover_pair", "bond_boot_nic"]),
    );
  });

  it("gives procedures their parameters as detail and snippet", async () => {
    const text = `${example("lacp-stdlib").text}\nlacp`;
    const uri = await open(text);
    const lines = text.split("\n");
    const list = await client.request<CompletionList>("textDocument/completion", {
      textDocument: { uri },
      position: { line: lines.length - 1, character: 4 },
    });
    const item = list.items.find((i) => i.label === "lacp_pair")!;
    expect(item.detail).toBe("proc lacp_pair(boot: interface, spare: interface, bond: interface)");
    expect((item.textEdit as TextEdit).newText).toBe("lacp_pair(${1:boot}, ${2:spare}, ${3:bond})");
    expect((item.textEdit as TextEdit).range.start.character).toBe(0);
  });

  it("offers the fields discover reads after `boot.` in a half-written line", async () => {
    expect(await completionLabels(`${header}let gw = discover boot.`)).toEqual([
      "hwaddr",
      "inet",
      "netmask",
      "broadcast",
    ]);
  });

  it("offers the inventory's node fields after `discover node.`", async () => {
    expect(await completionLabels(`${header}let ip = discover node.`)).toEqual(["address"]);
  });

  it("offers the bonding modes after `mode`", async () => {
    const labels = await completionLabels(`${header}load bonding\nup bond0 {\n  mode `);
    expect(labels).toEqual([
      "balance-rr",
      "active-backup",
      "balance-xor",
      "broadcast",
      "802.3ad",
      "balance-tlb",
      "balance-alb",
    ]);
  });

  it("offers only the options valid for the bond's mode inside an unfinished up block", async () => {
    const ab = await completionLabels(
      `${header}load bonding mode=active-backup miimon=100\nup bond0 {\n  address ip\n  `,
    );
    expect(ab).toEqual(expect.arrayContaining(["netmask", "hwaddr", "miimon", "primary", "fail_over_mac"]));
    expect(ab).not.toContain("lacp_rate");
    expect(ab).not.toContain("packets_per_slave");
    const lacp = await completionLabels(`${header}load bonding mode=802.3ad miimon=100\nup bond0 {\n  address ip\n  `);
    expect(lacp).toEqual(expect.arrayContaining(["lacp_rate", "ad_select", "xmit_hash_policy"]));
    expect(lacp).not.toContain("primary");
  });

  it("offers the registry's targets, toolsets and mounts", async () => {
    expect(await completionLabels("target ")).toEqual([...registry.targets.keys()]);
    expect(await completionLabels('target linuxrc { kernel "2.6.32"  tools ')).toEqual([...registry.toolsets.keys()]);
    expect(await completionLabels(`${header}mount `)).toEqual(["proc"]);
  });

  it("offers an inventory's settings inside its block, and `inventory` where a declaration starts", async () => {
    expect(await completionLabels('inventory "nodes.csv" {\n  ')).toEqual(["network", "netmask"]);
    expect(await completionLabels('inventory "nodes.csv" { network 10.0.2.0  ')).toEqual(["network", "netmask"]);
    expect(await completionLabels("")).toContain("inventory");
  });

  it("offers `clients` after `wait`, and the wait's settings inside its block", async () => {
    expect(await completionLabels("target server { boot eth0 }\nwait ")).toEqual(["clients"]);
    expect(await completionLabels("target server { boot eth0 }\nwait clients { ")).toEqual(["deadline", "then"]);
  });

  it("follows name-value pairs in a one-line block", async () => {
    const block = `${header}load bonding mode=802.3ad miimon=100\nup bond0 { address ip  `;
    expect(await completionLabels(block)).toEqual(expect.arrayContaining(["netmask", "lacp_rate"]));
    expect(await completionLabels(`${block}lacp_rate `)).toEqual(["slow", "fast"]);
    expect(await completionLabels(`${block}netmask `)).toEqual(expect.arrayContaining(["mask", "ip"]));
  });

  it("offers the bindings and interfaces in scope where a value goes", async () => {
    const labels = await completionLabels(`${header}down boot, `);
    expect(labels).toEqual(
      expect.arrayContaining(["boot", "spare", "mac", "ip", "mask", "bcast", "eth0", "eth1", "bond0"]),
    );
  });

  it.each([["enslave "], ["enslave eth0, "], ["enslave boot, "]])(
    "offers only NICs, and names bound to one, as slaves: `%s`",
    async (typed) => {
      const labels = await completionLabels(`${header}${typed}`);
      expect(labels).toEqual(expect.arrayContaining(["eth0", "eth1", "boot", "spare"]));
      for (const wrong of ["lo", "bond0", "mac", "ip", "iface", "discover"]) expect(labels).not.toContain(wrong);
    },
  );

  it("offers the bonds after `to` in an enslave", async () => {
    expect(await completionLabels(`${header}enslave eth0, eth1 to `)).toContain("bond0");
  });

  it("offers the statement keywords on a new line after `mount proc`, as typed", async () => {
    const labels = await completionLabels(`${header}mount proc\nhan`);
    expect(labels).toContain("handoff");
    expect(await completionLabels(`${header}mount proc\n`)).toEqual(expect.arrayContaining(["handoff", "on", "let"]));
  });

  it("still offers nothing where a procedure is being named", async () => {
    expect(await completionLabels(`${header}proc `)).toEqual([]);
  });

  it("offers module options after `load bonding`, written name=", async () => {
    const text = `${header}load bonding mode=balance-rr `;
    const uri = await open(text);
    const lines = text.split("\n");
    const list = await client.request<CompletionList>("textDocument/completion", {
      textDocument: { uri },
      position: { line: lines.length - 1, character: lines.at(-1)!.length },
    });
    const labels = list.items.map((i) => i.label);
    expect(labels).toEqual(expect.arrayContaining(["miimon", "packets_per_slave", "max_bonds"]));
    expect(labels).not.toContain("primary");
    expect((list.items.find((i) => i.label === "miimon")!.textEdit as TextEdit).newText).toBe("miimon=");
  });

  it("offers nothing inside a comment", async () => {
    expect(await completionLabels(`${header}# load `)).toEqual([]);
  });
});

describe("hover", () => {
  const text = example("active-backup").text;

  it("shows a binding's type", async () => {
    expect(await hoverText(text, "address ip", 8)).toContain("let ip: ipv4");
  });

  it("documents an inventory's settings", async () => {
    const inventory = 'inventory "nodes.csv" { network 10.0.2.0  netmask /24 }\n';
    expect(await hoverText(inventory, "network")).toContain("the cluster's network address");
  });

  it("shows what a step does, the command it becomes and the state before it", async () => {
    const hover = await hoverText(text, "enslave boot");
    expect(hover).toContain("enslaves eth0 to bond0");
    expect(hover).toContain("ifenslave bond0 eth0");
    expect(hover).toContain("- eth0: down");
    expect(hover).toContain("- bond0: up");
  });

  it("shows the slaves as enslaved at the handoff", async () => {
    const hover = await hoverText(text, "handoff nfs");
    expect(hover).toContain("echo 0x00ff > /proc/sys/kernel/real-root-dev");
    expect(hover).toContain("- eth0: enslaved to bond0");
    expect(hover).toContain("- bond0: up, slaves eth0, eth1");
  });

  it("documents a bonding option with the modes it belongs to", async () => {
    expect(await hoverText(text, "primary eth0", 1)).toContain("modes: active-backup, balance-tlb, balance-alb");
  });

  it("shows a parameter of a procedure nobody calls", async () => {
    const bonding = readFileSync(join(repoRoot, "stdlib", "bonding.bond"), "utf8");
    const hover = await hoverText(bonding, "down boot, spare", 11);
    expect(hover).toContain("spare: interface");
    expect(hover).toContain("parameter of `bond_boot_nic`");
  });

  it("describes the step even when the file does not compile", async () => {
    const broken = text.replace("load bonding mode=active-backup miimon=100\n", "");
    const hover = await hoverText(broken, "down boot");
    expect(hover).toContain("takes eth0 down");
    expect(hover).not.toContain("Generated commands");
  });
});

describe("navigation and rename", () => {
  const lacp = example("lacp-stdlib");
  const profilesPath = join(repoRoot, "stdlib", "profiles.bond");
  const profiles = readFileSync(profilesPath, "utf8");

  it("goes from a call to the procedure's definition in stdlib/", async () => {
    const uri = await open(lacp.text, lacp.path);
    const location = await client.request<Location>("textDocument/definition", {
      textDocument: { uri },
      position: positionOf(lacp.text, "lacp_pair(", 2),
    });
    expect(location.uri).toBe(uriOf(profilesPath));
    expect(location.range.start).toEqual(positionOf(profiles, "lacp_pair("));
  });

  it("finds every use of a binding", async () => {
    const text = example("active-backup").text;
    const uri = await open(text);
    const refs = await client.request<Location[]>("textDocument/references", {
      textDocument: { uri },
      position: positionOf(text, "let spare", 4),
      context: { includeDeclaration: true },
    });
    expect(refs.map((r) => r.range.start.line + 1)).toEqual([6, 23, 24]);
  });

  it("renames a binding everywhere, and the result still checks clean", async () => {
    const text = example("active-backup").text;
    const uri = await open(text);
    const position = positionOf(text, "down boot, spare", 11);
    const prepared = await client.request<{ placeholder: string }>("textDocument/prepareRename", {
      textDocument: { uri },
      position,
    });
    expect(prepared.placeholder).toBe("spare");
    const edit = await client.request<WorkspaceEdit>("textDocument/rename", {
      textDocument: { uri },
      position,
      newName: "backup",
    });
    const renamed = applyEdits(text, edit.changes![uri]!);
    expect(renamed).toContain("let backup = iface eth1");
    expect(renamed).toContain("enslave boot, backup to bond0");
    expect(check(renamed, "/virtual/renamed.bond").diagnostics).toEqual([]);
  });

  it("renames a stdlib procedure in stdlib/ too", async () => {
    const uri = await open(lacp.text, lacp.path);
    const edit = await client.request<WorkspaceEdit>("textDocument/rename", {
      textDocument: { uri },
      position: positionOf(lacp.text, "lacp_pair("),
      newName: "port_channel_pair",
    });
    expect(Object.keys(edit.changes!).sort()).toEqual([uri, uriOf(profilesPath)].sort());
    const newProfiles = applyEdits(profiles, edit.changes![uriOf(profilesPath)]!);
    const newMain = applyEdits(lacp.text, edit.changes![uri]!);
    expect(newProfiles).toContain("proc port_channel_pair(");
    const host: CompileHost = {
      ...diskHost,
      readFile: (p) => (p === profilesPath ? newProfiles : diskHost.readFile(p)),
    };
    expect(check(newMain, lacp.path, host).diagnostics).toEqual([]);
  });

  it("refuses to rename a keyword or to a keyword", async () => {
    const text = example("active-backup").text;
    const uri = await open(text);
    expect(
      await client.request("textDocument/prepareRename", {
        textDocument: { uri },
        position: positionOf(text, "enslave"),
      }),
    ).toBeNull();
    await expect(
      client.request("textDocument/rename", {
        textDocument: { uri },
        position: positionOf(text, "let spare", 4),
        newName: "enslave",
      }),
    ).rejects.toMatchObject({ code: -32602 });
  });
});

describe("outline, folding, highlighting, formatting", () => {
  it("lists procedures with their parameters, and the file's lets and interfaces", async () => {
    const bonding = readFileSync(join(repoRoot, "stdlib", "bonding.bond"), "utf8");
    const uri = await open(bonding);
    const symbols = await client.request<DocumentSymbol[]>("textDocument/documentSymbol", { textDocument: { uri } });
    expect(symbols.map((s) => s.name)).toEqual(["bond_boot_nic", "handoff_nfs_root"]);
    expect(symbols[0]!.children!.map((c) => c.name)).toEqual([
      "boot",
      "spare",
      "bond",
      "policy",
      "miimon",
      "mac",
      "ip",
      "mask",
      "bcast",
    ]);
    const seed = example("seed-general").text;
    const seedSymbols = await client.request<DocumentSymbol[]>("textDocument/documentSymbol", {
      textDocument: { uri: await open(seed) },
    });
    expect(seedSymbols.map((s) => s.name)).toEqual(["linuxrc", "boot", "eth1", "mac", "ip"]);
  });

  it("folds blocks and comment runs", async () => {
    const text = example("seed-general").text;
    const ranges = await client.request<FoldingRange[]>("textDocument/foldingRange", {
      textDocument: { uri: await open(text) },
    });
    const up = positionOf(text, "up bond0").line;
    expect(ranges).toContainEqual({ startLine: 0, endLine: 2, kind: "comment" });
    expect(ranges).toContainEqual({ startLine: up, endLine: up + 5 });
    expect(ranges).toContainEqual({ startLine: up - 2, endLine: up - 1, kind: "comment" });
  });

  it("classifies every kind of token", async () => {
    const text = example("active-backup").text;
    const tokens = await client.request<SemanticTokens>("textDocument/semanticTokens/full", {
      textDocument: { uri: await open(text) },
    });
    const decoded = new Map<string, string>();
    let line = 0;
    let character = 0;
    const lines = text.split("\n");
    for (let i = 0; i < tokens.data.length; i += 5) {
      const [dl, dc, length, type] = tokens.data.slice(i, i + 4) as [number, number, number, number];
      line += dl;
      character = dl === 0 ? character + dc : dc;
      decoded.set(
        `${line + 1}:${lines[line]!.slice(character, character + length)}`,
        semanticTokensLegend.tokenTypes[type]!,
      );
    }
    expect(decoded.get("3:target")).toBe("keyword");
    expect(decoded.get('3:"2.6.32"')).toBe("string");
    expect(decoded.get("5:boot")).toBe("variable");
    expect(decoded.get("8:hwaddr")).toBe("property");
    expect(decoded.get("13:active-backup")).toBe("enumMember");
    expect(decoded.get("13:miimon")).toBe("property");
    expect(decoded.get("13:100")).toBe("number");
    expect(decoded.get("26:10.0.2.2")).toBe("number");
    expect([...decoded].find(([k]) => k.startsWith("1:#"))?.[1]).toBe("comment");
    const lacp = example("lacp-stdlib").text;
    const lacpTokens = await client.request<SemanticTokens>("textDocument/semanticTokens/full", {
      textDocument: { uri: await open(lacp) },
    });
    expect(lacpTokens.data.length).toBeGreaterThan(0);
  });

  it("formats through formatBond, and leaves a broken file alone", async () => {
    const messy =
      'target linuxrc {   kernel "2.6.32" tools net-tools boot eth0 }\niface   eth0,eth1\nload bonding   mode=active-backup\n';
    const uri = await open(messy);
    const edits = await client.request<TextEdit[]>("textDocument/formatting", {
      textDocument: { uri },
      options: { tabSize: 2, insertSpaces: true },
    });
    expect(formatBond(messy)).not.toBe(messy);
    expect(applyEdits(messy, edits)).toBe(formatBond(messy));
    const brokenUri = await open(`${messy}enslave eth0 bond0\n`);
    expect(
      await client.request("textDocument/formatting", {
        textDocument: { uri: brokenUri },
        options: { tabSize: 2, insertSpaces: true },
      }),
    ).toEqual([]);
  });
});
