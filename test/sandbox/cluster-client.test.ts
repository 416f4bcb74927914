/*
 * The cluster's one client image finding its node, run in the stub sandbox under every shell: the
 * kernel command line (/proc/cmdline once the stub mount has mounted /proc) names the node with
 * bondc.node=NAME, as its boot entry does. node2 bonds with node2's address from the inventory; a
 * name the inventory does not list, a command line without bondc.node= and a name outside the
 * node-name domain each get their own message and the program's failure policy (fallback: eth0
 * keeps the firmware's address and the root is handed over unbonded). The program is the example
 * client's on the seed's target (linuxrc, net-tools), whose bonding the stubs model.
 */
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { compile } from "../../src/api/compile.js";
import { cleanupSandbox, type SandboxRun } from "../support/sandbox/index.js";
import { repoRoot } from "../support/repo.js";
import { runUnderAllShells, where } from "./helpers.js";

afterAll(cleanupSandbox);

const client = `import "inventory.bond"
target linuxrc { kernel "2.6.32"  tools net-tools  boot eth0 }
let boot = iface eth0
iface eth1
mount proc
let mac = discover boot.hwaddr
let ip = discover node.address
load bonding mode=active-backup miimon=100
up bond0 { address ip  netmask /24  hwaddr mac }
down boot, eth1
enslave boot, eth1 to bond0
handoff nfs { server 10.0.2.2  path "/srv/nfsroot" }
on failure fallback
`;

function clientScript(): string {
  // Compiled as a file beside the example, so that its import finds the cluster's inventory.
  const result = compile(client, join(repoRoot, "examples", "cluster", "client-sandbox.bond"));
  expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return result.script!;
}

const timeoutMs = 30_000;

/** Runs the client under every shell with this kernel command line. */
async function boot(cmdline: string): Promise<SandboxRun[]> {
  return Object.values(await runUnderAllShells(clientScript(), "nettools160", { scenario: { cmdline }, timeoutMs }));
}

/** The lookup failed with `message` and the fallback left eth0 with the firmware's address, unbonded. */
function expectFellBack(runs: readonly SandboxRun[], message: string): void {
  for (const r of runs) {
    expect(r.stderr, where(r)).toContain(message);
    expect(r.stderr, where(r)).toContain("client-sandbox.bond:7: finding this node in the inventory failed");
    expect(r.state.interfaces["eth0"], where(r)).toMatchObject({ up: true, slave: false, ipv4: "192.168.1.105" });
    expect(r.state.interfaces["bond0"]?.ipv4, where(r)).toBeUndefined();
    expect(r.state.realRootDev, where(r)).toBe("0x00ff");
  }
}

describe("one image finds its node by bondc.node= on the kernel command line", () => {
  it("node2 bonds with node2's address from the inventory", async () => {
    for (const r of await boot("console=ttyS0 bondc.node=node2 rw")) {
      expect(r.exitCode, where(r)).toBe(0);
      expect(r.stderr, where(r)).toBe("");
      expect(r.stdout, where(r)).toContain("bondc: client-sandbox.bond:7: this node is node2, address 10.0.2.15\n");
      expect(r.state.interfaces["bond0"], where(r)).toMatchObject({
        up: true,
        ipv4: "10.0.2.15",
        netmask: "255.255.255.0",
        slaves: ["eth0", "eth1"],
      });
    }
  });

  it("the last bondc.node= wins, and a parameter that only ends in bondc.node= is not it", async () => {
    for (const r of await boot("xbondc.node=node2 bondc.node=node2 bondc.node=node3")) {
      expect(r.stdout, where(r)).toContain("this node is node3, address 10.0.2.16\n");
      expect(r.state.interfaces["bond0"]?.ipv4, where(r)).toBe("10.0.2.16");
    }
  });

  it("a node the inventory does not list is named and falls back", async () => {
    expectFellBack(
      await boot("console=ttyS0 bondc.node=node9"),
      "bondc: client-sandbox.bond:7: this node, node9, is not a client in the inventory bondc compiled in\n",
    );
  });

  it("the server's name is not a client's", async () => {
    expectFellBack(await boot("bondc.node=node1"), "this node, node1, is not a client in the inventory");
  });

  it("a command line without bondc.node= says so and falls back", async () => {
    expectFellBack(
      await boot("console=ttyS0 xbondc.node=node2"),
      "bondc: client-sandbox.bond:7: no bondc.node=NAME on the kernel command line: the boot entry names the node\n",
    );
  });

  it("a name outside the node-name domain is refused before it is looked up", async () => {
    expectFellBack(
      await boot("bondc.node=node2;x"),
      "bondc: client-sandbox.bond:7: bondc.node=node2;x is not a node name (letters, digits and inner hyphens)\n",
    );
  });
});
