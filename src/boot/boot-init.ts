// Booting an initramfs /init (the `initramfs` target) to its NFS root on a real kernel.
//
// kernel + initramfs (the image bondc build makes: the script as /init, stock busybox, modules +
// modules.dep; plus the harness's appended coldplug, init-initramfs.ts) → QEMU inside a
// private network namespace next to nfs-ganesha, which serves a fresh NFS root (nfs-root.ts) →
// the root's own /sbin/init reports (root-init.ts) → observeRoot() → the host adds what arrived
// in the export folder (the probe file, the load's lines) → the export folder is removed.

import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { BootError, HarnessLimit, type BootOptions } from "./harness.js";
import type { ImagePlan } from "../image/build.js";
import { resolveKernel } from "../image/kernel.js";
import { buildInitInitramfs, scriptPlan } from "./init-initramfs.js";
import { EV, EVENT } from "./markers.js";
import { prepareNfsNamespace, runnerMessages } from "./nfs-server.js";
import { buildNfsRoot } from "./nfs-root.js";
import { observeRoot, uptimeMs, type RootObservation } from "./observe.js";
import { fetchBusybox } from "../image/packages.js";
import { checkQemu, runQemu, type NetbootFiles } from "./qemu.js";
import { relayPrefix } from "./vlan-relay.js";
import { guestNic, LOAD_FILE, PROBE_FILE, type LinkStep } from "./root-init.js";
import { missingTool } from "../image/exec.js";

/** The kernel command line of an initramfs boot (`rdinit=` is added when coldplug runs first). */
export const INIT_APPEND = "console=ttyS0 quiet panic=-1 no_timer_check";

/** The link changes of a failover-under-load run: lose eth0, get it back, lose eth1. */
export const DEFAULT_LINK_STEPS: readonly LinkStep[] = [
  { nic: "nic0", link: "off" },
  { nic: "nic0", link: "on" },
  { nic: "nic1", link: "off" },
];

export interface InitBootOptions extends BootOptions {
  /** Where the per-boot work folder (NFS root, ganesha config and log) is made; default os.tmpdir(). */
  tmpDir?: string;
}

export interface InitScenario {
  name?: string;
  /**
   * The path the /init under test mounts from 10.0.2.2 (its handoff's `path`); ganesha serves the
   * per-boot root under that name. Default "/srv/nfsroot".
   */
  nfsPath?: string;
  /** "absent" boots with eth0 only. Default present. */
  eth1?: "present" | "absent";
  /**
   * How many NICs (eth0..eth3, MACs 52:54:00:12:34:56 upwards, all on the one hub); default 2,
   * or 1 with `eth1: "absent"`.
   */
  nics?: number;
  /** Ship bonding.ko; default true. */
  bondingModule?: boolean;
  /**
   * "preloaded" (default): the NIC drivers are loaded before /init starts, as udev's coldplug
   * does on a distribution's initramfs. "script": /init must load them itself.
   */
  nicDrivers?: "preloaded" | "script";
  /**
   * Failover under load on the NFS root: the root's init appends `lines` numbered lines to
   * /bondc-load every `intervalMs` while the host makes the link changes `steps` (default: nic0
   * off, nic0 on, nic1 off), each once the guest reported the previous one.
   */
  load?: { lines?: number; intervalMs?: number; steps?: readonly LinkStep[] };
  /**
   * The node's root is over this VLAN: the NICs reach 10.0.2.2 through an 802.1Q access port
   * for it (vlan-relay.ts), which passes only frames tagged with it.
   */
  vlan?: number;
  /** Whole-VM limit, ms; default 180000. */
  timeoutMs?: number;
  memoryMb?: number;
  /**
   * Boot from the network instead of -kernel/-initrd (qemu.ts, NetbootFiles): the TFTP root's
   * entries name the kernel, the image and the command line, and `init` is not used (the
   * image holds its own /init). Made by netboot.ts from `bondc build`'s output.
   */
  netboot?: NetbootFiles;
}

