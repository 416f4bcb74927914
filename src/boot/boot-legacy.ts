// Booting the seed's own mechanism end to end: an image initrd whose /linuxrc bonds the NICs and
// writes real-root-dev, on a kernel that still runs /linuxrc (src/image/legacy-kernel.ts), which then mounts
// the NFS root itself through the bond.
//
// The kernel command line makes the handoff load-bearing: `root=/dev/sda` leaves real-root-dev at
// 0, so only the script's `echo 0x00ff > /proc/sys/kernel/real-root-dev` makes the kernel mount
// `nfsroot=` (with `nfsroot=` alone the kernel would set 0x00ff itself before /linuxrc runs);
// without the write it panics ("Cannot open root device"). `ip=` configures the boot NIC before
// /linuxrc, as the seed's BOOTP firmware did; the script must take that address off the NIC.

import { existsSync } from "node:fs";
import { fetchBusybox } from "../image/packages.js";
import { HarnessLimit } from "./harness.js";
import { hostOn, netmaskOf, sameNetwork } from "./ipv4.js";
import { findLegacyKernel } from "../image/legacy-kernel.js";
import {
  bootToNfsRoot,
  checkNfsBootHost,
  resolveLoad,
  type InitBoot,
  type LoadRequest,
  type NfsBootOptions,
} from "./nfs-boot.js";
import { MOUNT_PORT, NFS_PORT } from "./nfs-server.js";
import { DEFAULT_APPEND } from "./qemu.js";

/** The network the node boots on: its address as the firmware gives it, and the NFS server. */
export interface LegacySite {
  /** The boot NIC's address (`ip=`), e.g. 192.168.1.105. */
  node: string;
  /** Dotted netmask, e.g. 255.255.255.0. */
  netmask: string;
  /** The NFS server, which is QEMU's host address on that network. */
  server: string;
}

/** QEMU's own user network: the node at 10.0.2.15, the host (and NFS server) at 10.0.2.2. */
export const QEMU_SITE: LegacySite = { node: "10.0.2.15", netmask: "255.255.255.0", server: "10.0.2.2" };

export interface LegacyScenario {
  name?: string;
  site?: LegacySite;
  /** The path the kernel mounts from the server (`nfsroot=`); default /srv/nfsroot. */
  nfsPath?: string;
  /** Virtio NICs, eth0..eth3; default 2. */
  nics?: number;
  /** The largest MTU each NIC's device allows, by NIC index (qemu.ts QemuOptions.hostMtus). */
  hostMtus?: readonly (number | undefined)[];
  /** The NIC `ip=` configures, as the firmware did; default eth0. */
  bootNic?: string;
  /** Failover under load on the NFS root (nfs-boot.ts). */
  load?: LoadRequest;
  /**
   * Module parameters for the kernel command line, `bonding.mode=active-backup`: the legacy kernel
   * has bonding built in, so `insmod bonding mode=…` cannot set them (bootCompiledLegacy derives
   * them from the program's `load bonding`, as a node's boot-loader entry would carry them).
   */
  moduleParams?: readonly string[];
  /**
   * The fault this scenario injects that the bonding cannot survive ("eth1 missing"): the boot
   * is judged by the program's failure policy (boot-compiled.ts), not by the bonded prediction.
   */
  fault?: string;
  /**
   * The NFS server starts this many seconds after QEMU (the server-late fault): the kernel's own
   * nfsroot mount retries (init/do_mounts.c, mount_nfs_root: 5 retries, 5 s doubling to 30 s apart).
   */
  serverLateS?: number;
  /** Whole-VM limit, ms; default 240000 (the kernel's NFS mount retries take a while on a failure). */
  timeoutMs?: number;
  memoryMb?: number;
}

const DOTTED = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const PLAIN_PATH = /^\/[A-Za-z0-9._\-/]*$/;

/**
 * The kernel command line of a legacy boot (exported for reports and tests); `nfsPath` undefined
 * for a boot to a disk root, where `root=/dev/sda` is the whole disk, no file system: the handoff
 * must name the partition.
 */
