// The NFS root the guest boots into: a host folder (temporary, one per boot) that ganesha
// exports, holding stock busybox-static with its applets as symlinks, the mount points the
// /init under test moves /proc, /sys and /dev onto, and the reporting /sbin/init (root-init.ts).

import { copyFile, mkdir, symlink, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { busyboxApplets } from "../image/busybox.js";
import { rootInitScript, STOP_FILE, type RootInitOptions } from "./root-init.js";

export interface NfsRootInput {
  /** An empty host folder; becomes the root. */
  dir: string;
  /** Host path of a static busybox (copied unchanged). */
  busybox: string;
  init: RootInitOptions;
}

export async function buildNfsRoot(input: NfsRootInput): Promise<void> {
  const root = input.dir;
  for (const d of ["bin", "sbin", "usr/bin", "usr/sbin", "dev", "proc", "sys", "tmp", "etc", "root"]) {
    await mkdir(join(root, d), { recursive: true });
  }
  await copyFile(input.busybox, join(root, "bin/busybox"));
  for (const applet of (await busyboxApplets(input.busybox)).values()) {
    // /sbin/init is the report, not busybox's init.
    if (applet === "bin/busybox" || applet === "sbin/init" || applet === "linuxrc") continue;
    await mkdir(join(root, dirname(applet)), { recursive: true });
    await symlink("/bin/busybox", join(root, applet));
  }
  await writeFile(join(root, "sbin/init"), rootInitScript(input.init), { mode: 0o755 });
  // There from the start, empty: a file the client looked up in vain could stay invisible to it
  // for up to a minute (the NFS client caches the failed lookup until the folder's attributes
  // expire), while a change to an existing file is seen at the next open.
  if (input.init.load?.untilStop) await writeFile(join(root, STOP_FILE), "");
}
