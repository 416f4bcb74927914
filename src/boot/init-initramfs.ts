// The initramfs for the `initramfs` target: the script under test as /init, stock busybox-static
// with its applet links, and the kernel modules (virtio NICs, tls + bonding, the NFSv3 client)
// under lib/modules/<release> with a modules.dep and a modules.alias, so that busybox's modprobe
// loads each with its dependencies, also when the kernel asks for one (`mount -t nfs`: fs-nfs). Nothing of the harness runs after /init starts; the NFS root's init reports.
//
// One harness piece may run before /init: with `nicDrivers: "preloaded"` the kernel is started
// with `rdinit=/bondc/coldplug`, a few lines that load the virtio NIC drivers (what udev's
// coldplug does on a distribution's initramfs) and `exec /init` as PID 1 with the environment the
// kernel gives init. With "script" the kernel runs /init directly and the script loads them.

import { readFile } from "node:fs/promises";
import { CpioWriter } from "../image/cpio.js";
import { busyboxApplets } from "../image/busybox.js";
import { EV, EVENT } from "./markers.js";
import {
  BONDING_MODULE,
  collectModules,
  modulesAlias,
  modulesDep,
  NFS_CLIENT_MODULES,
  NIC_MODULES,
  type ModuleSet,
} from "../image/modules.js";

/** The harness's stand-in for coldplug (see above). */
export const COLDPLUG_PATH = "bondc/coldplug";

export interface InitInitramfsInput {
  busybox: string;
  /** A lib/modules/<release> folder; undefined when the kernel has every driver built in. */
  modulesDir?: string;
  /** The script under test, installed as /init (mode 0755). */
  init: string;
  /** Ship bonding.ko (false: an initramfs built without it). */
  bondingModule: boolean;
  nicDrivers: "preloaded" | "script";
}

export interface InitInitramfs {
  gzip: Buffer;
  /** `rdinit=` to put on the kernel command line, when the coldplug stand-in runs first. */
  rdinit?: string;
  modules?: ModuleSet;
  /** The generated modules.dep (empty without modules). */
  modulesDep: string;
  paths: string[];
  /** Harness notes (modules built in or missing). */
  notes: string[];
}

export async function buildInitInitramfs(input: InitInitramfsInput): Promise<InitInitramfs> {
  const cpio = new CpioWriter();
  for (const d of ["dev", "proc", "sys", "tmp", "newroot", "etc", "root", "lib"]) cpio.dir(d);
  // The kernel opens /dev/console for init's stdio before anything can mount devtmpfs.
  cpio.charDevice("dev/console", 5, 1, 0o600);

  cpio.file("bin/busybox", await readFile(input.busybox), 0o755);
  for (const applet of (await busyboxApplets(input.busybox)).values()) {
    if (applet === "bin/busybox") continue;
    cpio.symlink(applet, "/bin/busybox");
  }

  const notes: string[] = [];
  let modules: ModuleSet | undefined;
  let dep = "";
  const nicPaths: string[] = [];
  if (input.modulesDir) {
    const wanted = [...NIC_MODULES, BONDING_MODULE, ...NFS_CLIENT_MODULES].filter(
      (m) => input.bondingModule || m !== BONDING_MODULE,
    );
    modules = await collectModules(input.modulesDir, wanted);
    cpio.dir(`lib/modules/${modules.release}`);
    for (const m of modules.found) {
      cpio.file(m.guestPath, m.data, 0o644);
      if ((NIC_MODULES as readonly string[]).includes(m.name) && m.name !== "tls") nicPaths.push(m.guestPath);
    }
    dep = modulesDep(modules.found);
    cpio.file(`lib/modules/${modules.release}/modules.dep`, dep, 0o644);
    // The kernel requests some modules itself through /sbin/modprobe (`mount -t nfs` → fs-nfs).
    cpio.file(`lib/modules/${modules.release}/modules.alias`, modulesAlias(modules.found), 0o644);
    notes.push(
      ...modules.builtin.map((n) => `builtin-module ${n}`),
      ...modules.missing.map((n) => `missing-module ${n}`),
    );
  } else notes.push("no-modules-dir (drivers must be built into the kernel)");
  if (!input.bondingModule) notes.push("bonding-module-left-out");

  let rdinit: string | undefined;
  if (input.nicDrivers === "preloaded") {
    cpio.file(COLDPLUG_PATH, coldplugScript(nicPaths, notes), 0o755);
    rdinit = `/${COLDPLUG_PATH}`;
  }
  cpio.file("init", input.init, 0o755);
  return { gzip: cpio.toGzip(), rdinit, modules, modulesDep: dep, paths: cpio.list().map((e) => e.path), notes };
}

/**
 * Loads the NIC drivers by file (nothing is mounted yet, and none is needed), says so on the
 * console, and becomes /init. The kernel's init environment (HOME=/ TERM=linux) is what /init
 * gets; the coldplug mounts nothing, so /init finds /proc, /sys and /dev as the kernel left them.
 */
function coldplugScript(nicPaths: readonly string[], notes: readonly string[]): string {
  return [
    "#!/bin/busybox sh",
    "# bondc boot harness: loads the NIC drivers as coldplug would, then becomes /init (init-initramfs.ts)",
    ...nicPaths.map((p) => `/bin/busybox insmod /${p} || echo "${EVENT}${EV.warn} insmod-failed ${p}"`),
    ...notes.map((n) => `echo "${EVENT}${EV.warn} ${n}"`),
    `echo "${EVENT}${EV.firmware}"`,
    "exec /bin/busybox env -i HOME=/ TERM=linux /init",
    "",
  ].join("\n");
}
