// Booting a `target linuxrc` program that hands its root over to a local disk (the example
// disk-root-2.4.bond): its image initrd on the legacy kernel, with a SCSI disk whose first
// partition holds, as ext2, the root the NFS boots serve (stock busybox and the reporting init,
// root-init.ts). The kernel command line says `root=/dev/sda`, the whole disk, which holds no
// file system: only the script's write of the partition's number to real-root-dev (0x0801 for
// /dev/sda1) makes the kernel mount the root; without it the boot panics. That root's own init
// reports as an NFS root's does, and the host reads the file it wrote back from the disk image.
//
// No server takes part, and QEMU still runs in a private network namespace (netns.ts): the
// bonded NICs reach QEMU's user network and nothing beyond it.

import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, open, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BootError, consoleTail } from "./harness.js";
import { run } from "../image/exec.js";
import { buildNfsRoot } from "./nfs-root.js";
import { checkBootHost, type InitBoot, type NfsBootOptions } from "./nfs-boot.js";
import { openPrivateNetwork } from "./netns.js";
import { observeRoot } from "./observe.js";
import { runQemu } from "./qemu.js";
import { PROBE_FILE } from "./root-init.js";

/** Where the partition starts on the disk: sector 2048, 1 MiB in, as partitioning tools align it. */
const PARTITION_START = 2048;
const SECTOR = 512;
/** The root partition's size: stock busybox and its links take about 2.5 MB. */
const PARTITION_BLOCKS_1K = 16 * 1024;

export interface DiskBoot {
  /** The image initrd (gzip'd ext2), as `bondc build` makes it. */
  readonly initrd: Buffer;
  /** The legacy kernel. */
  readonly kernel: string;
  /** The kernel command line: its `root=` must not name the partition (the handoff must). */
  readonly append: string;
  readonly busybox: string;
  readonly nics: number;
  readonly timeoutMs?: number;
}

/** Fails early when this machine cannot boot a node to a disk root: QEMU, e2fsprogs, namespaces. */
export function checkDiskBootHost(options: NfsBootOptions): Promise<void> {
  return checkBootHost(
    options,
    ["mke2fs", "debugfs", "unshare"],
    "booting a node to a disk root needs root (a private network namespace)",
  );
}

/** The partition's offset in the disk, for e2fsprogs' `-E offset=` and `FILE?offset=`. */
const PARTITION_OFFSET = PARTITION_START * SECTOR;

/**
 * The disk: a PC partition table (MBR) with one Linux partition (type 0x83) from PARTITION_START,
 * holding an ext2 file system of `rootDir`, written to `path` by mke2fs at the partition's offset.
 */
export async function writeDisk(rootDir: string, path: string): Promise<void> {
  const made = await run("mke2fs", [
    ...["-q", "-F", "-t", "ext2", "-b", "1024", "-E", `offset=${PARTITION_OFFSET}`],
    ...["-d", rootDir, path, String(PARTITION_BLOCKS_1K)],
  ]);
  if (made.code !== 0) throw new Error(`mke2fs failed: ${made.stderr.trim()}`);
  const mbr = Buffer.alloc(SECTOR);
  const entry = 446;
  // CHS fields past what CHS can address (0xfe 0xff 0xff): the kernel reads the LBA fields.
  mbr.set([0x00, 0xfe, 0xff, 0xff, 0x83, 0xfe, 0xff, 0xff], entry);
  mbr.writeUInt32LE(PARTITION_START, entry + 8);
  mbr.writeUInt32LE((PARTITION_BLOCKS_1K * 1024) / SECTOR, entry + 12);
  mbr.writeUInt16LE(0xaa55, 510);
  const disk = await open(path, "r+");
  try {
    await disk.write(mbr, 0, SECTOR, 0);
  } finally {
    await disk.close();
  }
}

/** A file of the disk's root file system, read with debugfs at the partition; undefined when absent. */
export async function readFromDisk(disk: string, file: string): Promise<string | undefined> {
  const r = await run("debugfs", ["-R", `cat /${file}`, `${disk}?offset=${PARTITION_OFFSET}`]);
  return r.code === 0 && r.stdout.trim() !== "" ? r.stdout.trim() : undefined;
}

/**
 * Boots `input.initrd` on the legacy kernel with the disk root; returns what that root's own init
 * reported, and the probe file as the host reads it from the disk afterwards. Throws BootError
 * (with the console) when the root's init never finished its report (a panic included).
 */
export async function bootToDiskRoot(input: DiskBoot, options: NfsBootOptions = {}): Promise<InitBoot> {
  const work = await mkdtemp(join(options.tmpDir ?? tmpdir(), "bondc-disk-"));
  const network = await openPrivateNetwork();
  try {
    const rootDir = join(work, "root");
    await mkdir(rootDir);
    const token = `bondc-${randomBytes(6).toString("hex")}`;
    // The same root the NFS boots serve: busybox and the init that reports.
    await buildNfsRoot({ dir: rootDir, busybox: input.busybox, init: { token } });
    const disk = join(work, "disk.img");
    await writeDisk(rootDir, disk);
    options.onProgress?.("booting to the disk root /dev/sda1…");
    const boot = await runQemu({
      kernel: input.kernel,
      initrd: input.initrd,
      append: input.append,
      nics: input.nics,
      disk,
      timeoutMs: input.timeoutMs ?? 240_000,
      qemu: options.qemu,
      signal: options.signal,
      wrapper: network.wrapper,
      onLine: (line) => options.onConsole?.(line),
    });
    const obs = observeRoot({ scenario: "disk root", lines: boot.lines, totalMs: boot.durationMs });
    if (!obs.reachedRoot) {
      const why = boot.timedOut ? "QEMU did not finish in time" : `QEMU exited (code ${boot.exitCode ?? boot.signal})`;
      throw new BootError(`the boot did not reach its disk root: ${why}\n${consoleTail(boot)}`, boot);
    }
    const probe = await readFromDisk(disk, PROBE_FILE);
    const result: InitBoot = {
      ...obs,
      server: { root: "/dev/sda1", ...(probe !== undefined ? { probe } : {}) },
      harness: { runner: [], monitor: [], qemuStderr: boot.stderr },
    };
    if (result.probe.readBack !== undefined && result.probe.readBack !== token)
      result.warnings.push(`probe read back ${result.probe.readBack}, expected ${token}`);
    return result;
  } finally {
    network.close();
    await rm(work, { recursive: true, force: true });
  }
}
