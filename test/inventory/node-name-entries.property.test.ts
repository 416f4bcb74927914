import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { nodeName, violation } from "../../src/semantic/domains/index.js";
import { readAll } from "../bootloader/parse.js";
import { clientEntries, compileNamedClient, SERVER } from "./named-client.js";
import { nodeNames } from "./node-names.js";

/*
 * Issue 16 for node names: a name the inventory accepts arrives unchanged in every format's boot
 * entry, read back as each boot loader reads it (test/bootloader/parse.ts): one kernel
 * command-line word `bondc.node=NAME` on the bonded entry, and in the script, whose table has the
 * name; a name outside the node-name domain is refused (BOND0220) and the program not compiled.
 * test/sandbox/cluster-client.test.ts follows accepted names on into the booted script.
 */

describe("node names in the clients' boot entries", () => {
  it("arrive unchanged in every format when accepted, and are refused otherwise", () => {
    let inside = 0;
    let outside = 0;
    fc.assert(
      fc.property(
        nodeNames.filter((n) => n.toLowerCase() !== SERVER),
        (name) => {
          const result = compileNamedClient(name);
          if (violation(nodeName, name) !== undefined) {
            outside++;
            expect(result.diagnostics.map((d) => `${d.code} ${d.span.line}`)).toEqual(["BOND0220 3"]);
            expect(result.script).toBeUndefined();
            return;
          }
          inside++;
          expect(result.diagnostics).toEqual([]);
          const read = readAll(clientEntries(result));
          // PXELINUX twice (MAC and hex IP), iPXE, GRUB twice, BpBatch.
          expect(read).toHaveLength(6);
          for (const { path, read: r } of read) {
            const named = r.bonded.cmdline.filter((w) => w.startsWith("bondc.node="));
            expect(named, `${path} ${JSON.stringify(name)}`).toEqual([`bondc.node=${name}`]);
          }
          expect(result.script).toContain(`'${name}') ip=10.0.2.15 ;;`);
        },
      ),
      { numRuns: 1000 },
    );
    expect(inside).toBeGreaterThan(100);
    expect(outside).toBeGreaterThan(100);
  });
});
