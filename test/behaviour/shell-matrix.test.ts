/**
 * Every compiled examples/*.bond under all six shells and all three ifconfig dialects, started
 * as the kernel starts /linuxrc (no PATH), in two firmware setups. For one dialect and setup,
 * every shell must make the same tool calls with the same arguments, print the same and leave
 * the same stub kernel state; that state must be the one the compiler predicts
 * (predictEndState); and the tools started must be exactly the `stats.processes` compile
 * reports. Every busybox applet is traced, so a shell that ran an external command where the
 * others used a builtin would show up in the trace too.
 */
import { afterAll, describe, it } from "vitest";
import {
  APPLETS,
  cleanupSandbox,
  DIALECTS,
  KERNEL_ENV,
  runLinuxrc,
  SHELLS,
  type Scenario,
} from "../support/sandbox/index.js";
import { examples, targetOf } from "../support/repo.js";
import { compileFile, predictionMismatches, RENUMBERED } from "./helpers.js";
import { where } from "../sandbox/helpers.js";

afterAll(cleanupSandbox);

// Every example is compatible with both: those that discover read eth0 whatever it carries,
// and the others set literal addresses and MACs (disk-root-2.4.bond: 10.0.2.15, 52:54:00:...).
const SCENARIOS: Record<string, Scenario> = {
  "firmware defaults": {},
  "eth0 renumbered": RENUMBERED,
};

describe.concurrent("shell matrix", () => {
  // The sandbox's stubs model the legacy toolset's programs; initramfs examples boot in QEMU.
  for (const example of examples().filter((e) => targetOf(e) === "linuxrc")) {
    const compiled = compileFile(example.path);
    for (const dialect of DIALECTS) {
      for (const [setup, scenario] of Object.entries(SCENARIOS)) {
        it(`${compiled.file}: ${SHELLS.length} shells agree and match the prediction (${dialect}, ${setup})`, async ({
          expect,
        }) => {
          const runs = await Promise.all(
            SHELLS.map((shell) =>
              runLinuxrc(compiled.script, {
                shell,
                dialect,
                scenario,
                env: KERNEL_ENV,
                traceApplets: APPLETS,
              }),
            ),
          );
          const [first, ...others] = runs;
          if (!first) throw new Error("no shells");
          for (const r of runs) {
            expect(r.exitCode, where(r)).toBe(0);
            expect(r.stderr, where(r)).toBe("");
            expect(r.strayProcesses).toBe(0);
            expect(r.stdout, where(r)).toContain(
              `bondc: ${compiled.file}: done\n`,
            );
            expect(r.calls.length, where(r)).toBe(compiled.processes);
          }
          for (const r of others) {
            expect(r.trace, `${r.shell} vs ${first.shell}`).toEqual(
              first.trace,
            );
            expect(r.calls, `${r.shell} vs ${first.shell}`).toEqual(
              first.calls,
            );
            expect(r.stdout, `${r.shell} vs ${first.shell}`).toBe(first.stdout);
            expect(r.state, `${r.shell} vs ${first.shell}`).toEqual(
              first.state,
            );
          }
          expect(
            predictionMismatches(compiled.predicted, first, scenario),
            where(first),
          ).toEqual([]);
        });
      }
    }
  }
});
