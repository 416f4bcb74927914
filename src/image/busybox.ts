// What a busybox binary offers: its applets and where `busybox --install` would link each.

import { ImageError } from "./errors.js";
import { run } from "./exec.js";

/**
 * Applet name → install path ("sh" → "bin/sh"), as the binary itself reports with --list-full.
 * Running busybox on the host only prints a list; nothing is installed.
 */
export async function busyboxApplets(busybox: string): Promise<Map<string, string>> {
  const r = await run(busybox, ["--list-full"]).catch((e: Error) => {
    throw new ImageError(`${busybox} cannot be run: ${e.message}`, "--busybox");
  });
  const paths = r.stdout
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  if (r.code !== 0 || paths.length === 0)
    throw new ImageError(
      `${busybox} --list-full failed (exit ${r.code}): ${r.stderr.trim() || "no output"}; is it busybox?`,
      "--busybox",
    );
  return new Map(paths.map((p) => [p.split("/").pop()!, p]));
}
