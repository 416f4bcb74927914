/**
 * The seed's two linuxrc scripts, rewritten as examples/seed-quickstart.bond and
 * examples/seed-general.bond: compiled, they must do what the seed's scripts meant, on every
 * ifconfig dialect, started as the kernel starts /linuxrc (no PATH). The shell matrix runs them
 * under all six shells; here dash stands for them.
 */
import { afterAll, describe, it, type ExpectStatic } from "vitest";
import {
  cleanupSandbox,
  DEFAULT_BOND_MAC,
  DIALECTS,
  KERNEL_ENV,
  runLinuxrc,
  type Dialect,
  type SandboxRun,
  type Scenario,
} from "../support/sandbox/index.js";
import { GENERAL_FORM } from "../support/seed-scripts.js";
import { compileExample, RENUMBERED } from "./helpers.js";
import { expectSeedBonded, where } from "../sandbox/helpers.js";

afterAll(cleanupSandbox);

const quickstart = compileExample("seed-quickstart.bond");
const general = compileExample("seed-general.bond");

const run = (script: string, dialect: Dialect, scenario: Scenario = {}) =>
  runLinuxrc(script, { shell: "dash", dialect, scenario, env: KERNEL_ENV });

/** Bonded as the seed meant it, and only the bond carries the address (a slave's own would route around the bond). */
function expectSeedBond(expect: ExpectStatic, r: SandboxRun, bond: { ipv4: string; mac: string }): void {
  expectSeedBonded(r, bond, expect);
  for (const nic of ["eth0", "eth1"]) expect(r.state.interfaces[nic]?.ipv4, nic).toBeUndefined();
}

const SEED_BOND = { ipv4: "192.168.1.105", mac: "00:90:27:E0:30:51" };

describe.concurrent("compiled seed examples", () => {
  for (const dialect of DIALECTS) {
    it(`seed-quickstart.bond bonds eth0+eth1 with the fixed address and MAC (${dialect})`, async ({ expect }) => {
      expectSeedBond(expect, await run(quickstart.script, dialect), SEED_BOND);
    });

    it(`seed-general.bond moves eth0's address and MAC onto bond0 (${dialect})`, async ({ expect }) => {
      const r = await run(general.script, dialect);
      expectSeedBond(expect, r, SEED_BOND);
      // lo is up with 127.0.0.1 all along, and the discovery never reads it.
      expect(r.state.interfaces["lo"]).toMatchObject({
        up: true,
        ipv4: "127.0.0.1",
      });
      expect(r.trace.filter((l) => l.includes("127.0.0.1"))).toEqual([]);
    });

    it(`seed-general.bond reads whatever address and MAC the firmware gave eth0 (${dialect})`, async ({ expect }) => {
      const r = await run(general.script, dialect, RENUMBERED);
      // netmask and broadcast are literal in the .bond file; the address and the MAC are read.
      expectSeedBond(expect, r, { ipv4: "10.1.2.3", mac: "52:54:00:AB:CD:EF" });
      // net-tools 2.x prints the MAC in lower case, and it is passed on as read.
      const mac = dialect === "nettools2" ? "52:54:00:ab:cd:ef" : "52:54:00:AB:CD:EF";
      expect(r.trace).toContain(
        `ifconfig bond0 10.1.2.3 hw ether ${mac} netmask 255.255.255.0 broadcast 192.168.1.255 up`,
      );
    });
  }
});

/**
 * Documentation of the difference: the seed's general form, run exactly as the compiled
 * seed-general.bond is (dash, the kernel's environment, the firmware's defaults), leaves the
 * node off the network (see test/sandbox/seed.test.ts for why); the compiled script bonds.
 */
describe("seed general form against seed-general.bond", () => {
  it("the seed's script strands the node on every dialect; the compiled one bonds it", async ({ expect }) => {
    const pairs = await Promise.all(
      DIALECTS.map(async (dialect) => ({
        dialect,
        seed: await run(GENERAL_FORM, dialect),
        compiled: await run(general.script, dialect),
      })),
    );
    for (const { dialect, seed, compiled } of pairs) {
      expectSeedBond(expect, compiled, SEED_BOND);

      // The seed: ifconfig bond0 dies on the words its sed patterns left in, so bond0 stays down
      // with the driver's random MAC, both ifenslave calls are refused, and eth0 is down.
      expect(seed.exitCode, where(seed)).toBe(0);
      expect(seed.stderr, where(seed)).toContain(
        "Illegal operation; the specified master interface 'bond0' is not active.",
      );
      expect(seed.state.interfaces["bond0"], where(seed)).toMatchObject({
        up: false,
        slaves: [],
        mac: DEFAULT_BOND_MAC,
      });
      expect(seed.state.interfaces["eth0"]).toMatchObject({
        up: false,
        slave: false,
      });
      expect(seed.state.interfaces["eth1"]).toMatchObject({
        up: false,
        slave: false,
      });
      // ... and it still hands the root over, to an NFS server it can no longer reach.
      expect(seed.state.realRootDev).toBe("0x00ff");

      const seedBond0 = seed.trace.find((l) => l.startsWith("ifconfig bond0 "));
      const compiledBond0 = compiled.trace.find((l) => l.startsWith("ifconfig bond0 "));
      expect(compiledBond0).toBe(
        `ifconfig bond0 192.168.1.105 hw ether ${dialect === "nettools2" ? "00:90:27:e0:30:51" : "00:90:27:E0:30:51"} netmask 255.255.255.0 broadcast 192.168.1.255 up`,
      );
      if (dialect === "nettools2") {
        // net-tools 2.x has neither "inet addr" nor "HWaddr": no address at all, a flags line for a MAC.
        expect(seedBond0).toContain("hw ether eth0: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>");
        expect(seedBond0).not.toContain("192.168.1.105");
      } else {
        // grep "inet addr" also matched lo (up), so lo's 127.0.0.1 went into the bond's argv.
        expect(seedBond0).toContain("127.0.0.1");
        expect(seedBond0).toContain("hw ether eth0 Link encap:Ethernet HWaddr 00:90:27:E0:30:51");
      }
    }
  });
});
