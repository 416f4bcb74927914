// Booting a node to a real NFS root, whatever brought it there: the part both boots share.
//
// A fresh NFS root (nfs-root.ts) in a temp folder, served by nfs-ganesha in a private namespace
// (nfs-server.ts) next to QEMU; the kernel and the initrd under test (an initramfs /init that
// mounts the root itself, or the legacy image initrd whose /linuxrc hands the root to the kernel)
// boot; the root's own init reports (root-init.ts) → observeRoot() → the host adds what arrived in
// the export folder (the probe file, the load's lines) → the folder is removed.

import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { missingTool } from "../image/exec.js";
import { BootError, consoleTail, HarnessLimit, type BootOptions } from "./harness.js";
import { EV, EVENT } from "./markers.js";
import { prepareNfsNamespace, runnerMessages } from "./nfs-server.js";
import { buildNfsRoot } from "./nfs-root.js";
import { observeRoot, uptimeMs, type RootObservation } from "./observe.js";
import { checkQemu, runQemu, type NetbootFiles } from "./qemu.js";
import { relayPrefix } from "./vlan-relay.js";
import { guestNic, LOAD_FILE, PROBE_FILE, type LinkStep, type LoadPlan } from "./root-init.js";

export interface NfsBootOptions extends BootOptions {
  /** Where the per-boot work folder (NFS root, ganesha config and log) is made; default os.tmpdir(). */
  tmpDir?: string;
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

/** The link changes of a failover-under-load run: lose eth0, get it back, lose eth1. */
export const DEFAULT_LINK_STEPS: readonly LinkStep[] = [
  { nic: "nic0", link: "off" },
  { nic: "nic0", link: "on" },
  { nic: "nic1", link: "off" },
];

/**
 * Failover under load on the NFS root: the root's init appends `lines` numbered lines to
 * /bondc-load every `intervalMs` while the host makes the link changes `steps`, each once the
 * guest reported the previous one. Defaults: 400 lines, 20 ms, DEFAULT_LINK_STEPS.
 */
export interface LoadRequest {
  lines?: number;
  intervalMs?: number;
  steps?: readonly LinkStep[];
}

export function resolveLoad(load: LoadRequest): LoadPlan {
  return {
    lines: load.lines ?? 400,
    intervalMs: load.intervalMs ?? 20,
    steps: load.steps ?? DEFAULT_LINK_STEPS,
    ping: true,
  };
}

/** One boot's settings, defaults filled in. */
export interface NfsBootScenario {
  name: string;
  /** The path the guest mounts from the server; ganesha serves the per-boot root under it. */
  nfsPath: string;
  nics: number;
  /** The largest MTU each NIC's device allows, by NIC index (qemu.ts QemuOptions.hostMtus). */
  hostMtus?: readonly (number | undefined)[];
  load?: LoadPlan;
  /** The NFS server starts this many seconds after QEMU (the server-late fault); default 0, before it. */
  serverLateS?: number;
  timeoutMs: number;
  memoryMb: number;
}

/**
 * What QEMU boots: a kernel with the initrd under test (as QEMU's -initrd gets it) and its command
 * line, or a network boot from a TFTP root (netboot.ts), whose entries name all three.
 */
export type NfsBootMedia = { kernel: string; initrd: Buffer; append: string } | { netboot: NetbootFiles };

export type NfsBootInput = NfsBootMedia & {
  /** QEMU's user-network options (qemu.ts); default its 10.0.2.0/24. */
  userNet?: string;
  /** The node's root is over this VLAN: the NICs reach the server through its 802.1Q access port (vlan-relay.ts). */
  vlan?: number;
  /** The busybox the NFS root runs. */
  busybox: string;
  /** Notes of the initrd's assembly, added to the warnings. */
  notes: readonly string[];
  /** For the progress line: "1.4 MB initramfs". */
  what: string;
  scenario: NfsBootScenario;
  options: NfsBootOptions;
};

/** Fails early, before any download or build, when this machine cannot run an NFS-root boot. */
export async function checkNfsBootHost(options: BootOptions): Promise<void> {
  // Namespaces, mounts and ganesha's VFS backend (open_by_handle_at) need real root; a user
  // namespace does not give ganesha what it needs.
  await checkBootHost(
    options,
    ["unshare", "ganesha.nfsd", "rpcbind"],
    "booting a node to its NFS root needs root (private namespaces and nfs-ganesha's VFS backend)",
  );
}

/** QEMU, the host tools named, and root (`needsRoot` says why), or an error naming what is missing. */
export async function checkBootHost(options: BootOptions, tools: readonly string[], needsRoot: string): Promise<void> {
  await checkQemu(options.qemu);
  for (const tool of tools) if (!onPath(tool)) throw missingTool(tool);
  if (process.getuid?.() !== 0) throw new HarnessLimit(needsRoot);
}

/**
 * Boots `input.initrd` on `input.kernel` next to a fresh NFS root; returns what that root's own
 * init reported plus what reached the server. Throws BootError (with the console) when the
 * root's init never finished its report.
 */
export async function bootToNfsRoot(input: NfsBootInput): Promise<InitBoot> {
  const { scenario: s, options } = input;
  const work = await mkdtemp(join(options.tmpDir ?? tmpdir(), "bondc-nfs-"));
  try {
    const exportDir = join(work, "root");
    await mkdir(exportDir);
    const token = `bondc-${randomBytes(6).toString("hex")}`;
    await buildNfsRoot({ dir: exportDir, busybox: input.busybox, init: { token, load: s.load } });
    const wrapper = await prepareNfsNamespace(work, { dir: exportDir, as: s.nfsPath }, s.serverLateS ?? 0);
    options.onProgress?.(`booting scenario ${s.name} (${input.what}, NFS root ${s.nfsPath})…`);

    // The host's half of failover under load: each link change once the guest reported the last.
    const steps = s.load?.steps ?? [];
    let next = 0;
    const send = (control: { monitor(c: string): Promise<string> }) => {
      const step = steps[next++];
      if (step) control.monitor(`set_link ${step.nic} ${step.link}`).catch(() => undefined);
    };
    const run = await runQemu({
      ...("netboot" in input
        ? { netboot: input.netboot }
        : { kernel: input.kernel, initrd: input.initrd, append: input.append }),
      nics: s.nics,
      ...(s.hostMtus ? { hostMtus: s.hostMtus } : {}),
      memoryMb: s.memoryMb,
      timeoutMs: s.timeoutMs,
      qemu: options.qemu,
      signal: options.signal,
      userNet: input.userNet,
      wrapper,
      ...(input.vlan !== undefined ? { vlanRelay: await relayPrefix(work, input.vlan) } : {}),
      onLine(line, control) {
        options.onConsole?.(line);
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
          : !runner.includes("nfs-ready") && !s.serverLateS
            ? `the NFS server did not start (exit ${run.exitCode ?? run.signal})`
            : `QEMU exited (code ${run.exitCode ?? run.signal}) before the NFS root's init finished its report`;
      const err = run.stderr.trim() ? `\nQEMU/namespace stderr:\n${run.stderr.trim()}` : "";
      const ganesha = await readFile(join(work, "ganesha.log"), "utf8").catch(() => "");
      const glog = ganesha ? `\nganesha log (last lines):\n${ganesha.trim().split("\n").slice(-10).join("\n")}` : "";
      throw new BootError(
        `boot of scenario ${s.name} did not reach its NFS root: ${why}\n${consoleTail(run)}${err}${glog}`,
        run,
      );
    }
    result.warnings.push(...input.notes.filter((n) => !result.warnings.includes(n)));
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
