import { check } from "../api/check.js";
import { diskHost, type CompileHost } from "../semantic/sources.js";
import { clusterBond, clusterCsv } from "./inventory.js";
import { formatMs, median, sample } from "./stats.js";

/*
 * `npm run bench -- cluster`: a 10,000-node inventory read and checked (every cell as a literal,
 * every fact across the rows), in process on one core, beside the goal of "seconds".
 */

const goal = "goal: a 10,000-node cluster in seconds on one core";

export async function benchCluster(): Promise<string[]> {
  const lines: string[] = [goal];
  for (const clients of [1_000, 10_000]) {
    const csv = clusterCsv(clients);
    const host: CompileHost = {
      ...diskHost,
      root: "/bench",
      readFile: (path) => (path === "/bench/nodes.csv" ? csv : undefined),
      realPath: (path) => path,
    };
    const run = () => check(clusterBond, "/bench/cluster.bond", host);
    const problems = run().diagnostics.length;
    if (problems > 0) throw new Error(`the generated inventory has ${problems} diagnostics`);
    const times = await sample(run, { warmup: 2, runs: 10, budgetMs: 20_000, minRuns: 3 });
    const nodes = clients + 1;
    const ms = median(times);
    lines.push(
      `${nodes} nodes: inventory checked in ${formatMs(ms)} (${((ms * 1000) / nodes).toFixed(1)} µs and ${(
        Buffer.byteLength(csv) / nodes
      ).toFixed(0)} CSV bytes per node)`,
    );
  }
  return lines;
}