export function legacyAppend(site: LegacySite, nfsPath: string | undefined, bootNic: string): string {
  for (const v of [site.node, site.netmask, site.server])
    if (!DOTTED.test(v)) throw new Error(`not an IPv4 address: ${JSON.stringify(v)}`);
  if (nfsPath !== undefined && !PLAIN_PATH.test(nfsPath))
    throw new Error(`NFS path must be absolute and plain: ${JSON.stringify(nfsPath)}`);
  if (!/^eth[0-3]$/.test(bootNic)) throw new Error(`the boot NIC must be eth0..eth3, not ${JSON.stringify(bootNic)}`);
  const nfs = `${site.server}:${nfsPath},vers=3,tcp,port=${NFS_PORT},mountport=${MOUNT_PORT},nolock`;
  // ip=client:server:gateway:netmask:hostname:device:autoconf
  const ip = `${site.node}::${site.server}:${site.netmask}::${bootNic}:off`;
  // quiet keeps kernel messages out of the report's lines; a panic still reaches the console.
  return `${DEFAULT_APPEND} rw root=/dev/sda${nfsPath === undefined ? "" : ` nfsroot=${nfs}`} ip=${ip}`;
}

/** QEMU's user-network options that put its host (the NFS server) on the site's network. */
export function siteUserNet(site: LegacySite): string | undefined {
  if (site.node === QEMU_SITE.node && site.server === QEMU_SITE.server && site.netmask === QEMU_SITE.netmask)
    return undefined;
  const { prefix } = netmaskOf(site.netmask);
  if (!sameNetwork(site.node, site.server, site.netmask))
    throw new Error(`the node ${site.node} and the server ${site.server} are not on one /${prefix} network`);
  return `net=${hostOn(site.node, site.netmask, 0)}/${prefix},host=${site.server}`;
}

/**
 * Boots `initrd` (a gzip'd ext2 image, as `bondc build` makes it for `target linuxrc`) on the
 * legacy kernel to a fresh NFS root; returns what that root's own init reported. Throws BootError
 * with the console when it never got there (a panic included).
 */
export async function bootLegacy(
  initrd: Buffer,
  scenario: LegacyScenario = {},
  options: NfsBootOptions = {},
): Promise<InitBoot> {
  await checkNfsBootHost(options);
  const site = scenario.site ?? QEMU_SITE;
  const nfsPath = scenario.nfsPath ?? "/srv/nfsroot";
  const bootNic = scenario.bootNic ?? "eth0";
  const nics = scenario.nics ?? 2;
  if (!Number.isInteger(nics) || nics < 1 || nics > 4) throw new Error(`nics must be 1 to 4, not ${nics}`);
  if (Number(bootNic.slice(3)) >= nics) throw new Error(`the boot NIC ${bootNic} needs ${bootNic.slice(3)}+1 NICs`);
  for (const p of scenario.moduleParams ?? [])
    if (!/^[a-z_]+\.[a-z_]+=[A-Za-z0-9.,:_-]+$/.test(p))
      throw new Error(`not a module parameter: ${JSON.stringify(p)}`);
  const append = [legacyAppend(site, nfsPath, bootNic), ...(scenario.moduleParams ?? [])].join(" ");

  const kernel = options.kernel ?? (await findLegacyKernel()).bzImage;
  if (!existsSync(kernel)) throw new HarnessLimit(`kernel ${kernel} does not exist`);
  const busybox =
    options.busybox ?? (await fetchBusybox({ cacheDir: options.cacheDir, onProgress: options.onProgress }));
  return bootToNfsRoot({
    kernel,
    initrd,
    append,
    userNet: siteUserNet(site),
    busybox,
    notes: [],
    what: `${(initrd.length / 1e6).toFixed(1)} MB image initrd, legacy kernel`,
    scenario: {
      name: scenario.name ?? "default",
      nfsPath,
      nics,
      ...(scenario.hostMtus ? { hostMtus: scenario.hostMtus } : {}),
      ...(scenario.load ? { load: resolveLoad(scenario.load) } : {}),
      ...(scenario.serverLateS ? { serverLateS: scenario.serverLateS } : {}),
      timeoutMs: scenario.timeoutMs ?? 240_000,
      memoryMb: scenario.memoryMb ?? 256,
    },
    options,
  });
}
