/**
 * Hide some busybox applets from busybox's own shell.
 *
 * Debian's static busybox is built with FEATURE_SH_STANDALONE: `busybox sh` looks a command
 * name up in its applet table *before* PATH. For most applets it then execs /proc/self/exe,
 * which fails in the sandbox (its /proc is an empty directory) and falls back to PATH, so a
 * stub in /sbin is found. But NOEXEC applets (insmod and umount among them) run inside the
 * shell, so under `busybox sh` a plain `insmod bonding` would run the real insmod, never the
 * stub, and traces would differ between shells. The sandbox's copy of busybox therefore gets
 * the names of the stubbed applets changed (last letter upper-cased, which keeps the table's
 * sort order that busybox's lookup relies on): they are no applets any more, and every shell
 * finds the stubs through PATH alike. The host's busybox is never modified.
 */

/** Applets the sandbox replaces with stubs. */
export const STUBBED_APPLETS = ["ifconfig", "insmod", "mount", "umount"] as const;

/**
 * `binary` with `names` renamed in its applet table. `applets` is the binary's own applet list
 * in table order (`busybox --list`), used to find the table and check it.
 */
export function hideApplets(binary: Buffer, applets: readonly string[], names: readonly string[]): Buffer {
  if (applets.length < 3) throw new Error("busybox patch: applet list too short");
  const head = Buffer.from(`${applets.slice(0, 3).join("\0")}\0`);
  const start = findUnique(binary, head);
  if (start < 0) throw new Error("busybox patch: applet table not found");

  const out = Buffer.from(binary);
  let off = start;
  const table: string[] = [];
  const offsets: number[] = [];
  for (const name of applets) {
    const end = out.indexOf(0, off);
    const got = out.toString("latin1", off, end);
    if (got !== name) {
      throw new Error(`busybox patch: applet table mismatch at ${off}: ${got} != ${name}`);
    }
    table.push(got);
    offsets.push(off);
    off = end + 1;
  }
  for (const name of names) {
    const i = table.indexOf(name);
    if (i < 0) continue; // not an applet of this build: nothing to hide
    const renamed = name.slice(0, -1) + name.slice(-1).toUpperCase();
    const prev = table[i - 1];
    const next = table[i + 1];
    if ((prev !== undefined && !(prev < renamed)) || (next !== undefined && !(renamed < next))) {
      throw new Error(`busybox patch: renaming ${name} would break the table's order`);
    }
    out.write(renamed, offsets[i] ?? 0, "latin1");
    table[i] = renamed;
  }
  return out;
}

function findUnique(buf: Buffer, needle: Buffer): number {
  // The table starts with "[\0[[\0acpid\0": the first hit that also has a NUL before it.
  let from = 0;
  for (;;) {
    const i = buf.indexOf(needle, from);
    if (i < 0) return -1;
    if (i === 0 || buf[i - 1] === 0) return i;
    from = i + 1;
  }
}