/** What the server got of the load: every line, in order? */
export interface LoadOnServer {
  /** Line numbers in the order they are in the file. */
  received: number;
  missing: number[];
  /** Every number 1..planned exactly once, ascending. */
  complete: boolean;
  inOrder: boolean;
  /** Longest pause between two consecutive lines (guest timestamps, 10 ms resolution). */
  longestGapMs: number;
  /** The line after which that pause came. */
  longestGapAfter: number;
  /** Guest uptime (ms) of the first and the last line: the load spans the link changes between. */
  firstMs?: number;
  lastMs?: number;
}

export interface InitBoot extends RootObservation {
  /** What arrived in the export folder: the probe file's content, the load file checked. */
  server: { probe?: string; load?: LoadOnServer; root: string };
  /** The NFS server's namespace runner said (e.g. "nfs-ready"), and ganesha's log on failure. */
  harness: { runner: string[]; monitor: { command: string; reply: string; tMs: number }[]; qemuStderr: string };
}

interface Resolved {
  netboot?: NetbootFiles;
  name: string;
  nfsPath: string;
  nics: number;
  bondingModule: boolean;
  nicDrivers: "preloaded" | "script";
  vlan?: number;
  load?: { lines: number; intervalMs: number; steps: readonly LinkStep[] };
  timeoutMs: number;
  memoryMb: number;
}

function resolve(s: InitScenario): Resolved {
  const r: Resolved = {
    name: s.name ?? "default",
    nfsPath: s.nfsPath ?? "/srv/nfsroot",
    nics: s.nics ?? (s.eth1 === "absent" ? 1 : 2),
    bondingModule: s.bondingModule ?? true,
    nicDrivers: s.nicDrivers ?? "preloaded",
    timeoutMs: s.timeoutMs ?? 180_000,
    memoryMb: s.memoryMb ?? 256,
    ...(s.netboot ? { netboot: s.netboot } : {}),
  };
  if (s.vlan !== undefined) r.vlan = s.vlan;
  if (s.load)
    r.load = {
      lines: s.load.lines ?? 400,
      intervalMs: s.load.intervalMs ?? 20,
      steps: s.load.steps ?? DEFAULT_LINK_STEPS,
    };
  if (s.eth1 === "absent" && s.nics !== undefined && s.nics !== 1)
    throw new Error(`eth1 absent, but nics is ${s.nics}`);
  if (!Number.isInteger(r.nics) || r.nics < 1 || r.nics > 4) throw new Error(`nics must be 1 to 4, not ${r.nics}`);
  if (r.load && r.nics < 2 && r.load.steps.some((x) => x.nic === "nic1"))
    throw new Error("load.steps name nic1, but eth1 is absent");
  return r;
}

/**
 * Boots `init` (a compiled program's image plan, or a bare script) as the initramfs's /init and
 * lets it mount a fresh NFS root; returns what
 * that root's own init reported plus what reached the server. Throws BootError (with the
 * console) when the root's init never finished its report: the /init under test did not get
 * there, which for a correct script is the failure to look at.
 */
