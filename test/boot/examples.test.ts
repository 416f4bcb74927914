// Every example, compiled by bondc and booted on Debian's real kernel under QEMU, must end in the
// state the compiler predicts for it; under faults, each failure policy must do what it promises.
// Boots run two at a time (CI has two cores); timings are logged, never asserted.
import { readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compile } from "../../src/api/compile.js";
import { bootCompiled, type CompiledBoot } from "../../src/boot/boot-compiled.js";
import { compareEndState } from "../../src/boot/compare.js";
import { bootLinuxrc } from "../../src/boot/harness.js";
import type { BootObservation } from "../../src/boot/observe.js";
import { fetchBusybox, fetchKernel } from "../../src/image/packages.js";
import { checkQemu } from "../../src/boot/qemu.js";
import { formatObservation } from "../../src/boot/report.js";
import type { BootScenario } from "../../src/boot/scenario.js";
import { namedScenarios } from "../../src/boot/scenarios.js";
import { predictEndState } from "../../src/api/predict.js";
import { examples, repoRoot, targetOf } from "../support/repo.js";
import { pool } from "./pool.js";
import { GENERAL_FORM } from "../support/seed-scripts.js";

const fixtures = join(dirname(fileURLToPath(import.meta.url)), "fixtures");
const slot = pool(2);
const timings: { file: string; scenario: string; bootMs: number; linuxrcMs: number; totalMs: number }[] = [];

beforeAll(async () => {
  console.log(`[boot] ${await checkQemu()}`);
  const onProgress = (m: string) => console.log(`[boot] ${m}`);
  await fetchKernel({ onProgress });
  await fetchBusybox({ onProgress });
});

afterAll(() => {
  if (timings.length) console.table(timings);
});

