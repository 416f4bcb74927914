// The initramfs path on Debian's real kernel under QEMU: a hand-made /init in the shape the
// `initramfs` target compiles to (fixtures/init-bond.sh) bonds eth0+eth1, mounts its NFS root
// from nfs-ganesha (private namespace, next to QEMU) and switch_roots; the root's own /sbin/init
// reports. Timings are logged, never asserted. Nothing is skipped: without QEMU or ganesha the
// boots fail with an install hint.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareBoots } from "./prepare.js";
import { bootInit, type InitScenario } from "../../src/boot/boot-init.js";
import type { InitBoot } from "../../src/boot/nfs-boot.js";
import { BootError } from "../../src/boot/harness.js";
import { formatInitBoot } from "../../src/boot/report.js";
import { nicMac } from "../../src/boot/qemu.js";
import { pool } from "./pool.js";

const fixture = readFileSync(join(dirname(fileURLToPath(import.meta.url)), "fixtures", "init-bond.sh"), "utf8");
const BOOT_TEST_MS = 300_000;
const timings: { scenario: string; kernelMs?: number; rootInitMs?: number; totalMs: number }[] = [];
let tmp: string;
/** Boots are CPU-bound TCG guests; two at a time on two cores. */
const slot = pool(2);

prepareBoots(timings);

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), "bondc-boot-init-test-"));
});

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

