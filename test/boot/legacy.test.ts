// The seed's mechanism end to end: each linuxrc example's image initrd (bondc build's) on the
// legacy kernel (scripts/legacy-kernel), with root=/dev/sda nfsroot=… ip=…, so that only the
// script's real-root-dev write can make the kernel mount the NFS root; that root's own init
// reports / over NFS, the bond, and a file round trip. The same image without the write must
// panic. disk-root-2.4, which hands its root over to /dev/sda1, boots the same way to a disk
// (src/boot/disk-root.ts). Boots run two at a time; timings are logged, never asserted.
import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compile, type CompileResult } from "../../src/api/compile.js";
import { bootCompiledLegacy, type CompiledInitBoot } from "../../src/boot/boot-compiled.js";
import type { LegacyScenario } from "../../src/boot/boot-legacy.js";
import { BootError } from "../../src/boot/harness.js";
import { findLegacyKernel } from "../../src/image/legacy-kernel.js";
import { checkQemu } from "../../src/boot/qemu.js";
import { formatInitBoot } from "../../src/boot/report.js";
import { namedLegacyScenarios, SERVER_LATE_S } from "../../src/boot/scenarios.js";
import { fetchBusybox } from "../../src/image/packages.js";
import { examples, repoRoot, targetOf } from "../support/repo.js";
import { pool } from "./pool.js";

const slot = pool(2);
const BOOT_TEST_MS = 600_000;
const timings: { file: string; scenario: string; rootInitMs?: number; totalMs: number }[] = [];

beforeAll(async () => {
  console.log(`[legacy] ${await checkQemu()}; kernel ${(await findLegacyKernel()).bzImage}`);
  await fetchBusybox({ onProgress: (m) => console.log(`[legacy] ${m}`) });
});

afterAll(() => {
  if (timings.length) console.table(timings);
});

function compiled(name: string): CompileResult {
  const path = join(repoRoot, "examples", `${name}.bond`);
  const r = compile(readFileSync(path, "utf8"), path);
  expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return r;
}

async function boot(c: CompileResult, scenario: LegacyScenario = {}): Promise<CompiledInitBoot> {
  const r = await slot(() => bootCompiledLegacy(c, scenario));
  timings.push({ file: basename(c.source.path), scenario: r.boot.scenario, ...r.boot.timings });
  console.log(
    `[legacy] ${basename(c.source.path)} (${r.root})\n${formatInitBoot(r.boot)}${JSON.stringify(r.mismatches)}`,
  );
  return r;
}

/** The compiled program with its handoff, `echo 0x00ff > …/real-root-dev` (or a disk's number), made a no-op. */
function withoutHandoff(c: CompileResult): CompileResult {
  const write = /^echo 0x[0-9a-f]{4} > \/proc\/sys\/kernel\/real-root-dev .*$/m;
  const script = c.script!;
  expect(script).toMatch(write);
  const cut = script.replace(write, ": the handoff is left out");
  return { ...c, script: cut, artifacts: c.artifacts.map((a, i) => (i === 0 ? { ...a, content: cut } : a)) };
}

/** Every `target linuxrc` example that hands its root over to NFS (disk-root-2.4's is a disk: below). */
const nfsLinuxrcExamples = examples()
  .filter((e) => targetOf(e) === "linuxrc")
  .map((e) => e.name)
  .filter((name) => compiled(name).program.actions.some((a) => a.kind === "handoff" && a.root.kind === "nfs"));

