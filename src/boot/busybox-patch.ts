// Making busybox's shell find /sbin/insmod (the shim) instead of its own insmod applet.
//
// Debian's busybox-static is built with FEATURE_SH_STANDALONE: its ash runs an applet whenever a
// command name matches one, *before* looking at PATH. So a script's bare `insmod bonding` would
// run busybox's insmod (which only takes a file path and fails with "can't insert 'bonding'"),
// never the modutils-style shim. Only a name with a slash (/sbin/insmod) reaches the shim.
// Generated scripts say plain `insmod`, so the guest's busybox gets its applet-name table edited:
// "insmod" becomes "insmo_" (same length, same sort position between its neighbours, so the
// table's layout and binary search are untouched). Lookups of `insmod` then miss and ash falls
// back to PATH; the shim itself still reaches the loader as `busybox insmo_`.

/** The applet scripts must reach through PATH, and the name it is renamed to in the table. */
export const HIDDEN_APPLET = "insmod";
export const HIDDEN_AS = "insmo_";

/**
 * Returns a copy of `binary` with `applet` renamed to `renamed` in busybox's applet-name table,
 * or an explanation when the table cannot be found unambiguously. `applets` is the binary's own
 * `busybox --list` output (table order), which gives the entry's neighbours.
 */
export function renameApplet(
  binary: Buffer,
  applets: readonly string[],
  applet = HIDDEN_APPLET,
  renamed = HIDDEN_AS,
): { binary: Buffer } | { error: string } {
  if (renamed.length !== applet.length) return { error: "the new name must have the same length" };
  const i = applets.indexOf(applet);
  const prev = applets[i - 1];
  const next = applets[i + 1];
  if (i < 0 || prev === undefined || next === undefined)
    return { error: `no applet ${applet} with neighbours in the list` };
  if (!(prev < renamed && renamed < next)) return { error: `${renamed} would not sort between ${prev} and ${next}` };
  const needle = Buffer.from(`\0${prev}\0${applet}\0${next}\0`, "latin1");
  const at = binary.indexOf(needle);
  if (at < 0) return { error: "applet-name table not found" };
  if (binary.indexOf(needle, at + 1) >= 0) return { error: "applet-name table found twice" };
  const out = Buffer.from(binary);
  out.write(renamed, at + 1 + prev.length + 1, "latin1");
  return { binary: out };
}
