import { execFile, execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { repoRoot } from "./repo.js";

/** The shipped binary, package.json's `bin` (the esbuild bundle), so the tests exercise what users run. */
export const cliPath = join(
  repoRoot,
  (JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { bin: { bondc: string } }).bin.bondc,
);

/** `npm test` builds first; a lone `npx vitest run test/cli` builds here when dist/ is missing. */
export function ensureBuilt(): void {
  if (!existsSync(cliPath)) execFileSync("npm", ["run", "build"], { cwd: repoRoot, stdio: "inherit" });
}

export interface RunResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly cwd?: string;
  /** Added to a copy of this process's environment with colour settings removed; undefined deletes. */
  readonly env?: Record<string, string | undefined>;
}

function childEnv(options: RunOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env["NO_COLOR"];
  delete env["FORCE_COLOR"];
  for (const [k, v] of Object.entries(options.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

/** What both runners pass to node: the repo as cwd, a colour-neutral environment, room for big output. */
function spawnOptions(options: RunOptions) {
  return {
    cwd: options.cwd ?? repoRoot,
    env: childEnv(options),
    encoding: "utf8" as const,
    maxBuffer: 256 * 1024 * 1024,
  };
}

/** Runs `node dist/bin/bondc.js ARGS` as a real process, stdout and stderr captured (so not a TTY). */
export function bondc(args: readonly string[], options: RunOptions = {}): RunResult {
  const r = spawnSync(process.execPath, [cliPath, ...args], spawnOptions(options));
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * bondc() without blocking the test worker: for slow runs (a lint pass that starts ShellCheck),
 * where a blocked event loop would starve vitest's own worker RPC on a loaded machine.
 */
export async function bondcAsync(args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const r = await promisify(execFile)(process.execPath, [cliPath, ...args], spawnOptions(options)).then(
    (ok) => ({ ...ok, status: 0 }),
    (e: { code?: unknown; stdout?: string; stderr?: string }) => {
      if (typeof e.code !== "number") throw e;
      return { stdout: e.stdout ?? "", stderr: e.stderr ?? "", status: e.code };
    },
  );
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A Node stack frame or internal module path: things a user of bondc must never see. */
export const stackTrace = /^\s+at .+[:(]\d+:\d+\)?$|node:internal|\bat (?:Object|Module|process)\.|Error: .*\n\s+at /m;

/** ANSI CSI escapes (colour and cursor control). */
export const ansiEscape = /\x1b\[/;
