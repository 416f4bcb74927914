import { beforeAll, describe, expect, it } from "vitest";
import { bondcAsync, ensureBuilt } from "../support/bondc.js";
import { oneWarning, tempTree } from "./support.js";

beforeAll(() => ensureBuilt());

interface Result {
  ruleId: string;
  locations: { physicalLocation: { region: { startLine: number } } }[];
  partialFingerprints: { primaryLocationLineHash: string };
}

/** Lints `text` as node.bond with --format sarif and returns the results. */
async function sarifResults(text: string): Promise<Result[]> {
  const dir = tempTree({ "node.bond": text });
  const r = await bondcAsync(["lint", "--no-shellcheck", "--format", "sarif", "node.bond"], { cwd: dir });
  expect(r.stderr).toBe("");
  return JSON.parse(r.stdout).runs[0].results as Result[];
}

const summary = (results: Result[]) =>
  results.map((r) => [
    r.ruleId,
    r.locations[0]!.physicalLocation.region.startLine,
    r.partialFingerprints.primaryLocationLineHash,
  ]);

// One BOND0507 (balance-rr without monitoring) and two unused directives (BOND0603) whose lines
// read the same, so their identities can differ only by the occurrence index.
const findings = oneWarning().replace(/^(down eth0, eth1|mount proc)$/gm, "# bondc:allow BOND0507\n$1");
const UP = /^up bond0 \{$/m;

describe("SARIF fingerprints", () => {
  it("survive lines inserted above the findings, while their line numbers move", async () => {
    const before = await sarifResults(findings);
    expect(before.map((r) => r.ruleId)).toEqual(["BOND0507", "BOND0603", "BOND0603"]);
    const after = await sarifResults(
      findings.replace(/^let mac/m, "# Added later: a comment\n# and another\n\nlet mac"),
    );
    expect(after.map((r) => r.partialFingerprints)).toEqual(before.map((r) => r.partialFingerprints));
    expect(after.map((r) => r.locations[0]!.physicalLocation.region.startLine)).toEqual(
      before.map((r) => r.locations[0]!.physicalLocation.region.startLine + 3),
    );
  });

  it("differ between findings, by occurrence for identical lines, and change with the finding's own line", async () => {
    const before = summary(await sarifResults(findings));
    const [up, first, second] = before.map((b) => String(b[2]));
    expect(new Set([up, first, second]).size).toBe(3);
    expect([first!.replace(/:\d+$/, ""), first!.endsWith(":1"), second!.endsWith(":2")]).toEqual([
      second!.replace(/:\d+$/, ""),
      true,
      true,
    ]);
    // Whitespace is normalised away: re-indenting is not a new finding.
    expect(summary(await sarifResults(findings.replace(UP, "up  bond0   {")))).toEqual(before);
    const edited = summary(await sarifResults(findings.replace(UP, "up bond0 {  # no miimon, as in the seed")));
    expect(edited.map((e, i) => e[2] === before[i]![2])).toEqual([false, true, true]);
  });
});
