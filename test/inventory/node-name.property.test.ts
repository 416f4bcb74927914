import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { check } from "../../src/api/check.js";
import { nodeName, violation } from "../../src/semantic/domains/index.js";
import { hostWith, quoted } from "./named-client.js";
import { nodeNames } from "./node-names.js";

/*
 * The node-name domain over generated names: a name in an inventory's CSV is refused (BOND0220, at
 * its own row) exactly when the domain's table says it breaks a rule, and an accepted name comes
 * out of the inventory unchanged, as it will reach the node's boot entry.
 */

const decl = 'inventory "nodes.csv" { network 10.0.2.0  netmask /24 }\n';
const header = "name,address,macs,role\nnode1,10.0.2.2,52:54:00:12:34:01,server\n";

function inventoryWith(name: string) {
  const csv = `${header}${quoted(name)},10.0.2.15,52:54:00:12:34:11,client\n`;
  const host = hostWith(csv);
  return check(decl, "/p/cluster.bond", host);
}

describe("node names", () => {
  it("are refused exactly when they are outside the node-name domain, and arrive unchanged otherwise", () => {
    let inside = 0;
    let outside = 0;
    fc.assert(
      fc.property(nodeNames, (name) => {
        const result = inventoryWith(name);
        const refused = result.diagnostics.filter((d) => d.code === "BOND0220");
        if (violation(nodeName, name) === undefined) {
          inside++;
          expect(refused, JSON.stringify(name)).toEqual([]);
          expect(result.inventories[0]!.nodes.map((n) => n.name.value)).toContain(name);
        } else {
          outside++;
          expect(
            refused.map((d) => [d.span.file, d.span.line]),
            JSON.stringify(name),
          ).toEqual([["/p/nodes.csv", 3]]);
        }
      }),
      { numRuns: 2000 },
    );
    expect(inside).toBeGreaterThan(200);
    expect(outside).toBeGreaterThan(200);
  });
});
