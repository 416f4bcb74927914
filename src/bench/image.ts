import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readFileSync } from "node:fs";
import { compile } from "../api/compile.js";
import { buildImage, type BuiltImage } from "../image/build.js";
import { stageTree } from "../image/ext2.js";
import { run } from "../image/exec.js";
import { resolveKernel } from "../image/kernel.js";
import { fetchBusybox } from "../image/packages.js";
import { repoRoot } from "./paths.js";
import { formatMs, median, table } from "./stats.js";

/*
 * The image section: `bondc build` of every example on Debian's cloud kernel and busybox-static,
 * its image size and build time (median of a few builds), against the hand-made floor for the same
 * content: the image's files, folders and links staged in a temporary folder and packed with
 * `find . | sort | cpio -o -H newc | gzip -9`, as an admin would by hand (without the two device
 * nodes, which need root to stage and weigh a few hundred bytes). The goal is the floor plus 10%.
 * An ext2 initrd (linuxrc target) carries a file system's metadata and block padding on top, so
 * its row says how far the seed's format is from the floor, not only how well bondc packs.
 */

const BUILDS_PER_EXAMPLE = 3;

export async function benchImage(): Promise<string[]> {
  const kernel = await resolveKernel(undefined, undefined);
  const busybox = await fetchBusybox();
  const dir = join(repoRoot, "examples");
  const rows: string[][] = [];
  for (const name of (await readdir(dir)).filter((f) => f.endsWith(".bond")).sort()) {
    const path = join(dir, name);
    const compiled = compile(readFileSync(path, "utf8"), path);
    if (!compiled.script) {
      rows.push([name, "not compiled", "", "", "", "", ""]);
      continue;
    }
    const times: number[] = [];
    let built: BuiltImage | undefined;
    try {
      for (let i = 0; i < BUILDS_PER_EXAMPLE; i++) {
        const started = performance.now();
        built = await buildImage(compiled, { kernel, busybox });
        times.push(performance.now() - started);
      }
    } catch (e) {
      rows.push([name, `not built: ${e instanceof Error ? e.message : String(e)}`, "", "", "", "", ""]);
      continue;
    }
    const image = built!;
    const floor = await handMadeFloor(image);
    const goal = Math.round(floor * 1.1);
    rows.push([
      name,
      image.fileName,
      mb(image.bytes.length),
      mb(floor),
      mb(goal),
      image.bytes.length <= goal ? "yes" : `no (+${(((image.bytes.length - floor) / floor) * 100).toFixed(0)}%)`,
      formatMs(median(times)),
    ]);
  }
  return [
    `kernel ${kernel.release}, Debian busybox-static; floor = the same content through cpio -o -H newc | gzip -9; goal = floor + 10%`,
    `medians of ${BUILDS_PER_EXAMPLE} builds per example (Debian packages already in the cache)`,
    ...table(["example", "image", "size", "floor", "goal", "within goal", "build"], rows),
  ];
}

/** Size of the image's content packed by hand with cpio and gzip -9. */
async function handMadeFloor(image: BuiltImage): Promise<number> {
  const work = await mkdtemp(join(tmpdir(), "bondc-bench-floor-"));
  try {
    const root = join(work, "root");
    await stageTree(image.tree.entries(), root);
    const r = await run(
      "sh",
      ["-c", "find . -mindepth 1 | LC_ALL=C sort | cpio -o -H newc --quiet | gzip -9 -n | wc -c"],
      {
        cwd: root,
      },
    );
    if (r.code !== 0)
      throw new Error(`cpio | gzip -9 failed: ${r.stderr.trim()} (is cpio installed? scripts/setup.sh)`);
    return Number(r.stdout.trim());
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

function mb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(2)} MB`;
}
