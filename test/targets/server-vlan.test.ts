/*
 * A server whose address moves to a VLAN on its bond (bond0.100): the VLAN carries the address the
 * clients mount from, so taking the boot NIC down after it is up is right (no BOND0331), the VLAN
 * is held to the inventory's server address (BOND0425), and on iproute2, which has no program for
 * a gratuitous ARP, the script says what the bonding driver announces instead of inventing a tool.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compile } from "../../src/api/compile.js";
import { runShellcheck } from "../../src/shellcheck/run.js";
import { repoRoot } from "../support/repo.js";

const server = (address: string) => `import "inventory.bond"
target server { tools iproute2  boot eth0 }
let boot = iface eth0
iface eth1
let mac = discover boot.hwaddr
wait clients { deadline 600 }
load bonding
load 8021q
up bond0 { mode active-backup  miimon 100  primary eth0  hwaddr mac }
down eth1
enslave eth1 to bond0
up bond0.100 { address ${address}  netmask /24 }
down boot
enslave boot to bond0
on failure fallback
`;

// Compiled as a file beside the example, so that its import finds the cluster's inventory.
const compileServer = (address: string) =>
  compile(server(address), join(repoRoot, "examples", "cluster", "server-vlan.bond"));
const codes = (address: string) => compileServer(address).diagnostics.map((d) => `${d.code} ${d.span.line}`);

describe("a server whose address is on a VLAN of its bond", () => {
  it("takes its boot NIC down once the VLAN carries the address, without BOND0331", () => {
    expect(codes("10.0.2.2")).toEqual([]);
  });

  it("is held to the inventory's server address on the VLAN", () => {
    expect(codes("10.0.2.3")).toEqual(["BOND0425 12"]);
  });

  it("says on iproute2 that the bonding driver, not the script, announces the address", async () => {
    const script = compileServer("10.0.2.2").script!;
    expect(script).toContain("# No gratuitous ARP from this script: the iproute2 toolset has no program for one.\n");
    expect(script).toContain("# The bonding driver announces bond0.100's address itself: in active-backup it sends");
    expect(script).not.toContain("arping");
    expect(await runShellcheck(script)).toEqual([]);
  });
});