/** Compiles `path` (no errors allowed) and boots it in `scenario`, two boots at a time. */
async function boot(path: string, scenario: BootScenario): Promise<CompiledBoot> {
  const compiled = compile(readFileSync(path, "utf8"), path);
  expect(compiled.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  // A hung guest should surface as a BootError with its console, before vitest's own timeout.
  const result = await slot(() => bootCompiled(compiled, { timeoutMs: 90_000, ...scenario }));
  const o = result.observation;
  timings.push({ file: basename(path), scenario: o.scenario, ...o.timings });
  console.log(`[boot] ${basename(path)}\n${formatObservation(o)}mismatches: ${JSON.stringify(result.mismatches)}`);
  return result;
}

/** The ifenslave shim's words for the refuse-eth1 fault. */
const REFUSED = "Master 'bond0', Slave 'eth1': Error: Enslave failed: refused (boot scenario fault refuseEnslave)";
/** Per test: its boot, plus the wait for one of the two boot slots on a loaded machine. */
const BOOT_TEST_MS = 300_000;

const example = (name: string) => join(repoRoot, "examples", `${name}.bond`);
const scenario = (name: string): BootScenario => namedScenarios[name]!.scenario;

describe.concurrent("every example ends in the state its IR predicts", () => {
  // initramfs examples boot to their NFS roots in initramfs-examples.test.ts.
  for (const ex of examples().filter((e) => targetOf(e) === "linuxrc")) {
    it(
      `${ex.name}.bond`,
      async () => {
        const { observation: o, mismatches } = await boot(ex.path, scenario("default"));
        expect(mismatches).toEqual([]);
        expect(o.linuxrc.stdout.split("\n")).toContain(`bondc: ${ex.name}.bond: done`);
        expect(o.warnings).toEqual([]);
      },
      BOOT_TEST_MS,
    );
  }
});

describe.concurrent("active-backup.bond under a link failure", () => {
  it(
    "moves the active slave from eth0 to eth1 when nic0's link is cut, and pings carry on",
    async () => {
      const { observation: o, mismatches } = await boot(example("active-backup"), scenario("failover"));
      expect(mismatches).toEqual([]);
      const f = o.failover!;
      expect(f).toMatchObject({ activeBefore: "eth0", linkDownSeen: true, activeAfter: "eth1" });
      expect(f.procAfter).toMatch(/Currently Active Slave: eth1/);
      // Pings go on through eth1: the last ones are answered, and at most a ping or two inside the
      // miimon window (100 ms at a 200 ms interval) is lost; seen 0 or 1 of ~25.
      expect(f.transmitted).toBeGreaterThan(10);
      expect(f.lastReplySeq).toBeGreaterThanOrEqual(f.transmitted - 3);
      expect(f.lostSeqs.length).toBeLessThanOrEqual(2);
      console.log(`[boot] failover: ${f.received}/${f.transmitted} answered, lost seqs ${JSON.stringify(f.lostSeqs)}`);
    },
    BOOT_TEST_MS,
  );
});

/**
 * `on failure fallback`: the node must end as the firmware left it — eth0 up with 10.0.2.15/24,
 * a route to the NFS server's subnet through eth0, nothing enslaved — with the root handed over.
 */
function expectFellBack(o: BootObservation, failed: readonly string[]): void {
  expect(o.linuxrc).toMatchObject({ exitCode: 0, timedOut: false });
  expect(o.complaints).toEqual([
    ...failed,
    "bondc: falling back to eth0 with 10.0.2.15 so the NFS root stays reachable",
  ]);
  expect(o.interfaces["eth0"]).toMatchObject({
    up: true,
    ipv4: "10.0.2.15",
    netmask: "255.255.255.0",
    addresses: ["10.0.2.15/24"],
  });
  expect(o.interfaces["eth0"]!.master).toBeUndefined();
  expect(o.interfaces["eth1"]?.master).toBeUndefined();
  expect(o.bond?.slaves ?? []).toEqual([]);
  expect(o.routes.some((r) => r.startsWith("10.0.2.0/24 dev eth0"))).toBe(true);
  expect(o.realRootDev).toBe(255);
}

describe.concurrent("faults, with `on failure fallback`: the node boots unbonded through eth0", () => {
  const cases = [
    [
      "seed-general",
      "no-bonding",
      ["insmod: bonding: no module by that name found", "bondc: seed-general.bond:12: insmod bonding failed"],
    ],
    [
      "seed-general",
      "no-eth1",
      ["ifconfig: SIOCSIFADDR: No such device", "bondc: seed-general.bond:21: ifconfig eth1 down failed"],
    ],
    ["seed-general", "refuse-eth1", [REFUSED, "bondc: seed-general.bond:22: ifenslave bond0 eth1 failed"]],
    [
      "active-backup",
      "no-bonding",
      ["insmod: bonding: no module by that name found", "bondc: active-backup.bond:13: insmod bonding failed"],
    ],
    [
      "active-backup",
      "no-eth1",
      ["ifconfig: SIOCSIFADDR: No such device", "bondc: active-backup.bond:23: ifconfig eth1 down failed"],
    ],
    ["active-backup", "refuse-eth1", [REFUSED, "bondc: active-backup.bond:24: ifenslave bond0 eth1 failed"]],
  ] as const;
  for (const [name, fault, complaints] of cases) {
    it(
      `${name}.bond, ${fault}: ${namedScenarios[fault]!.summary}`,
      async () => {
        const { observation: o } = await boot(example(name), scenario(fault));
        expectFellBack(o, complaints);
      },
      BOOT_TEST_MS,
    );
  }
});

describe.concurrent("faults, with `on failure halt` and `shell`: the console says what failed", () => {
  it(
    "disk-root-2.4.bond (halt), no-bonding: stops with the failed step named, root not handed over",
    async () => {
      const { observation: o } = await boot(example("disk-root-2.4"), {
        ...scenario("no-bonding"),
        linuxrcTimeoutSec: 3,
      });
      // halt loops forever; the harness kills it after the timeout.
      expect(o.linuxrc).toMatchObject({ timedOut: true, exitCode: 137 });
      expect(o.complaints).toEqual([
        "insmod: bonding: no module by that name found",
        "bondc: disk-root-2.4.bond:7: insmod bonding failed",
        "bondc: boot stopped: insmod bonding failed. Fix the node and reboot.",
      ]);
      expect(o.realRootDev).toBe(0);
    },
    BOOT_TEST_MS,
  );

  it(
    "shell-policy.bond (shell), refuse-eth1: names the failed step and starts a shell, root not handed over",
    async () => {
      const { observation: o } = await boot(join(fixtures, "shell-policy.bond"), scenario("refuse-eth1"));
      expect(o.complaints).toEqual([
        REFUSED,
        "bondc: shell-policy.bond:19: ifenslave bond0 eth1 failed",
        "bondc: starting a console shell; the node will not boot on its own",
      ]);
      // The shell reads the console; the harness gives it /dev/null, so it exits at once.
      expect(o.linuxrc).toMatchObject({ exitCode: 0, timedOut: false });
      expect(o.realRootDev).toBe(0);
      expect(o.bond?.slaves).toEqual(["eth0"]);
    },
    BOOT_TEST_MS,
  );
});

describe.concurrent("the seed's hand-written general form, judged by the same prediction", () => {
  it(
    "run with sh (it wants a /bin/bash the initrd lacks): misconfigures bond0 and still hands off",
    async () => {
      const compiled = compile(readFileSync(example("seed-general"), "utf8"), "seed-general.bond");
      const predicted = predictEndState(compiled);
      const o = await slot(() =>
        bootLinuxrc(GENERAL_FORM, { name: "seed-general-sh", runAs: "sh", timeoutMs: 90_000 }),
      );
      timings.push({ file: "seed-general.sh", scenario: o.scenario, ...o.timings });
      const mismatches = compareEndState(predicted, o);
      console.log(`[boot] seed's general form vs seed-general.bond's prediction:\n  ${mismatches.join("\n  ")}`);
      // What the compiled script gets right and the seed gets wrong, on the same kernel:
      expect(mismatches).toEqual([
        "linuxrc complained on stderr: ifconfig: /proc/net/dev: No such file or directory",
        "linuxrc complained on stderr: ifconfig: /proc/net/dev: No such file or directory",
        "linuxrc complained on stderr: ifconfig: bad port '10.0.2.255'",
        "bond0 netmask: predicted 255.255.255.0, kernel reports 255.0.0.0",
        "eth0 IPv4: predicted none (a slave of bond0), kernel reports 10.0.2.15/24",
      ]);
    },
    BOOT_TEST_MS,
  );
});
