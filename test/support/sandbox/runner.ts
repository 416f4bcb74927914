/**
 * runLinuxrc: run a script as /linuxrc in a fresh copy of the template tree.
 *
 * The process chain, all started with an empty environment (unless `env` is given) and stdin
 * from /dev/null:
 *
 *   timeout -s KILL <limit+5s>            a backstop if this Node process dies mid-run
 *     unshare --net --mount --pid --uts --ipc --fork --kill-child=SIGKILL --root=<run> --wd=/
 *       /.sandbox/setpriv --bounding-set -all --inh-caps -all --   (inside the tree)
 *         <shell> /linuxrc                    pid 1 of its pid namespace, uid 0, no capabilities
 *
 * No capabilities means no chroot escape, no module loading, no mounts, no device nodes; the
 * own network namespace means no real interface can be touched. When the shell (pid 1) exits,
 * the kernel kills whatever else is left in its namespace. On timeout the whole process group is
 * killed; killing unshare kills the namespace's pid 1 (--kill-child), and with it everything.
 */
import { execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readdirSync, readlinkSync, rmSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { traceApplets } from "./applet-trace.js";
import { Tree } from "./safe-fs.js";
import { writeInitialState } from "./scenario.js";
import { assertShellsPresent, hostToolPath, shellArgv } from "./shells.js";
import { readCalls, readState, readTrace } from "./state.js";
import { getTemplate } from "./template.js";
import type { RunOptions, SandboxRun } from "./types.js";

const execFileP = promisify(execFile);

export const DEFAULT_TIMEOUT_MS = 10_000;
/** stdout and stderr are each cut after this many bytes (a script may print in a loop). */
export const OUTPUT_LIMIT = 1 << 20;

/** How many runs go at once in this process (BONDC_SANDBOX_JOBS, else the number of CPUs). */
export const MAX_CONCURRENT_RUNS = Math.max(
  1,
  Number(process.env["BONDC_SANDBOX_JOBS"] ?? "") || availableParallelism(),
);

class Limiter {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly max: number) {}
  async run<T>(f: () => Promise<T>): Promise<T> {
    if (this.active >= this.max) await new Promise<void>((r) => this.waiting.push(r));
    this.active++;
    try {
      return await f();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }
}
const limiter = new Limiter(MAX_CONCURRENT_RUNS);

/** Process groups of runs in flight, killed if this process exits first. */
const liveGroups = new Set<number>();
process.once("exit", () => {
  for (const pgid of liveGroups) killGroup(pgid);
});

function killGroup(pgid: number): void {
  try {
    process.kill(-pgid, "SIGKILL");
  } catch {
    // already gone
  }
}

let counter = 0;

export async function runLinuxrc(script: string, opts: RunOptions): Promise<SandboxRun> {
  assertShellsPresent([opts.shell]);
  const tpl = await getTemplate();
  if (!tpl.shells.has(opts.shell)) throw new Error(`linuxrc sandbox: ${opts.shell} is missing from the template`);
  return limiter.run(async () => {
    const runDir = join(tpl.runs, `r${++counter}-${randomBytes(4).toString("hex")}`);
    await execFileP(hostToolPath("cp"), ["-a", "--link", "--", tpl.template, runDir]);
    try {
      const tree = new Tree(runDir);
      tree.write("/linuxrc", script, 0o755);
      tree.write("/dev/console", "", 0o666);
      writeInitialState(tree, opts.dialect, opts.scenario);
      traceApplets(tree, opts.traceApplets ?? []);
      const proc = await execute(tree.root, opts);
      const run: SandboxRun = {
        shell: opts.shell,
        dialect: opts.dialect,
        ...proc,
        console: tree.readText("/dev/console") ?? "",
        trace: readTrace(tree),
        calls: readCalls(tree),
        state: readState(tree),
      };
      if (opts.keepTree === true) run.tree = tree.root;
      return run;
    } finally {
      if (opts.keepTree !== true) rmSync(runDir, { recursive: true, force: true });
    }
  });
}

interface ProcessResult {
  exitCode: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  strayProcesses: number;
  durationMs: number;
}

function execute(root: string, opts: RunOptions): Promise<ProcessResult> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const backstop = `${Math.ceil(timeoutMs / 1000) + 5}s`;
  const argv = [
    "-s",
    "KILL",
    backstop,
    hostToolPath("unshare"),
    "--net",
    "--mount",
    "--pid",
    "--uts",
    "--ipc",
    "--fork",
    "--kill-child=SIGKILL",
    `--root=${root}`,
    "--wd=/",
    "/.sandbox/setpriv",
    "--bounding-set",
    "-all",
    "--inh-caps",
    "-all",
    "--",
    ...shellArgv(opts.shell, opts.xtrace === true),
  ];
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(hostToolPath("timeout"), argv, {
      env: { ...(opts.env ?? {}) },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
      cwd: root,
    });
    const pid = child.pid;
    if (pid === undefined) {
      child.once("error", reject);
      return;
    }
    liveGroups.add(pid);
    const out = collector();
    const err = collector();
    child.stdout.on("data", out.add);
    child.stderr.on("data", err.add);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(pid);
    }, timeoutMs);
    child.once("error", (e) => {
      clearTimeout(timer);
      liveGroups.delete(pid);
      reject(e);
    });
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      liveGroups.delete(pid);
      const durationMs = performance.now() - started;
      const strays = killStrays(root);
      resolve({
        exitCode: timedOut ? null : code,
        signal: timedOut ? "SIGKILL" : signal,
        stdout: out.text(),
        stderr: err.text(),
        timedOut,
        strayProcesses: strays,
        durationMs,
      });
    });
  });
}

function collector(): { add: (b: Buffer) => void; text: () => string } {
  const chunks: Buffer[] = [];
  let size = 0;
  let cut = false;
  return {
    add: (b: Buffer) => {
      if (size >= OUTPUT_LIMIT) {
        cut = true;
        return;
      }
      chunks.push(b.subarray(0, OUTPUT_LIMIT - size));
      size += Math.min(b.length, OUTPUT_LIMIT - size);
    },
    text: () => Buffer.concat(chunks).toString("utf8") + (cut ? "\n[sandbox: output cut]\n" : ""),
  };
}

/** Processes whose root directory is inside `root`: there should be none once a run ended. */
export function findProcessesIn(root: string): number[] {
  const found: number[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const r = readlinkSync(`/proc/${name}/root`);
      if (r === root || r.startsWith(`${root}/`)) found.push(Number(name));
    } catch {
      // gone, or not ours to look at
    }
  }
  return found;
}

function killStrays(root: string): number {
  const pids = findProcessesIn(root);
  for (const pid of pids) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // gone meanwhile
    }
  }
  return pids.length;
}