/** Processes whose command line mentions `path` (ganesha, rpcbind's runner and QEMU all do). */
function processesMentioning(path: string): string[] {
  const out: string[] = [];
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ");
      if (cmd.includes(path) && Number(pid) !== process.pid) out.push(`${pid}: ${cmd}`);
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/** Boots in a work folder of its own and checks that nothing of the boot is left afterwards. */
async function boot(scenario: InitScenario, init = fixture): Promise<InitBoot> {
  const dir = mkdtempSync(join(tmp, "boot-"));
  try {
    const o = await slot(() => bootInit(init, scenario, { tmpDir: dir }));
    timings.push({ scenario: o.scenario, ...o.timings });
    console.log(`[boot]\n${formatInitBoot(o)}`);
    return o;
  } finally {
    expect(processesMentioning(dir)).toEqual([]);
    expect(readdirSync(dir)).toEqual([]);
  }
}

describe.concurrent("an initramfs /init that mounts its NFS root over the bond (fixture)", () => {
  it(
    "reaches the NFS root, whose own init reports / over nfs, bond0, the address, MAC, route and a file round trip",
    async () => {
      const o = await boot({ name: "init-bond" });
      expect(o.reachedRoot).toBe(true);
      expect(o.root).toMatchObject({ source: "10.0.2.2:/srv/nfsroot", type: "nfs" });
      expect(o.root!.options).toMatch(/(^|,)vers=3(,|$)/);
      expect(o.root!.options).toMatch(/(^|,)proto=tcp(,|$)/);
      expect(Object.keys(o.bonds)).toEqual(["bond0"]);
      expect(o.bonds["bond0"]).toMatchObject({
        mode: "active-backup",
        miimon: 100,
        slaves: ["eth0", "eth1"],
        activeSlave: "eth0",
        up: true,
      });
      expect(o.bonds["bond0"]!.proc).toMatch(/Currently Active Slave: eth0/);
      expect(o.interfaces["bond0"]).toMatchObject({
        mac: nicMac(0),
        ipv4: "10.0.2.15",
        netmask: "255.255.255.0",
        broadcast: "10.0.2.255",
        addresses: ["10.0.2.15/24"],
        carrier: true,
      });
      for (const nic of ["eth0", "eth1"])
        expect(o.interfaces[nic], nic).toMatchObject({ master: "bond0", up: true, addresses: [] });
      expect(o.defaultRoute).toEqual({ via: "10.0.2.2", dev: "bond0" });
      // Written on the guest's /, read back there, and arrived on the server with the same content.
      expect(o.probe.wrote).toBe(true);
      expect(o.probe.readBack).toMatch(/^bondc-[0-9a-f]{12}$/);
      expect(o.server.probe).toBe(o.probe.readBack);
      expect(o.harness.runner).toEqual(["nfs-ready"]);
      expect(o.warnings).toEqual([]);
      // The /init under test printed nothing (firmware banners aside): every step succeeded.
      expect(o.initConsole.filter((l) => l.startsWith("init:"))).toEqual([]);
    },
    BOOT_TEST_MS,
  );

  it(
    "loads the NIC drivers itself when nothing ran before /init (modprobe through modules.dep)",
    async () => {
      const o = await boot({ name: "init-bond-own-drivers", nicDrivers: "script" });
      expect(o.timings.kernelMs).toBeUndefined(); // no coldplug stand-in ran
      expect(o.root).toMatchObject({ type: "nfs" });
      expect(o.bonds["bond0"]).toMatchObject({ slaves: ["eth0", "eth1"], activeSlave: "eth0" });
      expect(o.server.probe).toBe(o.probe.readBack);
    },
    BOOT_TEST_MS,
  );

  it(
    "a /init that fails before its root: BootError with what it said, and the server is gone",
    async () => {
      const dir = mkdtempSync(join(tmp, "no-eth1-"));
      const err = await slot(() =>
        bootInit(fixture, { name: "init-bond-no-eth1", eth1: "absent" }, { tmpDir: dir }),
      ).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(BootError);
      const message = (err as BootError).message;
      expect(message).toMatch(
        /did not reach its NFS root: QEMU exited \(code 0\) before the NFS root's init finished its report/,
      );
      // The fixture's own complaint, on the console tail the error carries.
      expect(message).toMatch(/\| init: eth1 down failed/);
      expect(processesMentioning(dir)).toEqual([]);
      expect(readdirSync(dir)).toEqual([]);
    },
    BOOT_TEST_MS,
  );
});

describe.concurrent("failover on the NFS root under write load", () => {
  it(
    "loses no line while nic0 goes off, on again, and nic1 off; the active slave follows",
    async () => {
      const o = await boot({ name: "init-bond-load", load: { lines: 400, intervalMs: 20 } });
      const load = o.load!;
      expect(load.planned).toBe(400);
      expect(load.activeAtStart).toEqual(["eth0"]);
      expect(load.linkTimeouts).toEqual([]);
      expect(load.links.map((l) => ({ nic: l.nic, carrier: l.carrier, active: l.active }))).toEqual([
        { nic: "eth0", carrier: false, active: ["eth1"] },
        { nic: "eth0", carrier: true, active: ["eth1"] },
        { nic: "eth1", carrier: false, active: ["eth0"] },
      ]);
      expect(o.harness.monitor.map((m) => m.command)).toEqual([
        "set_link nic0 off",
        "set_link nic0 on",
        "set_link nic1 off",
      ]);
      expect(load.writerExit).toBe(0);
      expect(load.procAfter["bond0"]).toMatch(/Slave Interface: eth1\nMII Status: down/);
      // On the server: every line, each once, in order.
      expect(o.server.load).toMatchObject({ received: 400, missing: [], inOrder: true, complete: true });
      // The load spans every change: written before the first and after the last.
      expect(o.server.load!.firstMs).toBeLessThan(load.links[0]!.tMs);
      expect(o.server.load!.lastMs).toBeGreaterThan(load.links.at(-1)!.tMs);
      console.log(
        `[boot] failover under load: ${o.server.load!.received}/${load.planned} lines in order; longest gap ` +
          `${o.server.load!.longestGapMs} ms after line ${o.server.load!.longestGapAfter}; link changes at guest ` +
          load.links.map((l) => `${l.nic}:${l.carrier ? "up" : "down"}@${l.tMs}ms`).join(" "),
      );
    },
    BOOT_TEST_MS,
  );
});

describe.concurrent("the namespace is torn down whatever happens", () => {
  it(
    "an /init that never reaches its root: QEMU is killed at the limit, the server with it, nothing left",
    async () => {
      const dir = mkdtempSync(join(tmp, "hang-"));
      const err = await slot(() =>
        bootInit("#!/bin/sh\nwhile :; do sleep 1; done\n", { name: "hang", timeoutMs: 20_000 }, { tmpDir: dir }),
      ).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(BootError);
      expect((err as BootError).message).toMatch(/did not reach its NFS root: QEMU did not finish within 20000 ms/);
      expect((err as BootError).run.timedOut).toBe(true);
      expect(processesMentioning(dir)).toEqual([]);
      expect(readdirSync(dir)).toEqual([]);
      expect(existsSync(dir)).toBe(true);
    },
    BOOT_TEST_MS,
  );
});
