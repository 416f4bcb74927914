// Booting an initramfs /init (the `initramfs` target) to its NFS root on a real kernel.
//
// kernel + initramfs (the image bondc build makes: the script as /init, stock busybox, modules +
// modules.dep; plus the harness's appended coldplug, init-initramfs.ts), or a network boot from
// bondc build's entries (netboot.ts) → QEMU inside a
// private network namespace next to nfs-ganesha, which serves a fresh NFS root (nfs-root.ts) →
// the root's own /sbin/init reports (root-init.ts) → observeRoot() → the host adds what arrived
// in the export folder (the probe file, the load's lines) → the export folder is removed.

import { existsSync } from "node:fs";
import { HarnessLimit } from "./harness.js";
import type { ImagePlan } from "../image/build.js";
import { resolveKernel } from "../image/kernel.js";
import { buildInitInitramfs, scriptPlan } from "./init-initramfs.js";
import {
  bootToNfsRoot,
  checkNfsBootHost,
  resolveLoad,
  type InitBoot,
  type LoadRequest,
  type NfsBootOptions,
} from "./nfs-boot.js";
import { fetchBusybox } from "../image/packages.js";
import { DEFAULT_APPEND, type NetbootFiles } from "./qemu.js";
import type { LoadPlan } from "./root-init.js";

export type InitBootOptions = NfsBootOptions;

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
  /**
   * The largest MTU each NIC's device lets its driver set, by NIC index (virtio's `host_mtu`; a
   * card or port that cannot carry full-size frames): the bonding driver refuses to enslave a NIC
   * it cannot give the bond's MTU (bond_enslave, "Error -22 calling dev_set_mtu").
   */
  hostMtus?: readonly (number | undefined)[];
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
  load?: LoadRequest;
  /**
   * The node's root is over this VLAN: the NICs reach 10.0.2.2 through an 802.1Q access port
   * for it (vlan-relay.ts), which passes only frames tagged with it.
   */
  vlan?: number;
  /**
   * The fault this scenario injects that the bonding cannot survive ("eth1 missing"): the boot
   * is judged by the program's failure policy (boot-compiled.ts), not by the bonded prediction.
   */
  fault?: string;
  /** The NFS server starts this many seconds after QEMU: /init must wait for it (the server-late fault). */
  serverLateS?: number;
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

interface Resolved {
  netboot?: NetbootFiles;
  vlan?: number;
  name: string;
  nfsPath: string;
  nics: number;
  hostMtus?: readonly (number | undefined)[];
  bondingModule: boolean;
  nicDrivers: "preloaded" | "script";
  load?: LoadPlan;
  serverLateS?: number;
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
  if (s.serverLateS) r.serverLateS = s.serverLateS;
  if (s.hostMtus) r.hostMtus = s.hostMtus;
  if (s.load) r.load = resolveLoad(s.load);
  if (s.eth1 === "absent" && s.nics !== undefined && s.nics !== 1)
    throw new Error(`eth1 absent, but nics is ${s.nics}`);
  if (!Number.isInteger(r.nics) || r.nics < 1 || r.nics > 4) throw new Error(`nics must be 1 to 4, not ${r.nics}`);
  if (r.load && r.nics < 2 && r.load.steps.some((x) => x.nic === "nic1"))
    throw new Error("load.steps name nic1, but eth1 is absent");
  return r;
}

/**
 * Boots `init` (a compiled program's image plan, or a bare script) as the initramfs's /init and
 * lets it mount a fresh NFS root; returns what that root's own init reported plus what reached the
 * server. Throws BootError (with the console) when the root's init never finished its report: the
 * /init under test did not get there, which for a correct script is the failure to look at.
 */
export async function bootInit(
  init: string | ImagePlan,
  scenario: InitScenario = {},
  options: InitBootOptions = {},
): Promise<InitBoot> {
  const s = resolve(scenario);
  const progress = options.onProgress;
  await checkNfsBootHost(options);
  const busybox = options.busybox ?? (await fetchBusybox({ cacheDir: options.cacheDir, onProgress: progress }));
  const common = { busybox, scenario: s, options, ...(s.vlan !== undefined ? { vlan: s.vlan } : {}) };
  if (s.netboot)
    return bootToNfsRoot({
      netboot: s.netboot,
      notes: [],
      what: `network boot from ${s.netboot.bootfile}`,
      ...common,
    });

  if (options.kernel && !existsSync(options.kernel)) throw new HarnessLimit(`kernel ${options.kernel} does not exist`);
  const kernel = await resolveKernel(options.kernel, options.modulesDir, {
    cacheDir: options.cacheDir,
    onProgress: progress,
  });
  const initramfs = await buildInitInitramfs({
    plan: typeof init === "string" ? scriptPlan(init) : init,
    kernel,
    busybox,
    bondingModule: s.bondingModule,
    nicDrivers: s.nicDrivers,
  });
  return bootToNfsRoot({
    kernel: kernel.path,
    initrd: initramfs.gzip,
    append: initramfs.rdinit ? `${DEFAULT_APPEND} rdinit=${initramfs.rdinit}` : DEFAULT_APPEND,
    notes: initramfs.notes,
    what: `${(initramfs.gzip.length / 1e6).toFixed(1)} MB initramfs`,
    ...common,
  });
}
