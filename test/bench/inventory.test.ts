import { describe, expect, it } from "vitest";
import { check } from "../../src/api/check.js";
import { compile } from "../../src/api/compile.js";
import { clusterBond, clusterClientBond, clusterCsv } from "../../src/bench/inventory.js";
import { diskHost } from "../../src/semantic/sources.js";

// The cluster bench is only meaningful if its inventory is clean and read in full.
describe("the bench's generated cluster", () => {
  it("checks clean, with every node read: one server and the clients, two MACs each", () => {
    const csv = clusterCsv(300);
    const host = { ...diskHost, root: "/b", readFile: (p: string) => (p === "/b/nodes.csv" ? csv : undefined) };
    const result = check(clusterBond, "/b/cluster.bond", host);
    expect(result.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([]);
    const nodes = result.inventories[0]!.nodes;
    expect(nodes).toHaveLength(301);
    expect(nodes.filter((n) => n.role === "server").map((n) => n.address.text)).toEqual(["10.1.0.1"]);
    expect(nodes.at(-1)!.address.text).toBe("10.1.1.45");
    expect(new Set(nodes.flatMap((n) => n.macs.map((m) => m.value))).size).toBe(602);
  });

  it("has a client program that compiles clean, its /init holding every client's row", () => {
    const csv = clusterCsv(300);
    const host = { ...diskHost, root: "/b", readFile: (p: string) => (p === "/b/nodes.csv" ? csv : undefined) };
    const result = compile(clusterClientBond, "/b/client.bond", host);
    expect(result.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([]);
    expect(result.script).toContain("'node2') ip=10.1.0.2 ;;");
    expect(result.script).toContain("'node301') ip=10.1.1.45 ;;");
  });
});
