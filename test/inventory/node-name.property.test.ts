import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { check } from "../../src/api/check.js";
import { nodeName, violation } from "../../src/semantic/domains/index.js";
import { diskHost, type CompileHost } from "../../src/semantic/sources.js";

/*
 * The node-name domain over generated names: a name in an inventory's CSV is refused (BOND0220, at
 * its own row) exactly when the domain's table says it breaks a rule, and an accepted name comes
 * out of the inventory unchanged, as it will reach the node's boot entry.
 */

const decl = 'inventory "nodes.csv" { network 10.0.2.0  netmask /24 }\n';
const header = "name,address,macs,role\nnode1,10.0.2.2,52:54:00:12:34:01,server\n";

/** Names weighted towards the characters and lengths the rules are about. */
const names = fc.oneof(
  { weight: 5, arbitrary: fc.stringMatching(/^[a-z][a-z0-9-]{0,20}[a-z0-9]$/) },
  {
    weight: 3,
    arbitrary: fc
      .array(fc.constantFrom(..."abcXYZ019-_. /:é,\"'$".split("")), { minLength: 1, maxLength: 12 })
      .map((cs) => cs.join("")),
  },
  { weight: 1, arbitrary: fc.integer({ min: 60, max: 70 }).map((n) => `n${"a".repeat(n - 1)}`) },
);

/** One CSV cell holding `value` exactly (RFC 4180 quoting, so commas, quotes and spaces survive). */
const quoted = (value: string) => `"${value.replace(/"/g, '""')}"`;

function inventoryWith(name: string) {
  const csv = `${header}${quoted(name)},10.0.2.15,52:54:00:12:34:11,client\n`;
  const host: CompileHost = {
    ...diskHost,
    root: "/p",
    readFile: (path) => (path === "/p/nodes.csv" ? csv : undefined),
    realPath: (path) => path,
  };
  return check(decl, "/p/cluster.bond", host);
}

describe("node names", () => {
  it("are refused exactly when they are outside the node-name domain, and arrive unchanged otherwise", () => {
    let inside = 0;
    let outside = 0;
    fc.assert(
      fc.property(names, (name) => {
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
