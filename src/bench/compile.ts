import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { compile } from "../api/compile.js";
import { repoRoot } from "./paths.js";
import { formatMs, median, p95, sample, table } from "./stats.js";
import { coldStartLines } from "./cold-start.js";
import { throughputLines } from "./throughput.js";

/*
 * The compile section: in-process compile time of every example (warm), the CLI's cold start,
 * the process counts of the generated scripts, and how time grows with file size.
 */

const examplesDir = join(repoRoot, "examples");

/*
 * The seed document's "general form" linuxrc, counted by hand: ifconfig|grep|sed for the MAC (3)
 * and ifconfig|grep|sed|sed for the address (4), then insmod, three ifconfig, two ifenslave and
 * mount (8). Every compiled example should start fewer processes than this for the same job.
 */
const seedGeneralForm = { processes: 14, discoveryProcesses: 7 };

async function warmExamples(): Promise<string[]> {
  const files = readdirSync(examplesDir)
    .filter((f) => f.endsWith(".bond"))
    .sort();
  const rows: string[][] = [];
  for (const name of files) {
    const path = join(examplesDir, name);
    const text = readFileSync(path, "utf8");
    let result = compile(text, path);
    const times = await sample(
      () => {
        result = compile(text, path);
      },
      { warmup: 20, runs: 500, budgetMs: 2_000, minRuns: 50 },
    );
    const processes = result.stats ? `${result.stats.processes}` : "not compiled";
    const discovery = result.stats ? `${result.stats.discoveryProcesses}` : "-";
    rows.push([
      name,
      `${text.split("\n").length}`,
      formatMs(median(times)),
      formatMs(p95(times)),
      `${times.length}`,
      processes,
      discovery,
    ]);
  }
  rows.push([
    "seed general form (hand-written)",
    "",
    "",
    "",
    "",
    `${seedGeneralForm.processes}`,
    `${seedGeneralForm.discoveryProcesses}`,
  ]);
  return [
    "warm in-process compile (after 20 warm-up compiles) and the generated script's process count:",
    ...table(["example", "lines", "median", "p95", "runs", "processes", "discovery"], rows).map((l) => `  ${l}`),
  ];
}

export async function benchCompile(): Promise<string[]> {
  return [
    ...(await warmExamples()),
    "",
    ...(await coldStartLines()),
    "",
    "throughput on generated valid programs (each size in a fresh worker):",
    ...(await throughputLines()),
  ];
}
