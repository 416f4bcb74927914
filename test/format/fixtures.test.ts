import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatBond } from "../../src/format/format.js";
import { repoRoot } from "../support/repo.js";

/*
 * Before/after pairs: fixtures/NAME.input.bond must format to fixtures/NAME.output.bond, and the
 * output must already be canonical. Add a pair to pin down a layout decision.
 */
const dir = join(repoRoot, "test", "format", "fixtures");
const names = readdirSync(dir)
  .filter((f) => f.endsWith(".input.bond"))
  .map((f) => f.slice(0, -".input.bond".length))
  .sort();

describe("formatter fixtures", () => {
  it("has fixture pairs", () => {
    expect(names.length).toBeGreaterThanOrEqual(8);
  });

  for (const name of names) {
    it(`formats ${name}.input.bond to ${name}.output.bond`, () => {
      const input = readFileSync(join(dir, `${name}.input.bond`), "utf8");
      const output = readFileSync(join(dir, `${name}.output.bond`), "utf8");
      expect(formatBond(input, `${name}.input.bond`)).toBe(output);
      expect(formatBond(output, `${name}.output.bond`)).toBe(output);
    });
  }
});

describe("formatBond on broken files", () => {
  it.each([
    ["an unclosed block", "up bond0 {\n  address 10.0.2.15\n"],
    ["an unknown character", "let ip = $ip\n"],
    ["an unterminated string", 'import "std/bonding\n'],
    ["a missing value", "let ip =\nmount proc\n"],
  ])("returns undefined for %s", (_, text) => {
    expect(formatBond(text, "broken.bond")).toBeUndefined();
  });
});
