import { Worker } from "node:worker_threads";
import { programShapes, type ProgramShape } from "./large-program.js";
import { formatCount, formatMs, growthExponent, median, table } from "./stats.js";

/*
 * How compile time grows with file size: generated valid programs of 10k to 100k lines, each size
 * compiled in a worker with a memory and time limit, so a size that does not finish is reported as
 * such instead of taking the machine down.
 */

export interface ThroughputJob {
  readonly shape: ProgramShape;
  readonly lines: number;
  readonly runs: number;
  readonly budgetMs: number;
}

export interface ThroughputSample {
  /** The generated program's actual line count. */
  readonly lines: number;
  readonly times: readonly number[];
  /** Should be 0: the generated programs are valid, so the whole pipeline runs. */
  readonly diagnostics: number;
}

const sizes = [10_000, 20_000, 50_000, 100_000];
/** Up to this many timed compiles per size, fewer once the budget is spent. */
const runs = 5;
const budgetMs = 15_000;
/** A size still running after this is stopped and reported as not finished. */
const limitMs = 60_000;
const heapLimitMb = 3072;

/** Running out of memory or time is a result worth printing; any other failure is a broken bench. */
type Outcome = { readonly ok: true; readonly sample: ThroughputSample } | { readonly ok: false; readonly why: string };

function runSize(job: ThroughputJob): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./throughput-worker.js", import.meta.url), {
      workerData: job,
      resourceLimits: { maxOldGenerationSizeMb: heapLimitMb },
    });
    const timer = setTimeout(() => {
      resolve({ ok: false, why: `stopped after ${formatMs(limitMs)}` });
      void worker.terminate();
    }, limitMs);
    const settle = (outcome: Outcome) => {
      clearTimeout(timer);
      resolve(outcome);
    };
    worker.once("message", (sample: ThroughputSample) => settle({ ok: true, sample }));
    worker.once("error", (e: Error & { code?: string }) => {
      clearTimeout(timer);
      if (e.code === "ERR_WORKER_OUT_OF_MEMORY") resolve({ ok: false, why: `out of memory (${heapLimitMb} MB heap)` });
      else reject(e);
    });
    // After a message or an error this is a no-op; otherwise it is the only report there is.
    worker.once("exit", (code) => settle({ ok: false, why: `worker exited with code ${code}` }));
  });
}

/**
 * Why the next size is not worth starting: a smaller one did not finish, or the growth so far
 * (linear when only one size is known) projects it past the time limit.
 */
function reasonToSkip(
  lines: number,
  finished: readonly { size: number; ms: number }[],
  failed: string | undefined,
): string | undefined {
  if (failed) return `skipped: a smaller size ${failed}`;
  const last = finished[finished.length - 1];
  if (!last) return undefined;
  const k = finished.length >= 2 ? growthExponent(finished) : 1;
  const projected = last.ms * (lines / last.size) ** k;
  return projected > limitMs
    ? `skipped: projected ${formatMs(projected)} (time ∝ lines^${k.toFixed(2)}), over the ${formatMs(limitMs)} limit`
    : undefined;
}

async function shapeLadder(shape: ProgramShape): Promise<string[]> {
  const rows: string[][] = [];
  const finished: { size: number; ms: number }[] = [];
  let failed: string | undefined;
  for (const lines of sizes) {
    const skip = reasonToSkip(lines, finished, failed);
    if (skip) {
      rows.push([formatCount(lines), "-", "-", "-", skip]);
      continue;
    }
    const outcome = await runSize({ shape, lines, runs, budgetMs });
    if (!outcome.ok) {
      failed = outcome.why;
      rows.push([formatCount(lines), "-", "-", "-", outcome.why]);
      continue;
    }
    const { sample } = outcome;
    const ms = median(sample.times);
    const previous = finished[finished.length - 1];
    finished.push({ size: sample.lines, ms });
    const growth = previous
      ? `×${(ms / previous.ms).toFixed(2)} for ×${(sample.lines / previous.size).toFixed(1)} lines`
      : "";
    const note = sample.diagnostics > 0 ? ` (${sample.diagnostics} diagnostics: the generator is broken)` : "";
    rows.push([
      formatCount(sample.lines),
      formatMs(ms),
      `${formatCount(sample.lines / (ms / 1000))}/s`,
      `${sample.times.length}`,
      growth + note,
    ]);
  }
  const k = growthExponent(finished);
  const fit =
    finished.length >= 2
      ? `time ∝ lines^${k.toFixed(2)} (×${(2 ** k).toFixed(2)} per doubling), fitted over ${finished.length} sizes`
      : "too few sizes finished to fit a growth exponent";
  const what =
    shape === "flat"
      ? "iface, let … discover, up, down, enslave statements"
      : "one procedure definition and call per bond";
  return [
    `${shape} (${what}):`,
    ...table(["lines", "median", "lines/s", "runs", "growth"], rows).map((l) => `  ${l}`),
    `  ${fit}`,
  ];
}

/** The throughput lines of the compile section, one ladder per program shape. */
export async function throughputLines(): Promise<string[]> {
  const out: string[] = [];
  for (const shape of programShapes) out.push(...(await shapeLadder(shape)));
  return out;
}
