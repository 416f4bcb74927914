// FLIP-WHEN-NET-TOOLS-CALLS-BY-PATH (issue 9). The guest's busybox is stock now: its sh runs its
// own insmod applet for a bare `insmod bonding` (it wants a file and fails), so a /linuxrc reaches
// the harness's /sbin/insmod only by path, as the seed's scripts called every tool. The net-tools
// toolset still prints a bare `insmod`; the lead's change makes it call /sbin/insmod, /sbin/ifconfig,
// /sbin/ifenslave. Until then:
//   - examples.test.ts boots each compiled script with that one call spelled with its path
//     (`insmodByPathUntilNetToolsDoes`), nothing else touched;
//   - cli.test.ts expects what `bondc boot` really reports today: the seed example falls back and
//     never bonds (the bug issue 9 describes).
// When net-tools calls by path, `expectNetToolsSpelling` fails: set NET_TOOLS_CALLS_BY_PATH to
// true, then delete this file's adapter, its call in examples.test.ts and the `false` branches in
// cli.test.ts (grep FLIP-WHEN-NET-TOOLS-CALLS-BY-PATH).
import { expect } from "vitest";
import type { CompileResult } from "../../src/api/compile.js";

export const NET_TOOLS_CALLS_BY_PATH = false;

/** Fails as soon as the compiler's spelling no longer matches NET_TOOLS_CALLS_BY_PATH. */
export function expectNetToolsSpelling(script: string | undefined): void {
  expect(
    (script ?? "").includes("/sbin/insmod "),
    "net-tools' insmod spelling changed: flip NET_TOOLS_CALLS_BY_PATH in test/boot/net-tools-by-path.ts (see its header)",
  ).toBe(NET_TOOLS_CALLS_BY_PATH);
}

/** The compiled script with its bare `insmod` lines called by path (see the header). */
export function insmodByPathUntilNetToolsDoes(compiled: CompileResult): CompileResult {
  if (compiled.script === undefined) return compiled;
  expectNetToolsSpelling(compiled.script);
  if (NET_TOOLS_CALLS_BY_PATH) return compiled;
  return { ...compiled, script: compiled.script.replace(/^(\s*)insmod /gm, "$1/sbin/insmod ") };
}