export async function bootInit(
  init: string | ImagePlan,
  scenario: InitScenario = {},
  options: InitBootOptions = {},
): Promise<InitBoot> {
  const s = resolve(scenario);
  const progress = options.onProgress;
  await checkQemu(options.qemu);
  for (const tool of ["unshare", "ganesha.nfsd", "rpcbind"]) if (!onPath(tool)) throw missingTool(tool);
  // Namespaces, mounts and ganesha's VFS backend (open_by_handle_at) need real root; a user
  // namespace does not give ganesha what it needs.
  if (process.getuid?.() !== 0)
    throw new HarnessLimit(
      "booting an initramfs to its NFS root needs root (private namespaces and nfs-ganesha's VFS backend)",
    );

  const busybox = options.busybox ?? (await fetchBusybox({ cacheDir: options.cacheDir, onProgress: progress }));
  const boot = s.netboot ? ({ netboot: s.netboot } as const) : await harnessInitramfs(init, s, busybox, options);

  const work = await mkdtemp(join(options.tmpDir ?? tmpdir(), "bondc-nfs-"));
  try {
    const exportDir = join(work, "root");
    await mkdir(exportDir);
    const token = `bondc-${randomBytes(6).toString("hex")}`;
    await buildNfsRoot({ dir: exportDir, busybox, init: { token, load: s.load } });
    const wrapper = await prepareNfsNamespace(work, { dir: exportDir, as: s.nfsPath });
    progress?.(
      `booting scenario ${s.name} (${boot.netboot ? `network boot from ${boot.netboot.bootfile}` : `${(boot.initramfs.gzip.length / 1e6).toFixed(1)} MB initramfs`}, NFS root ${s.nfsPath})…`,
    );

    // The host's half of failover under load: each link change once the guest reported the last.
    const steps = s.load?.steps ?? [];
    let next = 0;
    const send = (control: { monitor(c: string): Promise<string> }) => {
      const step = steps[next++];
      if (step) control.monitor(`set_link ${step.nic} ${step.link}`).catch(() => undefined);
    };
    const run = await runQemu({
      ...(boot.netboot
        ? { netboot: boot.netboot }
        : {
            kernel: boot.kernel,
            initrd: boot.initramfs.gzip,
            append: boot.initramfs.rdinit ? `${INIT_APPEND} rdinit=${boot.initramfs.rdinit}` : INIT_APPEND,
          }),
      nics: s.nics,
      memoryMb: s.memoryMb,
      timeoutMs: s.timeoutMs,
      qemu: options.qemu,
      signal: options.signal,
      wrapper,
      ...(s.vlan !== undefined ? { vlanRelay: await relayPrefix(work, s.vlan) } : {}),
      onLine(line, control) {
        if (!s.load) return;
        if (line.includes(`${EVENT}${EV.loadStart}`)) send(control);
        else if (line.includes(`${EVENT}${EV.link} `)) {
          const done = steps[next - 1];
          // Only the change the guest was waiting for moves the plan on.
          if (done && line.includes(`nic=${guestNic(done.nic)} carrier=${done.link === "on" ? 1 : 0}`)) send(control);
        }
      },
    });

    const obs = observeRoot({ scenario: s.name, lines: run.lines, totalMs: run.durationMs });
    const runner = runnerMessages(run.stderr);
    const result: InitBoot = {
      ...obs,
      server: { root: s.nfsPath },
      harness: {
        runner,
        monitor: run.monitorLog.map((m) => ({ command: m.command, reply: m.reply, tMs: m.t })),
        qemuStderr: run.stderr,
      },
    };
    if (!obs.reachedRoot) {
      const why = run.timedOut
        ? `QEMU did not finish within ${s.timeoutMs} ms`
        : run.aborted
          ? "aborted"
          : !runner.includes("nfs-ready")
            ? `the NFS server did not start (exit ${run.exitCode ?? run.signal})`
            : `QEMU exited (code ${run.exitCode ?? run.signal}) before the NFS root's init finished its report`;
      const tail = run.lines
        .slice(-40)
        .map((l) => `  | ${l.text}`)
        .join("\n");
      const err = run.stderr.trim() ? `\nQEMU/namespace stderr:\n${run.stderr.trim()}` : "";
      const ganesha = await readFile(join(work, "ganesha.log"), "utf8").catch(() => "");
      const glog = ganesha ? `\nganesha log (last lines):\n${ganesha.trim().split("\n").slice(-10).join("\n")}` : "";
      throw new BootError(
        `boot of scenario ${s.name} did not reach its NFS root: ${why}\nlast console lines:\n${tail}${err}${glog}`,
        run,
        emptyLegacy(s.name, run.durationMs),
      );
    }
    if (!boot.netboot) result.warnings.push(...boot.initramfs.notes.filter((n) => !result.warnings.includes(n)));
    if (run.errors.length) result.warnings.push(...run.errors.map((e) => `host: ${e}`));
    for (const m of run.monitorLog) if (m.reply) result.warnings.push(`monitor ${m.command}: ${m.reply}`);

    const probe = await readFile(join(exportDir, PROBE_FILE), "utf8").catch(() => undefined);
    if (probe !== undefined) result.server.probe = probe.trim();
    if (s.load) {
      const text = await readFile(join(exportDir, LOAD_FILE), "utf8").catch(() => "");
      result.server.load = checkLoad(text, s.load.lines);
    }
    // The root's init wrote its probe with this boot's token; anything else is a stale root.
    if (result.probe.readBack !== undefined && result.probe.readBack !== token)
      result.warnings.push(`probe read back ${result.probe.readBack}, expected ${token}`);
    if (result.server.probe !== undefined && result.server.probe !== token)
      result.warnings.push(`probe on the server reads ${result.server.probe}, expected ${token}`);
    return result;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** The image bondc build makes for `init`, plus the harness's appended coldplug (init-initramfs.ts), for a boot with -kernel/-initrd. */
async function harnessInitramfs(init: string | ImagePlan, s: Resolved, busybox: string, options: InitBootOptions) {
  if (options.kernel && !existsSync(options.kernel)) throw new HarnessLimit(`kernel ${options.kernel} does not exist`);
  const kernel = await resolveKernel(options.kernel, options.modulesDir, {
    cacheDir: options.cacheDir,
    onProgress: options.onProgress,
  });
  const initramfs = await buildInitInitramfs({
    plan: typeof init === "string" ? scriptPlan(init) : init,
    kernel,
    busybox,
    bondingModule: s.bondingModule,
    nicDrivers: s.nicDrivers,
  });
  return { kernel: kernel.path, initramfs, netboot: undefined };
}

/** Checks the load file: `N UPTIME` per line, N from 1 to `planned`. */
export function checkLoad(text: string, planned: number): LoadOnServer {
  const rows = text
    .split("\n")
    .filter(Boolean)
    .map((l) => l.split(" "))
    .map(([n, t]) => ({ n: Number(n), t: uptimeMs(t) }));
  const seen = new Set(rows.map((r) => r.n));
  const missing = Array.from({ length: planned }, (_, i) => i + 1).filter((n) => !seen.has(n));
  const inOrder = rows.every((r, i) => r.n === i + 1);
  let longestGapMs = 0;
  let longestGapAfter = 0;
  for (let i = 1; i < rows.length; i++) {
    const gap = rows[i]!.t - rows[i - 1]!.t;
    if (gap > longestGapMs) {
      longestGapMs = gap;
      longestGapAfter = rows[i - 1]!.n;
    }
  }
  const r: LoadOnServer = {
    received: rows.length,
    missing,
    complete: inOrder && rows.length === planned,
    inOrder,
    longestGapMs,
    longestGapAfter,
  };
  if (rows.length) {
    r.firstMs = rows[0]!.t;
    r.lastMs = rows[rows.length - 1]!.t;
  }
  return r;
}

function onPath(tool: string): boolean {
  const dirs = (process.env["PATH"] ?? "").split(delimiter).concat(["/usr/sbin", "/sbin"]);
  return dirs.some((d) => d && existsSync(join(d, tool)));
}

/** BootError carries a legacy observation; an initramfs boot that failed has none worth parsing. */
function emptyLegacy(scenario: string, totalMs: number) {
  return {
    scenario,
    linuxrc: { exitCode: -1, stdout: "", stderr: "", timedOut: false },
    complaints: [],
    interfaces: {},
    timings: { bootMs: totalMs, linuxrcMs: 0, totalMs },
    warnings: [],
    routes: [],
    before: { links: [], addrs: [] },
    kernelLog: [],
    sections: {},
  };
}
