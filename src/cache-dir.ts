import { homedir } from "node:os";
import { join } from "node:path";

/*
 * Where bondc keeps what is slow to get and safe to reuse (ShellCheck verdicts, Debian packages,
 * a built kernel): outside any checkout, so a fresh clone on the same machine reuses it, and every
 * entry is keyed by its inputs, so a stale one is never served. `BONDC_CACHE_DIR` moves it (CI can
 * point it at a cached volume); otherwise the XDG base-directory default applies.
 */
export function userCacheDir(sub: string, env: NodeJS.ProcessEnv = process.env): string {
  const base = env["BONDC_CACHE_DIR"] || join(env["XDG_CACHE_HOME"] || join(homedir(), ".cache"), "bondc");
  return join(base, sub);
}
