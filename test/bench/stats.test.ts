import { describe, expect, it } from "vitest";
import {
  formatCount,
  formatMs,
  growthExponent,
  median,
  p95,
  percentile,
  sample,
  table,
} from "../../src/bench/stats.js";

describe("bench statistics", () => {
  it("interpolate percentiles between ranks, whatever the input order", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(p95(Array.from({ length: 101 }, (_, i) => 100 - i))).toBe(95);
    expect(percentile([7], 95)).toBe(7);
    expect(median([])).toBeNaN();
  });

  it("fit the exponent of a power law", () => {
    const quadratic = [1, 2, 4, 8].map((size) => ({ size, ms: 3 * size ** 2 }));
    expect(growthExponent(quadratic)).toBeCloseTo(2, 10);
    expect(
      growthExponent([
        { size: 10, ms: 5 },
        { size: 20, ms: 10 },
      ]),
    ).toBeCloseTo(1, 10);
    expect(growthExponent([{ size: 10, ms: 5 }])).toBeNaN();
  });

  it("time every run after the warm-up, and stop at the budget once the minimum is met", async () => {
    let calls = 0;
    const times = await sample(() => calls++, { warmup: 3, runs: 10 });
    expect(calls).toBe(13);
    expect(times).toHaveLength(10);
    const slow = await sample(() => new Promise((r) => setTimeout(r, 5)), {
      warmup: 0,
      runs: 100,
      budgetMs: 1,
      minRuns: 2,
    });
    expect(slow).toHaveLength(2);
  });

  it("format figures with three significant digits in a fitting unit", () => {
    expect([formatMs(0.25), formatMs(12.345), formatMs(4567), formatMs(1_262_400), formatMs(Number.NaN)]).toEqual([
      "250 µs",
      "12.3 ms",
      "4.57 s",
      "1262 s",
      "n/a",
    ]);
    expect([formatCount(950), formatCount(12_345), formatCount(2_500_000)]).toEqual(["950", "12.3k", "2.50M"]);
  });

  it("align names left and figures right under an underlined header", () => {
    expect(
      table(
        ["name", "ms"],
        [
          ["a", "1.5"],
          ["long name", "12"],
        ],
      ),
    ).toEqual(["name        ms", "---------  ---", "a          1.5", "long name   12"]);
  });
});
