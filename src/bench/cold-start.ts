import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { repoRoot } from "./paths.js";
import { formatMs, median, p95, table } from "./stats.js";

/*
 * Cold start of the shipped `bondc` (package.json's bin, the esbuild bundle) against node's own
 * start-up, `node -e 0`, measured in the same run and interleaved (one of each per round), so a
 * burst of load elsewhere on the machine hits every subject alike. The same compile without the
 * code cache and from the unbundled tsc output are measured too, to show what each saves.
 */

const run = promisify(execFile);
const ROUNDS = 41;

interface Subject {
  readonly name: string;
  readonly args: readonly string[];
  /** The goal, as a multiple of `node -e 0`. */
  readonly goal?: number;
  readonly env?: NodeJS.ProcessEnv;
}

export const shippedBin = join(
  repoRoot,
  (JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { bin: { bondc: string } }).bin.bondc,
);

export async function coldStartLines(): Promise<string[]> {
  const seed = join(repoRoot, "examples", "seed-general.bond");
  const unbundled = join(repoRoot, "dist", "cli", "main.js");
  const subjects: Subject[] = [
    { name: "node -e 0", args: ["-e", "0"] },
    { name: "bondc --version", args: [shippedBin, "--version"], goal: 1.2 },
    { name: "bondc --help", args: [shippedBin, "--help"], goal: 1.2 },
    { name: "bondc compile seed-general.bond", args: [shippedBin, "compile", seed], goal: 2 },
    {
      name: "… with no code cache",
      args: [shippedBin, "compile", seed],
      env: { ...process.env, NODE_DISABLE_COMPILE_CACHE: "1" },
    },
    { name: "unbundled dist/cli/main.js compile", args: [unbundled, "compile", seed] },
  ];
  const times = subjects.map(() => [] as number[]);
  for (let round = -1; round < ROUNDS; round++) {
    for (const [i, s] of subjects.entries()) {
      const started = performance.now();
      await run(process.execPath, s.args, { cwd: repoRoot, ...(s.env && { env: s.env }) });
      // Round -1 warms the file system cache and writes the bundle's code cache; it is not counted.
      if (round >= 0) times[i]!.push(performance.now() - started);
    }
  }
  const base = median(times[0]!);
  const rows = subjects.map((s, i) => {
    const ratio = median(times[i]!) / base;
    const verdict = s.goal === undefined ? "" : ratio <= s.goal ? "met" : "NOT met";
    return [
      s.name,
      formatMs(median(times[i]!)),
      formatMs(p95(times[i]!)),
      `${ratio.toFixed(2)}×`,
      s.goal === undefined ? "" : `≤ ${s.goal}×`,
      verdict,
    ];
  });
  return [
    `cold start, ${ROUNDS} interleaved rounds, ratio of medians to \`node -e 0\` (${process.version}; the command's V8 code cache written by an earlier run, as after any first use):`,
    ...table(["command", "median", "p95", "× node -e 0", "goal", ""], rows).map((l) => `  ${l}`),
  ];
}
