// Assembling the guest's initramfs: stock busybox and its applet links, the two shims, the kernel
// modules, the harness's /init and the script under test as /linuxrc.
//
// busybox is the package's binary, unchanged. Debian builds it with FEATURE_SH_STANDALONE, so its
// sh runs an applet whenever a bare command name matches one: a script's bare `insmod bonding`
// is busybox's insmod (which wants a file path), never the /sbin/insmod shim. Scripts reach the
// shims the way the seed's scripts called every tool: by absolute path.

import { readFile } from "node:fs/promises";
import { CpioWriter } from "../image/cpio.js";
import { run } from "../image/exec.js";
import { initScript } from "./init-script.js";
import { BONDING_MODULE, collectModules, NIC_MODULES, type ModuleSet } from "../image/modules.js";
import type { ResolvedScenario } from "./scenario.js";
import { ifenslaveScript, INSMOD_SHIM } from "../image/compat-tools.js";

/** The scenario's refuseEnslave fault: NICs the ifenslave script refuses, one a line. */
const REFUSE_ENSLAVE = ".bondc/refuse-enslave";

export interface InitramfsInput {
  /** Host path of a static busybox binary. */
  busybox: string;
  /** A lib/modules/<release> folder; undefined when the kernel has every driver built in. */
  modulesDir?: string;
  /** The script under test, installed as /linuxrc (mode 0755). */
  linuxrc: string;
  scenario: ResolvedScenario;
}

export interface Initramfs {
  /** gzip'd newc cpio, ready for `qemu -initrd`. */
  gzip: Buffer;
  /** The generated /init, for debugging reports. */
  init: string;
  modules?: ModuleSet;
  /** Archive paths, in order. */
  paths: string[];
}

export async function buildInitramfs(input: InitramfsInput): Promise<Initramfs> {
  const cpio = new CpioWriter();
  for (const d of ["dev", "proc", "sys", "tmp", "mnt", "root", "etc", "lib", ".bondc"]) cpio.dir(d);
  // The kernel opens /dev/console for init's stdio before /init can mount devtmpfs.
  cpio.charDevice("dev/console", 5, 1, 0o600);
  cpio.charDevice("dev/null", 1, 3, 0o666);

  const notes: string[] = [];
  cpio.file("bin/busybox", await readFile(input.busybox), 0o755);
  for (const applet of await appletPaths(input.busybox)) {
    // The busybox `linuxrc` applet would sit exactly where the script under test goes.
    if (applet === "linuxrc" || applet === "bin/busybox") continue;
    cpio.symlink(applet, "/bin/busybox");
  }
  // After the applet links, so /sbin/insmod is the shim (busybox's applet stays reachable as
  // `busybox insmod` and, for a bare `insmod`, through its sh).
  cpio.file("sbin/insmod", INSMOD_SHIM, 0o755);
  cpio.file("sbin/ifenslave", ifenslaveScript(`/${REFUSE_ENSLAVE}`), 0o755);

  const load: string[] = [];
  let modules: ModuleSet | undefined;
  if (input.modulesDir) {
    modules = await collectModules(input.modulesDir, [...NIC_MODULES, BONDING_MODULE]);
    cpio.dir(`lib/modules/${modules.release}`);
    for (const m of modules.found) {
      if (m.name === BONDING_MODULE && !input.scenario.bondingModule) continue;
      cpio.file(m.guestPath, m.data, 0o644);
      if (m.name !== BONDING_MODULE) load.push(m.guestPath);
    }
    notes.push(
      ...modules.builtin.map((n) => `builtin-module ${n}`),
      ...modules.missing.map((n) => `missing-module ${n}`),
    );
  } else {
    notes.push("no-modules-dir (drivers must be built into the kernel)");
  }
  if (!input.scenario.bondingModule) notes.push("bonding-module-left-out");

  const init = initScript(input.scenario, { load, notes });
  cpio.file("init", init, 0o755);
  cpio.file("linuxrc", input.linuxrc, 0o755);
  // Read by the ifenslave shim (shims.ts); one NIC name per line.
  if (input.scenario.refuseEnslave.length)
    cpio.file(REFUSE_ENSLAVE, input.scenario.refuseEnslave.map((n) => `${n}\n`).join(""), 0o644);

  return { gzip: cpio.toGzip(), init, modules, paths: cpio.list().map((e) => e.path) };
}

/**
 * Where `busybox --install` would put each applet ("bin/sh", "sbin/ifconfig", "usr/bin/…"), as
 * the binary itself reports with --list-full. Running the static busybox on the host only prints
 * a list; nothing is installed.
 */
export async function appletPaths(busybox: string): Promise<string[]> {
  const r = await run(busybox, ["--list-full"]);
  const paths = r.stdout
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  if (r.code !== 0 || paths.length === 0) {
    throw new Error(`${busybox} --list-full failed (exit ${r.code}): ${r.stderr.trim() || "no output"}`);
  }
  return paths;
}

/** Applet names in the binary's table order (`busybox --list`). */
export async function appletNames(busybox: string): Promise<string[]> {
  const r = await run(busybox, ["--list"]);
  return r.stdout
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
}
