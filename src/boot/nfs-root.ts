// The NFS root the guest boots into: a host folder (temporary, one per boot) that ganesha
// exports, holding stock busybox-static with its applets as symlinks, the mount points the
// /init under test moves /proc, /sys and /dev onto, and the reporting /sbin/init (root-init.ts).
// Cluster nodes that mount one path share one root (buildSharedNfsRoot): each runs its own report.

import { copyFile, mkdir, symlink, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { busyboxApplets } from "../image/busybox.js";
import { EV, EVENT } from "./markers.js";
import { rootInitScript, STOP_FILE, type RootInitOptions } from "./root-init.js";

export interface NfsRootInput {
  /** An empty host folder; becomes the root. */
  dir: string;
  /** Host path of a static busybox (copied unchanged). */
  busybox: string;
  init: RootInitOptions;
}

export async function buildNfsRoot(input: NfsRootInput): Promise<void> {
  await rootBase(input.dir, input.busybox);
  await writeInit(input.dir, "sbin/init", input.init);
}

/** Nodes that share one root, each with its own report; its files in folder `bondc-NAME`. */
export interface SharedNfsRootInput {
  dir: string;
  busybox: string;
  /** Node name (a host label) → its report's options (its filesDir is set here). */
  nodes: Readonly<Record<string, Omit<RootInitOptions, "filesDir">>>;
}

/** The folder of a node's files on a shared root (relative to /). */
export const nodeFilesDir = (node: string): string => `bondc-${node}`;

/**
 * One root for several nodes: /sbin/init finds the node's name where the node's /init found it
 * (`bondc.node=NAME` on the kernel command line) and becomes that node's report,
 * /sbin/init.NAME, whose files are in /bondc-NAME.
 */
export async function buildSharedNfsRoot(input: SharedNfsRootInput): Promise<void> {
  await rootBase(input.dir, input.busybox);
  const names = Object.keys(input.nodes);
  for (const name of names) {
    if (!/^[A-Za-z0-9-]+$/.test(name)) throw new Error(`node name must be a plain host label: ${JSON.stringify(name)}`);
    await writeInit(input.dir, `sbin/init.${name}`, { ...input.nodes[name]!, filesDir: nodeFilesDir(name) });
  }
  const dispatch = [
    "#!/bin/sh",
    "# /sbin/init of an NFS root several cluster nodes share (src/boot/nfs-root.ts): each node's own report.",
    "[ -e /proc/self ] || mount -t proc proc /proc",
    "read -r cmdline </proc/cmdline",
    "node=",
    "for w in $cmdline; do case $w in bondc.node=*) node=${w#bondc.node=} ;; esac; done",
    `case "$node" in ${names.join("|")}) exec /sbin/init."$node" ;; esac`,
    `echo "${EVENT}${EV.warn} no report for bondc.node=$node on this shared root"`,
    "reboot -f",
    "",
  ].join("\n");
  await writeFile(join(input.dir, "sbin/init"), dispatch, { mode: 0o755 });
}

/** Stock busybox with its applet links and the mount points. */
async function rootBase(root: string, busybox: string): Promise<void> {
  for (const d of ["bin", "sbin", "usr/bin", "usr/sbin", "dev", "proc", "sys", "tmp", "etc", "root"]) {
    await mkdir(join(root, d), { recursive: true });
  }
  await copyFile(busybox, join(root, "bin/busybox"));
  for (const applet of (await busyboxApplets(busybox)).values()) {
    // /sbin/init is the report, not busybox's init.
    if (applet === "bin/busybox" || applet === "sbin/init" || applet === "linuxrc") continue;
    await mkdir(join(root, dirname(applet)), { recursive: true });
    await symlink("/bin/busybox", join(root, applet));
  }
}

async function writeInit(root: string, path: string, init: RootInitOptions): Promise<void> {
  await writeFile(join(root, path), rootInitScript(init), { mode: 0o755 });
  const files = init.filesDir ? join(root, init.filesDir) : root;
  await mkdir(files, { recursive: true });
  // There from the start, empty: a file the client looked up in vain could stay invisible to it
  // for up to a minute (the NFS client caches the failed lookup until the folder's attributes
  // expire), while a change to an existing file is seen at the next open.
  if (init.load?.untilStop) await writeFile(join(files, STOP_FILE), "");
}
