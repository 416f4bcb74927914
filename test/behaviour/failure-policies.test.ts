/**
 * What a compiled linuxrc does when a step fails, per its `on failure` policy, with the
 * sandbox's injected faults: the bonding module missing, no second NIC, eth1 refused by the
 * bonding driver.
 *   fallback  undo the bonding, put eth0 back as the firmware left it, hand the root over anyway
 *   halt      say what failed and stop (loop) before the kernel goes on to an unreachable root
 *   shell     say what failed and exec a console shell
 */
import { join } from "node:path";
import { afterAll, describe, it, type ExpectStatic } from "vitest";
import {
  cleanupSandbox,
  DIALECTS,
  FAULTS,
  KERNEL_ENV,
  runLinuxrc,
  SHELLS,
  type RunOptions,
  type SandboxRun,
  type Scenario,
} from "../support/sandbox/index.js";
import { compileExample, compileFile, firmware, lineOf, RENUMBERED, type Compiled } from "./helpers.js";
import { where } from "../sandbox/helpers.js";

afterAll(cleanupSandbox);

type Fault = keyof typeof FAULTS;

/** The step each fault breaks: the .bond statement (by how its line starts) and the script's name for it. */
const BROKEN_STEP: Record<Fault, { statement: string; what: string }> = {
  bondingMissing: { statement: "load ", what: "insmod bonding" },
  noSecondNic: { statement: "down ", what: "ifconfig eth1 down" },
  eth1EnslaveRefused: { statement: "enslave ", what: "ifenslave bond0 eth1" },
};
const FAULT_NAMES = Object.keys(BROKEN_STEP) as Fault[];

/** The message bondc_fail prints, naming the .bond file and line of the failed step. */
const failedMessage = (c: Compiled, fault: Fault) =>
  `bondc: ${c.file}:${lineOf(c.text, BROKEN_STEP[fault].statement)}: ${BROKEN_STEP[fault].what} failed\n`;

/** A halting script never ends by itself; this is how long it gets to reach its halt loop. */
const HALT_TIMEOUT_MS = 1500;

/** Each dialect under dash, and each other shell on net-tools 1.60. */
const SPREAD: readonly Pick<RunOptions, "shell" | "dialect">[] = [
  ...DIALECTS.map((dialect) => ({ shell: "dash" as const, dialect })),
  ...SHELLS.filter((s) => s !== "dash").map((shell) => ({
    shell,
    dialect: "nettools160" as const,
  })),
];

const runAll = (
  script: string,
  runs: readonly Pick<RunOptions, "shell" | "dialect">[],
  opts: Omit<RunOptions, "shell" | "dialect">,
) => Promise.all(runs.map((r) => runLinuxrc(script, { env: KERNEL_ENV, ...opts, ...r })));

function expectFellBack(expect: ExpectStatic, r: SandboxRun, c: Compiled, fault: Fault, scenario: Scenario): void {
  const eth0 = firmware(scenario, "eth0");
  const i = r.state.interfaces;
  expect(r.exitCode, where(r)).toBe(0);
  expect(r.strayProcesses).toBe(0);
  expect(r.stderr, where(r)).toContain(failedMessage(c, fault));
  expect(r.stderr, where(r)).toContain(
    `bondc: falling back to eth0 with ${eth0?.ipv4} so the NFS root stays reachable\n`,
  );
  expect(r.stdout, where(r)).not.toContain("done");
  // eth0 exactly as the firmware left it: address, netmask, broadcast, its own MAC, no master.
  expect(i["eth0"], where(r)).toEqual({
    kind: "ether",
    up: true,
    running: true,
    slave: false,
    mac: eth0?.mac,
    permMac: eth0?.mac,
    mtu: 1500,
    ipv4: eth0?.ipv4,
    netmask: eth0?.netmask,
    broadcast: eth0?.broadcast,
  });
  expect(i["eth1"]?.slave ?? false).toBe(false);
  // The bond is released: down and empty (or never created, when the module is missing).
  if (fault === "bondingMissing") expect(i["bond0"]).toBeUndefined();
  else expect(i["bond0"], where(r)).toMatchObject({ up: false, slaves: [] });
  if (fault === "eth1EnslaveRefused") expect(r.trace).toContain("ifenslave -d bond0 eth0");
  expect(r.state.procMounted).toBe(true);
  expect(r.state.realRootDev).toBe("0x00ff");
  expect(r.state.nfsRootName).toBe(c.predicted.nfsRootName);
}

