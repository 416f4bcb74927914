import { describe, expect, it } from "vitest";
import { check } from "../../src/api/check.js";
import { formatBond } from "../../src/format/format.js";
import type { CompileHost } from "../../src/semantic/sources.js";
import { diskHost } from "../../src/semantic/sources.js";
import { readCsv } from "../../src/semantic/inventory/csv.js";

/** A project in memory: /p/NAME → text. */
function project(files: Record<string, string>): CompileHost {
  return { ...diskHost, root: "/p", readFile: (path) => files[path], realPath: (path) => path };
}

const header = "name,address,macs,role\n";
const server = "node1,10.0.2.2,52:54:00:12:34:01 52:54:00:12:34:02,server\n";
const decl = 'inventory "nodes.csv" { network 10.0.2.0  netmask /24 }\n';

function run(csv: string, bond = decl) {
  const result = check(bond, "/p/cluster.bond", project({ "/p/nodes.csv": csv }));
  return {
    result,
    found: result.diagnostics.map((d) => `${d.span.file}:${d.span.line}:${d.span.column} ${d.code} ${d.message}`),
  };
}

describe("the CSV reader", () => {
  it("reads quoted fields with commas and doubled quotes, CRLF line ends, and skips comments and blank lines", () => {
    const text = '# comment\r\n\r\na,"b,c","say ""hi"""\r\n  x , y ,z\n';
    const { rows, problems } = readCsv(text);
    expect(problems).toEqual([]);
    expect(rows.map((r) => r.cells.map((c) => c.value))).toEqual([
      ["a", "b,c", 'say "hi"'],
      ["x", "y", "z"],
    ]);
    // A cell's offsets cover its text (quotes included), without the spaces around it.
    const cell = rows[1]!.cells[1]!;
    expect(text.slice(cell.start, cell.end)).toBe("y");
    expect(text.slice(rows[0]!.cells[1]!.start, rows[0]!.cells[1]!.end)).toBe('"b,c"');
  });

  it("reports a quoted field that is never closed, and text after a closing quote", () => {
    expect(readCsv('a,"b\n').problems.map((p) => p.message)).toEqual(["this quoted field is never closed"]);
    expect(readCsv('a,"b"c\n').problems.map((p) => p.message)).toEqual(["text after a quoted field's closing quote"]);
  });
});

describe("inventories", () => {
  it("a clean inventory gives its nodes, MACs upper-cased, role defaulting to client", () => {
    const { result, found } = run(
      "address,name,macs\n10.0.2.15,node2,52:54:00:ab:cd:11\n10.0.2.16,node3,52:54:00:12:34:21 52:54:00:12:34:22\n",
    );
    expect(found).toEqual([]);
    expect(result.program.library).toBe(true);
    const nodes = result.inventories[0]!.nodes;
    expect(nodes.map((n) => [n.name.value, n.address.text, n.macs.map((m) => m.value), n.role])).toEqual([
      ["node2", "10.0.2.15", ["52:54:00:AB:CD:11"], "client"],
      ["node3", "10.0.2.16", ["52:54:00:12:34:21", "52:54:00:12:34:22"], "client"],
    ]);
  });

  it("a MAC inside a quoted cell is reported at its own column", () => {
    const { found } = run(`${header}${server}node2,10.0.2.15,"52:54:00:12:34:11 52:54:00:12:34",client\n`);
    expect(found).toEqual(["/p/nodes.csv:3:36 BOND0202 `52:54:00:12:34` is not a valid MAC address"]);
  });

  it("a header without a required column, or with an unknown one, is reported once and no row is read", () => {
    expect(run("name,adress,macs\nnode2,10.0.2.15,52:54:00:12:34:11\n").found).toEqual([
      "/p/nodes.csv:1:1 BOND0131 the header has no `address` column",
      "/p/nodes.csv:1:6 BOND0131 `adress` is not an inventory column",
    ]);
  });

  it("a second server is a malformed row; a client with the server's address is BOND0424, not a duplicate", () => {
    const { found } = run(
      `${header}${server}node2,10.0.2.2,52:54:00:12:34:11,client\nnode3,10.0.2.3,52:54:00:12:34:21,server\n`,
    );
    expect(found).toEqual([
      "/p/nodes.csv:3:7 BOND0424 node2 is given the server's address 10.0.2.2",
      "/p/nodes.csv:4:34 BOND0131 a cluster has one server; node1 is already it",
    ]);
  });

  it("an address that is the network's own address is outside the hosts of the subnet", () => {
    const { found } = run(`${header}${server}node2,10.0.2.0,52:54:00:12:34:11,client\n`);
    expect(found).toEqual(["/p/nodes.csv:3:7 BOND0423 node2's address 10.0.2.0 is the network address of 10.0.2.0/24"]);
  });

  it("without network and netmask the subnet is not checked, the rest is", () => {
    const { found } = run(`${header}${server}node2,192.168.9.9,52:54:00:12:34:11,client\n`, 'inventory "nodes.csv"\n');
    expect(found).toEqual([]);
  });

  it("an inventory declared in an imported library is checked for the file that imports it", () => {
    const files = {
      "/p/inventory.bond": decl,
      "/p/nodes.csv": `${header}${server}node2,10.0.2.2,52:54:00:12:34:11,client\n`,
    };
    const result = check('import "./inventory.bond"\n', "/p/lib.bond", project(files));
    expect(result.diagnostics.map((d) => `${d.span.file}:${d.span.line} ${d.code}`)).toEqual([
      "/p/nodes.csv:3 BOND0424",
    ]);
  });

  it("a missing inventory is reported at its name", () => {
    const result = check(decl, "/p/cluster.bond", project({}));
    expect(result.diagnostics.map((d) => `${d.span.line}:${d.span.column} ${d.code} ${d.message}`)).toEqual([
      "1:11 BOND0130 cannot read the inventory `nodes.csv`",
    ]);
  });

  it("the formatter keeps an inventory declaration, with or without its block", () => {
    const text = 'inventory   "nodes.csv"   {network 10.0.2.0 netmask /24}\ninventory "more.csv"\n';
    expect(formatBond(text, "x.bond")).toBe(
      'inventory "nodes.csv" { network 10.0.2.0  netmask /24 }\ninventory "more.csv"\n',
    );
  });
});
