import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { userCacheDir } from "../cache-dir.js";
import type { ShellcheckFinding } from "../shellcheck/run.js";

/*
 * ShellCheck's findings for scripts it has already checked, on disk, so a lint run that meets the
 * same script again (an unchanged node file, or the many nodes that compile to identical scripts)
 * skips ShellCheck, which is almost all of a lint's time. An entry is keyed by the script's text
 * and the exact ShellCheck version, so upgrading ShellCheck never serves a stale verdict. The cache
 * is best effort: an entry that cannot be read or written is simply checked again.
 */

/** `<cache>/shellcheck`, where `<cache>` is bondc's user cache (see cache-dir.ts). */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return userCacheDir("shellcheck", env);
}

export class ShellcheckCache {
  constructor(
    private readonly dir: string,
    /** `shellcheck --version` output: part of every key. */
    private readonly shellcheckVersion: string,
  ) {}

  private path(script: string): string {
    const key = createHash("sha256").update(this.shellcheckVersion).update("\0").update(script).digest("hex");
    return join(this.dir, key.slice(0, 2), `${key.slice(2)}.json`);
  }

  get(script: string): ShellcheckFinding[] | undefined {
    try {
      const parsed: unknown = JSON.parse(readFileSync(this.path(script), "utf8"));
      return Array.isArray(parsed) ? (parsed as ShellcheckFinding[]) : undefined;
    } catch {
      return undefined;
    }
  }

  set(script: string, findings: readonly ShellcheckFinding[]): void {
    const path = this.path(script);
    try {
      mkdirSync(join(path, ".."), { recursive: true });
      // Written aside and renamed, so a concurrent run never reads half an entry.
      const temp = `${path}.${process.pid}.tmp`;
      writeFileSync(temp, JSON.stringify(findings));
      renameSync(temp, path);
    } catch {
      // A read-only or full disk costs the next run a ShellCheck pass, nothing more.
    }
  }
}
