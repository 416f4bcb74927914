import fc from "fast-check";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compile } from "../../src/api/compile.js";
import { shellcheckScripts } from "../../src/lint/shellcheck-pass.js";
import { violation } from "../../src/semantic/domains/index.js";
import { repoRoot } from "../support/repo.js";
import { bootEntryRefusal, cases, nodeProgram } from "./programs.js";

/*
 * Every literal outside its domain is refused at compile time, with the domain's code on the
 * literal's line, and every literal inside it compiles (the sandbox test checks that it then
 * arrives unchanged). Pure compiles: thousands of values in seconds.
 */
const file = join(repoRoot, "examples", "domains-property.bond");
/** Scripts compiled from values with characters the shell gives meaning to, for the ShellCheck pass below (a sample: ShellCheck takes about 0.2 s a script; the sandbox test checks 100 more). */
const shellLooking: string[] = [];
const shellSpecial = /[^A-Za-z0-9_./:=,+-]/;

describe("literals are refused exactly when they are outside their domain", () => {
  it.each(cases.map((c) => [c.domain.id, c] as const))("%s", (_, { domain, arbitrary }) => {
    let inside = 0;
    let outside = 0;
    fc.assert(
      fc.property(arbitrary, ({ value, values }) => {
        const text = nodeProgram(values);
        const result = compile(text, file);
        // A value in its own domain can still break a boot entry it reaches (nfsroot=, BOND0216).
        const own = violation(domain, value);
        const entry = own === undefined ? bootEntryRefusal(values) : undefined;
        const broken = own ?? entry;
        const code = own ? domain.code : "BOND0216";
        const codes = result.diagnostics.filter((d) => d.severity === "error").map((d) => d.code);
        if (broken === undefined) {
          inside++;
          expect(codes, `${JSON.stringify(value)} is in the domain`).toEqual([]);
          expect(result.script).toBeDefined();
          if (shellSpecial.test(value) && shellLooking.length < 60) shellLooking.push(result.script!);
        } else {
          outside++;
          expect(result.script, `${JSON.stringify(value)} breaks "${broken.rule.name}"`).toBeUndefined();
          const reported = result.diagnostics.filter((d) => d.code === code);
          expect(
            reported.length,
            `${JSON.stringify(value)} breaks "${broken.rule.name}": ${codes.join(" ")}`,
          ).toBeGreaterThan(0);
          // On the line that holds the value, with the rule that is broken.
          for (const d of reported) {
            expect(text.split("\n")[d.span.line - 1]).toContain(value.slice(0, 20));
            expect(d.notes.join("\n")).toContain(`rule "${broken.rule.name}"`);
          }
        }
      }),
      { numRuns: 600 },
    );
    // Both sides of every domain are exercised.
    expect(inside).toBeGreaterThan(30);
    expect(outside).toBeGreaterThan(30);
  });
});

describe("no false BOND0901 in the property run", () => {
  it("ShellCheck has nothing to say about scripts carrying accepted values with shell characters", async () => {
    expect(shellLooking.length).toBe(60);
    const findings = await shellcheckScripts(shellLooking);
    expect(findings.flatMap((f, i) => f.map((x) => `script ${i} line ${x.line}: SC${x.code} ${x.message}`))).toEqual(
      [],
    );
  });
});
