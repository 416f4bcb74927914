import { describe, expect, it } from "vitest";
import { comparable, expectations } from "../support/expectations.js";

/* The `# expect:` reader every fixture harness relies on: it must refuse what it cannot check. */

describe("# expect: comments", () => {
  it("read code, column, message and an optional help, several to a line", () => {
    const text = 'enslave eth0, eth1 to bond0 # expect: BOND0302@9 "eth0 is \\"late\\"", BOND0302@15 "eth1 is late" help "move it"\n';
    expect(expectations(text)).toEqual([
      { line: 1, column: 9, code: "BOND0302", message: 'eth0 is "late"' },
      { line: 1, column: 15, code: "BOND0302", message: "eth1 is late", help: "move it" },
    ]);
  });

  it("`expect above` names the line before, for a line an unclosed string runs to the end of", () => {
    expect(expectations('path "/srv\n# expect above: BOND0003@6 "this string is not closed"')).toEqual([
      { line: 1, column: 6, code: "BOND0003", message: "this string is not closed" },
    ]);
  });

  it.each([["a bare code", "# expect: BOND0301"], ["no column", '# expect: BOND0301 "m"'], ["nothing", "# expect:"], ["junk after", '# expect: BOND0301@1 "m" and more']])(
    "refuse %s",
    (_, line) => {
      expect(() => expectations(line)).toThrow(/line 1/);
    },
  );

  it("compare the help only where the fixture names one, and tell a wrong one apart", () => {
    const found = [{ line: 1, column: 1, code: "BOND0305", message: "m", help: "add it" }];
    expect(comparable(found, [{ line: 1, column: 1, code: "BOND0305", message: "m" }])).toEqual({ found: ["1:1 BOND0305 m"], expected: ["1:1 BOND0305 m"] });
    const wrongHelp = comparable(found, [{ line: 1, column: 1, code: "BOND0305", message: "m", help: "move it" }]);
    expect(wrongHelp.found).not.toEqual(wrongHelp.expected);
  });
});
