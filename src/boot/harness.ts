// The public entry: boot a /linuxrc on Debian's real kernel under QEMU and say what it did.
//
// packages (kernel, busybox) → initramfs (busybox, shims, modules, /init, /linuxrc) → QEMU
// (with a monitor hook for link faults) → observation parsed from the serial console.

import { existsSync } from "node:fs";
import { EV, EVENT } from "./markers.js";
import { observe, type BootObservation } from "./observe.js";
import { fetchBusybox, fetchKernel, type ProgressFn } from "../image/packages.js";
import { buildInitramfs } from "./initramfs.js";
import { checkQemu, runQemu, type QemuResult } from "./qemu.js";
import { resolveScenario, type BootScenario } from "./scenario.js";

export interface BootOptions {
  /** Where downloaded packages are cached; default `~/.cache/bondc/boot`. */
  cacheDir?: string;
  /** Progress messages ("fetching linux-image-…", "booting…"). */
  onProgress?: ProgressFn;
  /** A bzImage to boot instead of Debian's cloud kernel. */
  kernel?: string;
  /**
   * The kernel's lib/modules/<release> folder. With `kernel` but without this, the kernel is
   * assumed to have virtio-net and bonding built in and no modules are shipped.
   */
  modulesDir?: string;
  /** Path of a static busybox; default Debian's busybox-static from the cache. */
  busybox?: string;
  /** QEMU binary; default qemu-system-x86_64 on PATH. */
  qemu?: string;
  /** Every line of the guest's serial console as it arrives (`bondc boot --console`). */
  onConsole?: (line: string) => void;
  signal?: AbortSignal;
}

/** The guest never reached the end of its report: the observation would be meaningless. */
/**
 * What the harness cannot do for this machine or this file (no root for the NFS server, an NFS
 * server other than QEMU's 10.0.2.2): nothing was booted, so it is not a failed boot.
 */
export class HarnessLimit extends Error {
  override readonly name = "HarnessLimit";
}

export class BootError extends Error {
  constructor(
    message: string,
    readonly run: QemuResult,
    readonly partial: BootObservation,
  ) {
    super(message);
    this.name = "BootError";
  }
}

export async function bootLinuxrc(
  script: string,
  scenario: BootScenario = {},
  options: BootOptions = {},
): Promise<BootObservation> {
  const s = resolveScenario(scenario);
  const progress = options.onProgress;
  // QEMU first: it is the one tool a user is most likely to lack, and the cheapest to check.
  await checkQemu(options.qemu);

  let kernel = options.kernel;
  let modulesDir = options.modulesDir;
  if (kernel) {
    if (!existsSync(kernel)) throw new Error(`kernel ${kernel} does not exist`);
  } else {
    const k = await fetchKernel({ cacheDir: options.cacheDir, onProgress: progress });
    kernel = k.vmlinuz;
    modulesDir ??= k.modulesDir;
  }
  if (modulesDir && !existsSync(modulesDir)) throw new Error(`modules folder ${modulesDir} does not exist`);
  const busybox = options.busybox ?? (await fetchBusybox({ cacheDir: options.cacheDir, onProgress: progress }));

  const initramfs = await buildInitramfs({ busybox, modulesDir, linuxrc: script, scenario: s });
  progress?.(`booting scenario ${s.name} (${(initramfs.gzip.length / 1e6).toFixed(1)} MB initramfs)…`);

  let cutAtMs: number | undefined;
  const run = await runQemu({
    kernel,
    initrd: initramfs.gzip,
    nics: s.eth1 === "absent" ? 1 : 2,
    memoryMb: s.memoryMb,
    timeoutMs: s.timeoutMs,
    qemu: options.qemu,
    signal: options.signal,
    onLine(line, control) {
      // The guest pings, then announces it is ready; cutting the link is the host's half.
      if (s.failover && line.includes(`${EVENT}${EV.failoverReady}`) && cutAtMs === undefined) {
        cutAtMs = control.elapsed();
        control.monitor(`set_link ${s.failover.cut} off`).catch(() => undefined);
      }
    },
  });

  const obs = observe({ scenario: s.name, lines: run.lines, totalMs: run.durationMs, cutAtMs });
  const done = run.lines.some((l) => l.text.includes(`${EVENT}${EV.done}`));
  if (!done) {
    const why = run.timedOut
      ? `QEMU did not finish within ${s.timeoutMs} ms`
      : run.aborted
        ? "aborted"
        : `QEMU exited (code ${run.exitCode ?? run.signal}) before the guest finished its report`;
    const tail = run.lines
      .slice(-25)
      .map((l) => `  | ${l.text}`)
      .join("\n");
    const err = run.stderr.trim() ? `\nQEMU stderr:\n${run.stderr.trim()}` : "";
    throw new BootError(`boot of scenario ${s.name} failed: ${why}\nlast console lines:\n${tail}${err}`, run, obs);
  }
  if (run.errors.length) obs.warnings.push(...run.errors.map((e) => `host: ${e}`));
  for (const m of run.monitorLog) if (m.reply) obs.warnings.push(`monitor ${m.command}: ${m.reply}`);
  return obs;
}
