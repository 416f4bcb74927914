import { parentPort, workerData } from "node:worker_threads";
import { compile } from "../api/compile.js";
import { largeProgram } from "./large-program.js";
import { sample } from "./stats.js";
import type { ThroughputJob, ThroughputSample } from "./throughput.js";

/*
 * One size of the throughput ladder, in its own worker thread: each size starts from a fresh
 * heap (garbage from the previous size does not slow this one), and the parent can end a size
 * that runs out of memory or time without losing the rest of the bench.
 */
const job = workerData as ThroughputJob;
const file = `/bench/${job.shape}-${job.lines}.bond`;
const text = largeProgram(job.shape, job.lines);

// Warm the JIT on a small program of the same shape, so the first timed run is not the slowest.
const small = largeProgram(job.shape, 1000);
for (let i = 0; i < 3; i++) compile(small, file);

let diagnostics = 0;
const times = await sample(
  () => {
    diagnostics = compile(text, file).diagnostics.length;
  },
  { warmup: 0, runs: job.runs, budgetMs: job.budgetMs, minRuns: 1 },
);
const result: ThroughputSample = { lines: text.split("\n").length - 1, times, diagnostics };
parentPort!.postMessage(result);
