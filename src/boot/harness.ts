// What every boot of the harness takes and how it fails: the options (kernel, busybox, QEMU,
// progress and console hooks) and the two errors a caller tells apart from harness bugs.

import type { ProgressFn } from "../image/packages.js";
import type { QemuResult } from "./qemu.js";

export interface BootOptions {
  /** Where downloaded packages are cached; default `~/.cache/bondc/boot`. */
  cacheDir?: string;
  /** Progress messages ("fetching linux-image-…", "booting…"). */
  onProgress?: ProgressFn;
  /** A bzImage to boot instead of the default kernel of the boot (legacy or Debian's cloud kernel). */
  kernel?: string;
  /** The kernel's lib/modules/<release> folder (or the lib/modules above it). */
  modulesDir?: string;
  /** Path of a static busybox; default Debian's busybox-static from the cache. */
  busybox?: string;
  /** QEMU binary; default qemu-system-x86_64 on PATH. */
  qemu?: string;
  /** Every line of the guest's serial console as it arrives (`bondc boot --console`). */
  onConsole?: (line: string) => void;
  signal?: AbortSignal;
}

/**
 * What the harness cannot do for this machine or this file (no root for the NFS server, an NFS
 * server other than QEMU's, no legacy kernel built): nothing was booted, so it is not a failed boot.
 */
export class HarnessLimit extends Error {
  override readonly name = "HarnessLimit";
}

/** The console's last lines, for a BootError's message. */
export function consoleTail(run: QemuResult, count = 40): string {
  return `last console lines:\n${run.lines
    .slice(-count)
    .map((l) => `  | ${l.text}`)
    .join("\n")}`;
}

/** The guest never reached the end of its report (a panic, a hang): `run` has its console. */
export class BootError extends Error {
  constructor(
    message: string,
    readonly run: QemuResult,
  ) {
    super(message);
    this.name = "BootError";
  }
}