describe.concurrent("on failure fallback", () => {
  for (const name of ["seed-general.bond", "active-backup.bond"]) {
    const c = compileExample(name);
    for (const fault of FAULT_NAMES) {
      it(`${name} falls back to eth0 when ${fault} (each dialect under dash, each shell on net-tools 1.60)`, async ({
        expect,
      }) => {
        for (const r of await runAll(c.script, SPREAD, {
          scenario: FAULTS[fault],
        }))
          expectFellBack(expect, r, c, fault, {});
      });
    }

    it(`${name} puts back the address the firmware gave eth0, not a default`, async ({ expect }) => {
      const scenario: Scenario = {
        ...RENUMBERED,
        ...FAULTS.eth1EnslaveRefused,
      };
      const runs = await runAll(c.script, SPREAD.slice(0, DIALECTS.length), {
        scenario,
      });
      for (const r of runs) expectFellBack(expect, r, c, "eth1EnslaveRefused", scenario);
      expect(runs[0]?.state.interfaces["eth0"]).toMatchObject({
        ipv4: "10.1.2.3",
        netmask: "255.255.0.0",
        broadcast: "10.1.255.255",
      });
    });
  }

  it("halts with 'cannot fall back' when eth0 had no address to fall back to", async ({ expect }) => {
    const c = compileExample("seed-general.bond");
    const scenario: Scenario = { interfaces: { eth0: { ipv4: null } } };
    const runs = await runAll(c.script, SPREAD.slice(0, DIALECTS.length), {
      scenario,
      timeoutMs: HALT_TIMEOUT_MS,
    });
    for (const r of runs) {
      expect(r.timedOut, where(r)).toBe(true);
      expect(r.strayProcesses).toBe(0);
      expect(r.stderr, where(r)).toContain(
        `bondc: seed-general.bond:${lineOf(c.text, "let ip = discover")}: reading the inet of eth0 from ifconfig failed\n`,
      );
      expect(r.stderr, where(r)).toContain(
        "bondc: boot stopped: cannot fall back: eth0 had no IPv4 address at boot. Fix the node and reboot.\n",
      );
      // Stopped after the one ifconfig that read eth0 (/proc mounted for it first, as net-tools needs):
      // nothing was changed, nothing handed over.
      expect(r.trace).toEqual(["mount -n -t proc proc /proc", "ifconfig eth0"]);
      expect(r.state.modules).toEqual([]);
      expect(r.state.interfaces["eth0"]).toMatchObject({
        up: true,
        slave: false,
        mac: "00:90:27:E0:30:51",
      });
      expect(r.state.procMounted).toBe(true);
    }
  });
});

describe.concurrent("on failure halt", () => {
  const c = compileExample("disk-root-2.4.bond");
  const lastCall: Record<Fault, string> = {
    bondingMissing: "insmod bonding mode=balance-alb miimon=100",
    noSecondNic: "ifconfig eth1 0.0.0.0 down",
    eth1EnslaveRefused: "ifenslave bond0 eth1",
  };
  for (const fault of FAULT_NAMES) {
    // Every fault under dash; the module fault under every shell.
    const runs = fault === "bondingMissing" ? SPREAD.filter((r) => r.dialect === "nettools160") : SPREAD.slice(0, 1);
    it(`disk-root-2.4.bond stops the boot when ${fault} (${runs.map((r) => r.shell).join(", ")})`, async ({
      expect,
    }) => {
      for (const r of await runAll(c.script, runs, {
        scenario: FAULTS[fault],
        timeoutMs: HALT_TIMEOUT_MS,
      })) {
        expect(r.timedOut, where(r)).toBe(true);
        expect(r.exitCode).toBeNull();
        expect(r.strayProcesses).toBe(0);
        expect(r.stderr, where(r)).toContain(failedMessage(c, fault));
        expect(r.stderr, where(r)).toContain(
          `bondc: boot stopped: ${BROKEN_STEP[fault].what} failed. Fix the node and reboot.\n`,
        );
        expect(r.stdout).not.toContain("mount /proc");
        // The failed step was the last tool call, and the kernel was never told to go on.
        expect(r.trace.at(-1)).toBe(lastCall[fault]);
        expect(r.state.realRootDev).toBeUndefined();
      }
    });
  }
});

describe.concurrent("on failure shell", () => {
  const c = compileFile(join(import.meta.dirname, "fixtures", "shell-policy.bond"));
  it("says what failed and execs /bin/sh, which ends at the end of its input (every shell)", async ({ expect }) => {
    const runs = await runAll(
      c.script,
      SHELLS.map((shell) => ({ shell, dialect: "busybox" as const })),
      // /bin/sh traced: its call in the log shows the console shell really started.
      { scenario: FAULTS.bondingMissing, traceApplets: ["sh"] },
    );
    for (const r of runs) {
      expect(r.timedOut, where(r)).toBe(false);
      expect(r.exitCode, where(r)).toBe(0);
      expect(r.strayProcesses).toBe(0);
      expect(r.stderr, where(r)).toContain(failedMessage(c, "bondingMissing"));
      expect(r.stderr, where(r)).toContain("bondc: starting a console shell; the node will not boot on its own\n");
      expect(r.trace, where(r)).toEqual(["insmod bonding mode=active-backup miimon=100", "sh"]);
      expect(r.stdout).not.toContain("bring bond0 up");
      expect(r.state.procMounted).toBe(false);
    }
  });
});
