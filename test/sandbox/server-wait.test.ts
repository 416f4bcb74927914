/*
 * The cluster server's wait for its clients, run in the stub sandbox under every shell: the stub
 * ping answers for the addresses the scenario lists (the clients that have booted). With every
 * client answering the server bonds; with one that never answers it waits to its (tiny) deadline,
 * names that node and leaves every NIC alone; with `then bond` it names it and bonds anyway.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { compile } from "../../src/api/compile.js";
import { cleanupSandbox, type Scenario } from "../support/sandbox/index.js";
import { repoRoot } from "../support/repo.js";
import { runUnderAllShells, where } from "./helpers.js";

afterAll(cleanupSandbox);

/** The example server with a deadline of two seconds, on net-tools (whose bonding the stubs model). */
function serverScript(then: "fail" | "bond"): string {
  const example = join(repoRoot, "examples", "cluster", "server.bond");
  const text = readFileSync(example, "utf8")
    .replace("tools busybox", "tools net-tools")
    .replace("wait clients { deadline 600 }", `wait clients { deadline 2  then ${then} }`);
  // Compiled as a file beside the example, so that its import finds the cluster's inventory.
  const result = compile(text, join(repoRoot, "examples", "cluster", "server-sandbox.bond"));
  expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return result.script!;
}

/** node1 as it booted: the server's address on eth0. */
const serverBooted = (answering: string[]): Scenario => ({
  interfaces: { eth0: { ipv4: "10.0.2.2", netmask: "255.255.255.0", mac: "52:54:00:12:34:01" } },
  answering,
});

const timeoutMs = 30_000;

describe("the server waits for its clients", () => {
  it("bonds once every client answers on its address", async () => {
    const runs = await runUnderAllShells(serverScript("fail"), "nettools160", {
      scenario: serverBooted(["10.0.2.15", "10.0.2.16"]),
      timeoutMs,
    });
    for (const r of Object.values(runs)) {
      expect(r.exitCode, where(r)).toBe(0);
      expect(
        r.trace.filter((t) => t.startsWith("ping ")),
        where(r),
      ).toEqual(["ping -c 1 -W 1 10.0.2.15", "ping -c 1 -W 1 10.0.2.16"]);
      expect(r.stdout, where(r)).toContain("bondc: server-sandbox.bond:13: every client answers\n");
      expect(r.state.interfaces["bond0"], where(r)).toMatchObject({
        up: true,
        ipv4: "10.0.2.2",
        mac: "52:54:00:12:34:01".toUpperCase(),
        slaves: ["eth0", "eth1"],
      });
    }
  });

  it("waits to its deadline for a client that never answers, names it and does not bond", async () => {
    const runs = await runUnderAllShells(serverScript("fail"), "nettools160", {
      scenario: serverBooted(["10.0.2.15"]),
      timeoutMs,
    });
    for (const r of Object.values(runs)) {
      expect(r.exitCode, where(r)).toBe(1);
      expect(r.timedOut).toBe(false);
      expect(r.stdout, where(r)).toContain("bondc: server-sandbox.bond:13: still waiting for: node3\n");
      expect(r.stderr, where(r)).toBe(
        "bondc: server-sandbox.bond:13: after 2 s these clients have not booted: node3\n",
      );
      // It asked more than once: it waited rather than giving up at the first silence.
      expect(r.trace.filter((t) => t === "ping -c 1 -W 1 10.0.2.16").length, where(r)).toBeGreaterThan(1);
      expect(
        r.trace.some((t) => /^(insmod|ifenslave|ifconfig)/.test(t) && t !== "ifconfig eth0"),
        where(r),
      ).toBe(false);
      expect(r.state.interfaces["bond0"], where(r)).toBeUndefined();
      expect(r.state.interfaces["eth0"], where(r)).toMatchObject({ up: true, ipv4: "10.0.2.2" });
    }
  });

  it("with `then bond`, names the missing client and bonds anyway", async () => {
    const runs = await runUnderAllShells(serverScript("bond"), "nettools160", {
      scenario: serverBooted(["10.0.2.15"]),
      timeoutMs,
    });
    for (const r of Object.values(runs)) {
      expect(r.exitCode, where(r)).toBe(0);
      expect(r.stderr, where(r)).toBe(
        "bondc: server-sandbox.bond:13: bonding anyway, as `then bond` says, with these clients missing after 2 s: node3\n",
      );
      expect(r.state.interfaces["bond0"], where(r)).toMatchObject({
        up: true,
        ipv4: "10.0.2.2",
        slaves: ["eth0", "eth1"],
      });
    }
  });

  it("a step that fails after the wait puts the server's address back on eth0 and exits 1", async () => {
    const runs = await runUnderAllShells(serverScript("fail"), "nettools160", {
      scenario: { ...serverBooted(["10.0.2.15", "10.0.2.16"]), faults: { refuseEnslave: ["eth1"] } },
      timeoutMs,
    });
    for (const r of Object.values(runs)) {
      expect(r.exitCode, where(r)).toBe(1);
      expect(r.stderr, where(r)).toContain("bondc: falling back to eth0 with 10.0.2.2");
      expect(r.state.interfaces["eth0"], where(r)).toMatchObject({ up: true, slave: false, ipv4: "10.0.2.2" });
    }
  });
});
