import { cmd, comment, type Command, type Statement } from "../../sh/ast.js";

/** Where the NFS root is mounted before switch_root moves into it. */
export const newRoot = "/newroot";

/** The kernel's pseudo file systems, which the root's init expects to find already mounted. */
export const pseudoFileSystems: readonly { readonly type: string; readonly dir: string }[] = [
  { type: "proc", dir: "/proc" },
  { type: "sysfs", dir: "/sys" },
  { type: "devtmpfs", dir: "/dev" },
];

/**
 * The kernel starts /init with nothing mounted: /proc and /sys are where the bonding driver is
 * configured and read, /dev is where the console and the root's init need their devices.
 */
export function earlyMounts(onFail: (what: string) => Command): Statement[] {
  return [
    comment("The kernel starts /init with nothing mounted."),
    { ...cmd("mkdir", "-p", ...pseudoFileSystems.map((m) => m.dir), newRoot), orElse: onFail("creating the mount points") },
    ...pseudoFileSystems.map((m): Statement => ({ ...cmd("mount", "-t", m.type, m.type, m.dir), orElse: onFail(`mount ${m.dir}`) })),
  ];
}
