/*
 * Statistics and formatting shared by every bench section. The machines are small and noisy, so
 * sections quote medians and p95s of many runs after a warm-up, and ratios rather than absolute
 * times when they compare; none of them ever asserts.
 */

/** The p-th percentile (0..100) of the samples, by linear interpolation between ranks. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (rank - low);
}

export const median = (samples: readonly number[]): number => percentile(samples, 50);
export const p95 = (samples: readonly number[]): number => percentile(samples, 95);

export interface SampleOptions {
  /** Calls made first and thrown away, so the JIT has compiled the hot paths. */
  readonly warmup: number;
  /** Calls timed, at least one. */
  readonly runs: number;
  /** Stop timing early (after at least `minRuns`) once this many milliseconds have been spent. */
  readonly budgetMs?: number;
  readonly minRuns?: number;
}

/** Wall-clock milliseconds of each timed call of `fn`, awaiting it when it returns a promise. */
export async function sample(fn: () => unknown, options: SampleOptions): Promise<number[]> {
  for (let i = 0; i < options.warmup; i++) await fn();
  const times: number[] = [];
  const started = performance.now();
  const minRuns = Math.max(1, options.minRuns ?? 1);
  for (let i = 0; i < options.runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
    if (options.budgetMs !== undefined && times.length >= minRuns && performance.now() - started > options.budgetMs)
      break;
  }
  return times;
}

/** "1.23 ms", "456 µs", "12.3 s", "1260 s": three significant figures (or whole seconds) in a unit that suits the value. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return "n/a";
  if (ms < 1) return `${(ms * 1000).toPrecision(3)} µs`;
  if (ms < 1000) return `${ms.toPrecision(3)} ms`;
  return ms < 100_000 ? `${(ms / 1000).toPrecision(3)} s` : `${Math.round(ms / 1000)} s`;
}

/** "12.3k", "1.20M": for rates and counts too wide to read digit by digit. */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return "n/a";
  if (n >= 1e6) return `${(n / 1e6).toPrecision(3)}M`;
  if (n >= 1e3) return `${(n / 1e3).toPrecision(3)}k`;
  return n.toPrecision(3);
}

/** "median 1.23 ms, p95 1.80 ms (n=200)". */
export function summarize(samples: readonly number[]): string {
  return `median ${formatMs(median(samples))}, p95 ${formatMs(p95(samples))} (n=${samples.length})`;
}

/**
 * The exponent k in time ≈ c·size^k, fitted by least squares on log-log axes: 1 is linear,
 * 2 quadratic. Needs two points of different size; NaN otherwise.
 */
export function growthExponent(points: readonly { readonly size: number; readonly ms: number }[]): number {
  const xs = points.map((p) => Math.log(p.size));
  const ys = points.map((p) => Math.log(p.ms));
  const n = points.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (xs[i]! - mx) * (ys[i]! - my);
    den += (xs[i]! - mx) ** 2;
  }
  return den === 0 ? Number.NaN : num / den;
}

/**
 * Rows as aligned text columns: the first column left-aligned (names), the rest right-aligned
 * (figures), two spaces apart. The header row is underlined.
 */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((r) => (r[c] ?? "").length)));
  const line = (r: readonly string[]) =>
    r
      .map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!)))
      .join("  ")
      .trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)];
}