describe.concurrent("the linuxrc examples boot to their roots through the bond on the legacy kernel", () => {
  it("they are the seed's two and the others handing over NFS", () => {
    expect(nfsLinuxrcExamples).toEqual(["active-backup", "lacp-stdlib", "seed-general", "seed-quickstart"]);
  });

  // seed-general reads eth0's address and MAC as ip= left them: its net-tools ifconfig needs the
  // /proc the script mounts before that read (docs/boot.md).
  for (const name of nfsLinuxrcExamples) {
    it(
      `${name}.bond`,
      async () => {
        const { boot: o, mismatches, root } = await boot(compiled(name));
        expect(mismatches).toEqual([]);
        expect(o.root).toMatchObject({ type: "nfs", source: root });
        expect(o.bonds["bond0"]?.slaves).toEqual(["eth0", "eth1"]);
        // ip= put the address on eth0 before /linuxrc; the script took it off.
        expect(o.interfaces["eth0"]?.addresses).toEqual([]);
        expect(o.probe.wrote && o.probe.readBack === o.server.probe).toBe(true);
        expect(o.initConsole).toContain(`bondc: ${name}.bond: done`);
      },
      BOOT_TEST_MS,
    );
  }

  for (const name of ["seed-quickstart", "seed-general"])
    it(
      `${name}.bond's image without the real-root-dev write panics: the kernel has no root to mount`,
      async () => {
        const c = withoutHandoff(compiled(name));
        const err = await slot(() => bootCompiledLegacy(c, { timeoutMs: 300_000 })).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(BootError);
        const console_ = (err as BootError).run.lines.map((l) => l.text).join("\n");
        console.log(`[legacy] ${name} without the handoff:\n${console_.split("\n").slice(-12).join("\n")}`);
        // Under load the console has lost bytes around the panic: /linuxrc's last five lines once,
        // the middle of the panic line another time ("VFS: Unab" and then "Kernel Offset:
        // disabled"). Why is not settled (see src/boot/README.md). So what the console did show
        // must contain no failed step nor a fallback (the script ran through), and the panic is
        // known by its start: a VFS panic, the kernel finding no root to mount.
        expect(console_).not.toMatch(/bondc: .* failed|bondc: falling back/);
        if (!console_.includes(`bondc: ${name}.bond: done`))
          console.log(`[legacy] ${name} without the handoff: the console lost /linuxrc's last line`);
        // real-root-dev stayed 0 (root=/dev/sda names no device here): the kernel has no root.
        // (`quiet` keeps its "Cannot open root device" line off the console; the panic passes.)
        expect(console_).toContain("Kernel panic - not syncing: VFS:");
        expect(console_).not.toContain("@@bondc:root-init");
      },
      BOOT_TEST_MS,
    );

  it(
    "disk-root-2.4.bond reaches its disk root, /dev/sda1, through the bond on the legacy kernel",
    async () => {
      // root=/dev/sda is the whole disk, no file system: only the script's write of 0x0801 makes
      // the kernel mount the partition (src/boot/disk-root.ts).
      const { boot: o, mismatches } = await boot(compiled("disk-root-2.4"));
      expect(mismatches).toEqual([]);
      expect(o.root).toMatchObject({ type: "ext2", device: "8:1" });
      expect(o.bonds["bond0"]?.slaves).toEqual(["eth0", "eth1"]);
      expect(o.probe.wrote && o.probe.readBack === o.server.probe).toBe(true);
      expect(o.initConsole).toContain("bondc: disk-root-2.4.bond: done");
    },
    BOOT_TEST_MS,
  );

  it(
    "disk-root-2.4.bond's image without the real-root-dev write panics: the whole disk holds no file system",
    async () => {
      const c = withoutHandoff(compiled("disk-root-2.4"));
      const err = await slot(() => bootCompiledLegacy(c, { timeoutMs: 300_000 })).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(BootError);
      const console_ = (err as BootError).run.lines.map((l) => l.text).join("\n");
      expect(console_).not.toMatch(/bondc: .* failed/);
      expect(console_).toContain("Kernel panic - not syncing: VFS:");
      expect(console_).not.toContain("@@bondc:root-init");
    },
    BOOT_TEST_MS,
  );

  it(
    "failover on the NFS root: active-backup (bonding.* on the command line), every line arrives, the active slave moves",
    async () => {
      // The quick start in active-backup: every value constant, so nothing is read before `mount proc`.
      const text = [
        'target linuxrc { kernel "2.6.32"  tools net-tools  boot eth0 }',
        "iface eth0, eth1",
        "load bonding mode=active-backup miimon=100",
        "up bond0 {",
        "  address 192.168.1.105",
        "  hwaddr 00:90:27:E0:30:51",
        "  netmask 255.255.255.0",
        "  broadcast 192.168.1.255",
        "  primary eth0",
        "}",
        "down eth0, eth1",
        "enslave eth0, eth1 to bond0",
        "mount proc",
        "handoff nfs",
      ].join("\n");
      const c = compile(text, "legacy-active-backup.bond");
      expect(c.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      const { boot: o, mismatches } = await boot(c, { name: "failover", load: {} });
      expect(mismatches).toEqual([]);
      expect(o.bonds["bond0"]).toMatchObject({ mode: "active-backup", miimon: 100 });
      expect(o.server.load).toMatchObject({ complete: true, received: 400 });
      expect(o.load!.links.map((l) => `${l.nic}:${l.carrier ? "up" : "down"}:${l.active.join("")}`)).toEqual([
        "eth0:down:eth1",
        "eth0:up:eth0",
        "eth1:down:eth0",
      ]);
      // The legacy kernel has POSIX timers (kernel.config), so the NFS root's busybox ping paces
      // its pings there too: the failover is judged by them beside the lines.
      expect(o.load!.pings).toMatchObject({ sent: expect.any(Number) as number });
      console.log(
        `[legacy] failover: longest gap ${o.server.load!.longestGapMs} ms; pings ${JSON.stringify(o.load!.pings)}`,
      );
    },
    BOOT_TEST_MS,
  );
});

/** An example's image booted on the legacy kernel under one of the named faults. */
const withFault = (example: string, fault: string) => boot(compiled(example), namedLegacyScenarios[fault]!.scenario);

describe.concurrent("faults on the legacy kernel end as the failure policy promises", () => {
  it(
    "server late: the kernel's nfsroot mount retries until the server answers, and the node boots bonded",
    async () => {
      const { boot: o, mismatches } = await withFault("seed-quickstart", "server-late");
      expect(mismatches).toEqual([]);
      expect(o.harness.runner).toEqual([`nfs-late ${SERVER_LATE_S}`, "nfs-ready"]);
      // The server did not exist before SERVER_LATE_S: the kernel mounted the root on a retry.
      expect(o.timings.rootInitMs).toBeGreaterThan(SERVER_LATE_S * 1000);
      expect(o.initConsole).toContain("bondc: seed-quickstart.bond: done");
    },
    BOOT_TEST_MS,
  );

  it(
    "fallback: without eth1 seed-general puts eth0 back as ip= left it, and the kernel mounts the NFS root through it",
    async () => {
      const { boot: o, mismatches, fault } = await withFault("seed-general", "no-eth1");
      expect(fault).toBe("eth1 missing");
      expect(mismatches).toEqual([]);
      expect(o.interfaces["eth0"]).toMatchObject({ ipv4: "192.168.1.15", netmask: "255.255.255.0" });
      expect(o.bonds["bond0"]?.slaves).toEqual([]);
      expect(o.initConsole.some((l) => l.startsWith("bondc: falling back to eth0 with 192.168.1.15"))).toBe(true);
    },
    BOOT_TEST_MS,
  );
  it(
    "fallback: the kernel refuses eth1 as a slave (its device cannot take the bond's MTU); seed-general puts eth0 back and the kernel mounts the NFS root through it",
    async () => {
      const { boot: o, mismatches, fault } = await withFault("seed-general", "enslave-refused");
      console.log(`[legacy] enslave refused: /linuxrc's console\n${o.initConsole.join("\n")}`);
      expect(fault).toBe("eth1 refused as a slave");
      expect(o.initConsole.some((l) => l.includes("Error -22 calling dev_set_mtu"))).toBe(true);
      expect(mismatches).toEqual([]);
      expect(o.interfaces["eth0"]).toMatchObject({ ipv4: "192.168.1.15", netmask: "255.255.255.0" });
      expect(o.interfaces["eth0"]?.master).toBeUndefined();
      expect(o.bonds["bond0"]?.slaves ?? []).toEqual([]);
      expect(o.initConsole.some((l) => l.startsWith("bondc: falling back to eth0 with 192.168.1.15"))).toBe(true);
    },
    BOOT_TEST_MS,
  );
});
