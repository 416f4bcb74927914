import { spawnSync } from "node:child_process";

/** `dash -n`: parses the script without running any of it. Returns dash's complaint, or undefined. */
export function shSyntaxError(script: string): string | undefined {
  const r = spawnSync("dash", ["-n"], { input: script, encoding: "utf8" });
  if (r.error) throw r.error;
  return r.status === 0 ? undefined : r.stderr.trim() || `dash -n exited ${r.status}`;
}
