// Every `target initramfs` example, compiled by bondc and booted on Debian's real kernel under
// QEMU with a stock busybox initramfs: its /init must reach the NFS root (nfs-ganesha, private
// namespace), and that root's own init must report the state the compiler predicts. Boots run two
// at a time; timings are logged, never asserted.
import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { prepareBoots } from "./prepare.js";
import { compile } from "../../src/api/compile.js";
import { bootCompiledInit, type CompiledInitBoot } from "../../src/boot/boot-compiled.js";
import { BootError } from "../../src/boot/harness.js";
import type { InitScenario } from "../../src/boot/boot-init.js";
import { formatInitBoot } from "../../src/boot/report.js";
import { namedInitScenarios, SERVER_LATE_S } from "../../src/boot/scenarios.js";
import { examples, repoRoot, targetOf } from "../support/repo.js";
import { pool } from "./pool.js";

const slot = pool(2);
const BOOT_TEST_MS = 300_000;
const timings: { file: string; scenario: string; kernelMs?: number; rootInitMs?: number; totalMs: number }[] = [];

prepareBoots(timings);

async function boot(path: string, scenario: InitScenario = {}): Promise<CompiledInitBoot> {
  const compiled = compile(readFileSync(path, "utf8"), path);
  expect(compiled.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  const r = await slot(() => bootCompiledInit(compiled, { timeoutMs: 180_000, ...scenario }));
  timings.push({ file: basename(path), scenario: r.boot.scenario, ...r.boot.timings });
  console.log(
    `[boot] ${basename(path)} (${r.root})\n${formatInitBoot(r.boot)}mismatches: ${JSON.stringify(r.mismatches)}`,
  );
  return r;
}

const initramfsExamples = examples().filter((e) => targetOf(e) === "initramfs");

describe.concurrent("every initramfs example reaches its NFS root in the state its IR predicts", () => {
  it("there are initramfs examples", () => {
    expect(initramfsExamples.map((e) => e.name).sort()).toEqual(
      expect.arrayContaining([
        "initramfs-active-backup",
        "initramfs-two-bonds",
        "initramfs-iproute2",
        "initramfs-vlan",
      ]),
    );
  });

  for (const ex of initramfsExamples) {
    it(
      `${ex.name}.bond`,
      async () => {
        const { boot: o, mismatches } = await boot(ex.path, { name: "default" });
        expect(mismatches).toEqual([]);
        expect(o.root).toMatchObject({ type: "nfs" });
        // The VLAN example's route is over bond0.100: the harness's 802.1Q access port passes only
        // frames tagged 100 between the NICs and 10.0.2.2 (vlan-relay.ts), so the root is over the VLAN.
        expect(o.defaultRoute).toEqual({ via: "10.0.2.2", dev: ex.name === "initramfs-vlan" ? "bond0.100" : "bond0" });
        expect(o.server.probe).toBe(o.probe.readBack);
        expect(o.warnings).toEqual([]);
        // The generated /init narrates its steps on the console and complains about nothing.
        expect(o.initConsole.some((l) => l.startsWith(`bondc: ${ex.name}.bond:`))).toBe(true);
        expect(o.initConsole.filter((l) => / failed$|falling back|boot stopped/.test(l))).toEqual([]);
        if (ex.name === "initramfs-iproute2") {
          // Debian's ip made bond0 (`ip link add … type bond`) with the options the file gives it.
          expect(o.bonds["bond0"]).toMatchObject({ mode: "active-backup", miimon: 100, slaves: ["eth0", "eth1"] });
          expect(o.bonds["bond0"]!.sysfs).toMatchObject({ primary: "eth0" });
        }
        if (ex.name === "initramfs-vlan") {
          expect(o.interfaces["bond0.100"]).toMatchObject({ ipv4: "10.0.2.15", netmask: "255.255.255.0" });
          expect(o.interfaces["bond0"]?.ipv4).toBeUndefined();
          expect(o.bonds["bond0"]).toMatchObject({ mode: "active-backup", slaves: ["eth0", "eth1"] });
        }
        if (ex.name === "initramfs-two-bonds") {
          // Each bond keeps its own mode and options (sysfs, not shared module parameters).
          expect(o.bonds["bond0"]).toMatchObject({ mode: "active-backup", miimon: 100, slaves: ["eth0", "eth1"] });
          expect(o.bonds["bond1"]).toMatchObject({ mode: "802.3ad", miimon: 100, slaves: ["eth2", "eth3"] });
          expect(o.bonds["bond1"]!.sysfs).toMatchObject({ lacp_rate: "fast 1", xmit_hash_policy: "layer3+4 1" });
          expect(o.interfaces["bond1"]).toMatchObject({ ipv4: "10.0.3.15", netmask: "255.255.255.0" });
        }
      },
      BOOT_TEST_MS,
    );
  }
});

describe.concurrent("initramfs-active-backup.bond: failover on the NFS root under write load", () => {
  it(
    "loses no line while nic0 goes off, on again, and nic1 off; primary eth0 takes over again when it returns",
    async () => {
      const { boot: o, mismatches } = await boot(join(repoRoot, "examples", "initramfs-active-backup.bond"), {
        name: "failover-load",
        load: {},
      });
      expect(mismatches).toEqual([]);
      const load = o.load!;
      expect(load.linkTimeouts).toEqual([]);
      expect(load.activeAtStart).toEqual(["eth0"]);
      expect(load.links.map((l) => `${l.nic} ${l.carrier ? "up" : "down"}: active ${l.active.join(" ")}`)).toEqual([
        "eth0 down: active eth1",
        // primary eth0 (primary_reselect always): the bond moves back as soon as eth0's link returns.
        "eth0 up: active eth0",
        "eth1 down: active eth0",
      ]);
      expect(load.writerExit).toBe(0);
      expect(o.server.load).toMatchObject({ received: 400, missing: [], inOrder: true, complete: true });
      expect(o.server.load!.firstMs).toBeLessThan(load.links[0]!.tMs);
      expect(o.server.load!.lastMs).toBeGreaterThan(load.links.at(-1)!.tMs);
      // The server was pinged throughout (judged in mismatches: at most PING_LOSS_LIMIT lost).
      expect(load.pings).toMatchObject({ sent: expect.any(Number) as number });
      console.log(
        `[boot] failover under load: longest gap ${o.server.load!.longestGapMs} ms after line ${o.server.load!.longestGapAfter}; pings ${JSON.stringify(o.load?.pings)}`,
      );
    },
    BOOT_TEST_MS,
  );
});

/**
 * initramfs-active-backup.bond with another failure policy: the same steps, so the same fault
 * fails the same step, and only what happens next differs.
 */
function withPolicy(policy: "halt" | "shell") {
  const path = join(repoRoot, "examples", "initramfs-active-backup.bond");
  const text = readFileSync(path, "utf8").replace("on failure fallback", `on failure ${policy}`);
  expect(text).toContain(`on failure ${policy}`);
  const compiled = compile(text, path);
  expect(compiled.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return compiled;
}

/** Boots a /init that must not reach its root; returns the console it left. */
async function bootUnreachable(compiled: ReturnType<typeof compile>, scenario: InitScenario): Promise<string[]> {
  const failure = await slot(() => bootCompiledInit(compiled, scenario)).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(failure).toBeInstanceOf(BootError);
  return (failure as BootError).run.lines.map((l) => l.text);
}

/** initramfs-active-backup.bond booted under one of the named faults. */
const withFault = (name: string) =>
  boot(join(repoRoot, "examples", "initramfs-active-backup.bond"), namedInitScenarios[name]!.scenario);

describe.concurrent("every failure policy on the real kernel, with a fault", () => {
  it(
    "fallback: without bonding.ko the node still reaches its NFS root, unbonded through eth0 with the file's address",
    async () => {
      const { boot: o, mismatches, fault } = await withFault("no-bonding");
      // Judged by the fallback's promise (compareFallback), not by the bonded prediction.
      expect(fault).toBe("bonding.ko missing");
      expect(mismatches).toEqual([]);
      expect(o.root).toMatchObject({ type: "nfs" });
      expect(Object.keys(o.bonds)).toEqual([]);
      expect(o.interfaces["eth0"]).toMatchObject({ ipv4: "10.0.2.15", netmask: "255.255.255.0" });
      expect(o.defaultRoute).toEqual({ via: "10.0.2.2", dev: "eth0" });
      expect(o.server.probe).toBe(o.probe.readBack);
      expect(o.initConsole).toContain("bondc: initramfs-active-backup.bond:11: modprobe bonding failed");
      expect(o.initConsole.some((l) => l.startsWith("bondc: falling back to eth0 with 10.0.2.15"))).toBe(true);
    },
    BOOT_TEST_MS,
  );

  it(
    "fallback: without eth1 the node releases eth0 and reaches its NFS root unbonded through it",
    async () => {
      const { boot: o, mismatches } = await withFault("no-eth1");
      expect(mismatches).toEqual([]);
      expect(o.interfaces["eth0"]).toMatchObject({ ipv4: "10.0.2.15" });
      expect(o.interfaces["eth0"]?.master).toBeUndefined();
      expect(o.initConsole).toContain("bondc: initramfs-active-backup.bond:21: ifconfig eth1 down failed");
    },
    BOOT_TEST_MS,
  );

  it(
    "fallback: the kernel refuses eth1 as a slave (its device cannot take the bond's MTU); the node releases eth0 and reaches its NFS root unbonded through it",
    async () => {
      const { boot: o, mismatches, fault } = await withFault("enslave-refused");
      console.log(`[boot] enslave refused: /init's console\n${o.initConsole.join("\n")}`);
      expect(fault).toBe("eth1 refused as a slave");
      expect(o.initConsole.some((l) => l.includes("Error -22 calling dev_set_mtu"))).toBe(true);
      expect(mismatches).toEqual([]);
      // The refusal is the kernel's own ("Error -22 calling dev_set_mtu"), through the slaves file
      // busybox's sh writes.
      expect(o.initConsole.some((l) => /write error: Invalid argument/.test(l))).toBe(true);
      expect(o.initConsole).toContain("bondc: initramfs-active-backup.bond:22: adding eth1 to bond0's slaves failed");
      expect(o.interfaces["eth0"]).toMatchObject({ ipv4: "10.0.2.15" });
      expect(o.interfaces["eth0"]?.master).toBeUndefined();
      expect(o.bonds["bond0"]?.slaves ?? []).toEqual([]);
      expect(o.defaultRoute).toEqual({ via: "10.0.2.2", dev: "eth0" });
      expect(o.server.probe).toBe(o.probe.readBack);
    },
    BOOT_TEST_MS,
  );

  it(
    "server late: /init's NFS mount fails while the server is not up, retries, and the node boots bonded",
    async () => {
      const { boot: o, mismatches } = await withFault("server-late");
      expect(mismatches).toEqual([]);
      expect(o.harness.runner).toEqual([`nfs-late ${SERVER_LATE_S}`, "nfs-ready"]);
      // The server did not exist before SERVER_LATE_S: the root came only through a retry.
      expect(o.timings.rootInitMs).toBeGreaterThan(SERVER_LATE_S * 1000);
      console.log(`[boot] server late: /init's console\n${o.initConsole.join("\n")}`);
      // busybox's mount said so at least once before a try found the server.
      expect(o.initConsole).toContain("mount: mounting 10.0.2.2:/srv/nfsroot on /newroot failed: Connection refused");
    },
    BOOT_TEST_MS,
  );

  it(
    "halt: without eth1 the node stops with a message naming the step, and never mounts a root",
    async () => {
      const lines = await bootUnreachable(withPolicy("halt"), { name: "no-eth1", eth1: "absent", timeoutMs: 30_000 });
      expect(lines).toContain("bondc: initramfs-active-backup.bond:21: ifconfig eth1 down failed");
      expect(lines).toContain("bondc: boot stopped: ifconfig eth1 down failed. Fix the node and reboot.");
      expect(lines.some((l) => l.includes("switch_root"))).toBe(false);
    },
    BOOT_TEST_MS,
  );

  it(
    "shell: without bonding.ko the node says what failed and starts a console shell instead of booting",
    async () => {
      const lines = await bootUnreachable(withPolicy("shell"), {
        name: "no-bonding",
        bondingModule: false,
        timeoutMs: 30_000,
      });
      expect(lines).toContain("bondc: initramfs-active-backup.bond:11: modprobe bonding failed");
      expect(lines).toContain("bondc: starting a console shell; the node will not boot on its own");
    },
    BOOT_TEST_MS,
  );
});
