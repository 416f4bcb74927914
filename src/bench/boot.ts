import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { compile } from "../api/compile.js";
import { bootCompiled } from "../boot/boot-compiled.js";
import { checkQemu } from "../boot/qemu.js";
import type { BootObservation } from "../boot/observe.js";
import { repoRoot } from "./paths.js";
import { formatMs, median, table } from "./stats.js";

/*
 * The boot section: every example compiled and booted on Debian's kernel under QEMU (TCG), one
 * boot at a time so the guests do not compete for the cores. Figures are the harness's own
 * timings: QEMU start to /linuxrc start (firmware, kernel, the harness's /init), /linuxrc
 * itself, and the whole run; medians of a few boots each, since a boot takes seconds.
 */

const BOOTS_PER_EXAMPLE = 3;

export async function benchBoot(): Promise<string[]> {
  const qemu = await checkQemu();
  const dir = join(repoRoot, "examples");
  const rows: string[][] = [];
  for (const name of readdirSync(dir)
    .filter((f) => f.endsWith(".bond"))
    .sort()) {
    const path = join(dir, name);
    const compiled = compile(readFileSync(path, "utf8"), path);
    if (!compiled.script) {
      rows.push([name, "not compiled", "", "", "", ""]);
      continue;
    }
    const runs: BootObservation["timings"][] = [];
    let matched = 0;
    for (let i = 0; i < BOOTS_PER_EXAMPLE; i++) {
      const boot = await bootCompiled(compiled, { name: "default" });
      runs.push(boot.observation.timings);
      if (boot.mismatches.length === 0) matched++;
    }
    const med = (pick: (t: BootObservation["timings"]) => number) => formatMs(median(runs.map(pick)));
    rows.push([
      name,
      med((t) => t.bootMs),
      med((t) => t.linuxrcMs),
      med((t) => t.totalMs),
      `${runs.length}`,
      `${matched}/${runs.length}`,
    ]);
  }
  return [
    `${qemu}, TCG, scenario default; medians of ${BOOTS_PER_EXAMPLE} sequential boots per example`,
    ...table(["example", "to /linuxrc", "/linuxrc", "total", "boots", "as predicted"], rows),
  ];
}
