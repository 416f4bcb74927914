import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { runShellcheckFiles, type ShellcheckFinding } from "../shellcheck/run.js";

/** ShellCheck could not be run at all (not installed, or the wrapper failed), as opposed to findings. */
export class ShellcheckUnavailable extends Error {}

/** Scripts per ShellCheck process at most, so a command line stays far below ARG_MAX. */
const MAX_CHUNK = 200;

/**
 * ShellCheck's findings for each script, in the order given. The scripts are written to a private
 * temporary directory (removed afterwards, whatever happens) and checked a chunk per process,
 * with as many processes at once as there are CPUs.
 */
export async function shellcheckScripts(scripts: readonly string[]): Promise<ShellcheckFinding[][]> {
  if (scripts.length === 0) return [];
  const dir = mkdtempSync(join(tmpdir(), "bondc-lint-"));
  try {
    const paths = scripts.map((script, i) => {
      const path = join(dir, `${i}.sh`);
      writeFileSync(path, script);
      return path;
    });
    // One process per CPU where possible: start-up is paid rarely and every CPU gets a share.
    const cpus = availableParallelism();
    const size = Math.min(MAX_CHUNK, Math.ceil(paths.length / cpus));
    const chunks: string[][] = [];
    for (let i = 0; i < paths.length; i += size) chunks.push(paths.slice(i, i + size));
    const found = new Map<string, ShellcheckFinding[]>();
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < chunks.length) {
        const chunk = chunks[next++]!;
        const results = await runShellcheckFiles(chunk).catch((e: unknown) => {
          throw new ShellcheckUnavailable((e as Error).message);
        });
        for (const [path, findings] of results) found.set(path, findings);
      }
    };
    await Promise.all(Array.from({ length: Math.min(cpus, chunks.length) }, worker));
    return paths.map((p) => found.get(p) ?? []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
