import { readFileSync } from "node:fs";

/*
 * CPU time a process has used, for figures that the other work on a shared machine disturbs
 * less than wall time: a busy machine delays a request, but does not make it cost more CPU.
 */

/** Clock ticks per second of /proc/PID/stat's times (USER_HZ, 100 on Linux). */
const ticksPerSecond = 100;

/** Milliseconds of CPU (user + system) the process has used; undefined where /proc does not say. */
export function processCpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The fields after the command name, which is in parentheses and may contain spaces.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
  } catch {
    return undefined;
  }
}
