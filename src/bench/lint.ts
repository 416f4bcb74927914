import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { repoRoot } from "./paths.js";
import { shippedBin } from "./cold-start.js";
import { formatMs, median, p95, sample, table } from "./stats.js";

/*
 * The lint section: `bondc lint` over a directory of 1,000 generated node files (a cluster's
 * worth), cold CLI, in files per second: without the ShellCheck pass, with it at 1 and 2 jobs
 * (cache off, so ShellCheck really runs), and with the verdict cache filled.
 */

const run = promisify(execFile);
const NODES = 1_000;
const RUNS = 3;

const modes = ["active-backup", "balance-rr", "balance-alb", "802.3ad"] as const;

/** Node `n`'s file: one of three shapes (fixed address, discovered address, stdlib profile), each node its own name, addresses and MAC. */
function nodeFile(n: number): string {
  const rack = Math.floor(n / 100);
  const host = (n % 250) + 2;
  const net = `10.${rack}.${Math.floor(n / 250)}`;
  const mac = `02:00:00:${(rack & 0xff).toString(16).padStart(2, "0")}:${((n >> 8) & 0xff).toString(16).padStart(2, "0")}:${(n & 0xff).toString(16).padStart(2, "0")}`;
  const mode = modes[n % modes.length]!;
  const handoff = `mount proc\nhandoff nfs { server ${net}.1  path "/srv/nfsroot/rack${rack}-node${n}" }`;
  switch (n % 3) {
    case 0:
      return `# rack ${rack}, node ${n}: fixed address\ntarget linuxrc { kernel "2.6.32"  tools net-tools  boot eth0 }\niface eth0, eth1\nload bonding mode=${mode} miimon=100\nup bond0 {\n  address ${net}.${host}\n  netmask 255.255.255.0\n  hwaddr ${mac}\n}\ndown eth0, eth1\nenslave eth0, eth1 to bond0\n${handoff}\non failure fallback\n`;
    case 1:
      return `# rack ${rack}, node ${n}: the address the firmware gave eth0\ntarget linuxrc { kernel "2.4.37"  tools net-tools }\nlet boot = iface eth0\niface eth1\nlet mac = discover boot.hwaddr\nlet ip = discover boot.inet\nlet mask = discover boot.netmask\nload bonding mode=${mode} miimon=100\nup bond0 { address ip  netmask mask  hwaddr mac }\ndown eth0, eth1\nenslave eth0, eth1 to bond0\n${handoff}\non failure ${n % 2 === 0 ? "halt" : "fallback"}\n`;
    default:
      return `# rack ${rack}, node ${n}: the stdlib's LACP pair\nimport "std/profiles"\nimport "std/bonding"\ntarget linuxrc { kernel "4.19"  tools net-tools }\niface eth0, eth1\nlacp_pair(eth0, eth1, bond0)\nhandoff_nfs_root()\n`;
  }
}

function writeCluster(): string {
  const dir = mkdtempSync(join(tmpdir(), "bondc-bench-lint-"));
  for (let n = 0; n < NODES; n++) {
    const rackDir = join(dir, `rack${String(Math.floor(n / 100)).padStart(2, "0")}`);
    mkdirSync(rackDir, { recursive: true });
    writeFileSync(join(rackDir, `node${String(n).padStart(4, "0")}.bond`), nodeFile(n));
  }
  return dir;
}

/** Milliseconds of each cold `bondc lint ARGS DIR`; throws unless every run finds nothing (exit 0). */
async function timeLint(dir: string, args: readonly string[], runs: number, env: NodeJS.ProcessEnv): Promise<number[]> {
  return sample(
    async () => {
      const r = await run(process.execPath, [shippedBin, "lint", "--quiet", ...args, dir], {
        cwd: repoRoot,
        env,
        maxBuffer: 64 * 1024 * 1024,
      }).catch((e: { code?: number; stdout?: string; stderr?: string }) => {
        throw new Error(`bondc lint ${args.join(" ")} exited ${e.code}: ${(e.stderr || e.stdout || "").slice(0, 300)}`);
      });
      if (r.stdout !== "") throw new Error(`the generated cluster is not clean: ${r.stdout.slice(0, 300)}`);
    },
    { warmup: 0, runs },
  );
}

export async function benchLint(): Promise<string[]> {
  const dir = writeCluster();
  // A cache of its own, so the figures neither depend on nor fill the user's.
  const cache = mkdtempSync(join(tmpdir(), "bondc-bench-cache-"));
  const env = { ...process.env, XDG_CACHE_HOME: cache };
  try {
    const rows: string[][] = [];
    const perSecond: Record<string, number> = {};
    for (const [label, args, runs] of [
      ["checks only (--no-shellcheck)", ["--no-shellcheck"], RUNS],
      ["checks + ShellCheck, 1 job (--jobs 1 --no-cache)", ["--jobs", "1", "--no-cache"], 1],
      ["checks + ShellCheck, 2 jobs (--jobs 2 --no-cache)", ["--jobs", "2", "--no-cache"], 1],
      ["checks + ShellCheck, cache filled (2nd run on)", [], RUNS],
    ] as const) {
      // The cached row's first, uncounted run fills the cache.
      if (label.includes("cache filled")) await timeLint(dir, args, 1, env);
      const times = await timeLint(dir, args, runs, env);
      const ms = median(times);
      perSecond[label] = NODES / (ms / 1000);
      rows.push([
        label,
        formatMs(ms),
        runs > 2 ? formatMs(p95(times)) : "",
        `${Math.round(NODES / (ms / 1000))}`,
        formatMs(ms / NODES),
        String(runs),
      ]);
    }
    const [one, two] = Object.values(perSecond).slice(1, 3) as [number, number];
    return [
      `\`bondc lint --quiet DIR\` over ${NODES} generated node files (three shapes, varied names, modes and addresses), cold CLI (the shipped bin), ${availableParallelism()} CPUs:`,
      ...table(["pass", "median", "p95", "files/s", "per file", "runs"], rows).map((l) => `  ${l}`),
      `  ShellCheck pass scaling: ${(two / one).toFixed(2)}× the files/s at 2 jobs vs 1 (ideal on 2 free cores: 2×)`,
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(cache, { recursive: true, force: true });
  }
}
