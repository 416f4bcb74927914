import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { check } from "../../src/api/check.js";
import { comparable, expectations } from "../support/expectations.js";

/*
 * Mistakes as a newcomer makes them (a misspelled keyword, a literal in another tool's shape, a
 * step in the wrong order), each a file in test/diagnostics/cases/ whose `# expect:` comments give
 * every diagnostic it must produce: place, code, message and, where it is the point, the help.
 * Nothing else may be reported: no echo of the same mistake, no knock-on before its cause.
 */

const dir = join(import.meta.dirname, "cases");
const cases = readdirSync(dir)
  .filter((f) => f.endsWith(".bond"))
  .sort()
  .map((f) => [f, join(dir, f)] as const);

describe("newcomers' mistakes get the message that names them, once", () => {
  it("has cases", () => {
    expect(cases.length).toBeGreaterThan(10);
  });

  it.each(cases)("%s", (_, path) => {
    const text = readFileSync(path, "utf8");
    const expected = expectations(text);
    expect(expected.length, "the case marks what it expects").toBeGreaterThan(0);
    const result = check(text, path);
    const compared = comparable(result.diagnostics.map((d) => ({ ...d, line: d.span.line, column: d.span.column })), expected);
    expect(compared.found).toEqual(compared.expected);
  });
});
