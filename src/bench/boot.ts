import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { compile } from "../api/compile.js";
import { bootCompiledInit, bootCompiledLegacy } from "../boot/boot-compiled.js";
import { checkQemu } from "../boot/qemu.js";
import type { RootObservation } from "../boot/observe.js";
import { repoRoot } from "./paths.js";
import { formatMs, median, table } from "./stats.js";

/*
 * The boot section: every example compiled and booted to its NFS root under QEMU (TCG): linuxrc
 * ones on the legacy kernel, initramfs ones on Debian's; one boot at a time so the guests do not
 * compete for the cores. Figures are the harness's own timings: QEMU start to the NFS root's
 * init, and the whole run; medians of a few boots each, since a boot takes seconds.
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
      rows.push([name, "not compiled", "", "", ""]);
      continue;
    }
    // The legacy kernel boots to an NFS root or a disk (disk-root.ts); an initramfs /init to NFS only.
    const initramfs = compiled.artifacts[0]?.path === "/init";
    if (initramfs && !compiled.program.actions.some((a) => a.kind === "handoff" && a.root.kind === "nfs")) {
      rows.push([name, "no NFS root", "", "", ""]);
      continue;
    }
    const runs: RootObservation["timings"][] = [];
    let matched = 0;
    for (let i = 0; i < BOOTS_PER_EXAMPLE; i++) {
      const boot = initramfs
        ? await bootCompiledInit(compiled, { name: "default" })
        : await bootCompiledLegacy(compiled, { name: "default" });
      runs.push(boot.boot.timings);
      if (boot.mismatches.length === 0) matched++;
    }
    const med = (pick: (t: RootObservation["timings"]) => number) => formatMs(median(runs.map(pick)));
    rows.push([
      name,
      med((t) => t.rootInitMs ?? Number.NaN),
      med((t) => t.totalMs),
      `${runs.length}`,
      `${matched}/${runs.length}`,
    ]);
  }
  return [
    `${qemu}, TCG, scenario default; medians of ${BOOTS_PER_EXAMPLE} sequential boots per example`,
    ...table(["example", "to the root's init", "total", "boots", "as predicted"], rows),
  ];
}
