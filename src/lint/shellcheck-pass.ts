import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { runShellcheckFiles, shellcheckVersion, type ShellcheckFinding } from "../shellcheck/run.js";
import { ShellcheckCache } from "./shellcheck-cache.js";

/** ShellCheck could not be run at all (not installed, or the wrapper failed), as opposed to findings. */
export class ShellcheckUnavailable extends Error {}

/** Scripts per ShellCheck process at most, so a command line stays far below ARG_MAX. */
const MAX_CHUNK = 200;

export interface ShellcheckPassOptions {
  /** ShellCheck processes at once (default: one per CPU). */
  readonly jobs?: number;
  /** Where verdicts are cached; undefined checks every script afresh. */
  readonly cacheDir?: string;
}

const unavailable = (e: unknown) => {
  throw new ShellcheckUnavailable((e as Error).message);
};

/**
 * ShellCheck's findings for each script, in the order given. Scripts found in the cache are not
 * checked again; the others (each distinct text once) are written to a private temporary
 * directory (removed afterwards, whatever happens) and checked a chunk per process, `jobs`
 * processes at once.
 */
export async function shellcheckScripts(
  scripts: readonly string[],
  options: ShellcheckPassOptions = {},
): Promise<ShellcheckFinding[][]> {
  if (scripts.length === 0) return [];
  const cache =
    options.cacheDir === undefined
      ? undefined
      : new ShellcheckCache(options.cacheDir, await shellcheckVersion().catch(unavailable));
  const known = new Map<string, ShellcheckFinding[]>();
  for (const script of new Set(scripts)) {
    const hit = cache?.get(script);
    if (hit) known.set(script, hit);
  }
  const unchecked = [...new Set(scripts)].filter((s) => !known.has(s));
  const found = await checkAll(unchecked, options.jobs ?? availableParallelism());
  unchecked.forEach((script, i) => {
    known.set(script, found[i]!);
    cache?.set(script, found[i]!);
  });
  return scripts.map((s) => known.get(s) ?? []);
}

async function checkAll(scripts: readonly string[], jobs: number): Promise<ShellcheckFinding[][]> {
  if (scripts.length === 0) return [];
  const dir = mkdtempSync(join(tmpdir(), "bondc-lint-"));
  try {
    const paths = scripts.map((script, i) => {
      const path = join(dir, `${i}.sh`);
      writeFileSync(path, script);
      return path;
    });
    // One chunk per job where possible: start-up is paid rarely and every job gets a share.
    const size = Math.min(MAX_CHUNK, Math.ceil(paths.length / jobs));
    const chunks: string[][] = [];
    for (let i = 0; i < paths.length; i += size) chunks.push(paths.slice(i, i + size));
    const found = new Map<string, ShellcheckFinding[]>();
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < chunks.length) {
        const chunk = chunks[next++]!;
        const results = await runShellcheckFiles(chunk).catch(unavailable);
        for (const [path, findings] of results) found.set(path, findings);
      }
    };
    await Promise.all(Array.from({ length: Math.min(jobs, chunks.length) }, worker));
    return paths.map((p) => found.get(p) ?? []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
