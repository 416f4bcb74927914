import { check } from "../api/check.js";
import { compile } from "../api/compile.js";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { bootEntries, clusterBootNodes, type BootFile } from "../bootloader/index.js";
import { writeAllAtomically } from "../cli/io.js";
import { IMAGE_FILES, KERNEL_FILE } from "../image/build.js";
import { diskHost, type CompileHost } from "../semantic/sources.js";
import { clusterBond, clusterClientBond, clusterCsv } from "./inventory.js";
import { formatMs, median, sample } from "./stats.js";

/*
 * `npm run bench -- cluster`, in process on one core, beside the issue's goal of "seconds":
 * - a 10,000-node inventory read and checked (every cell as a literal, every fact across the rows);
 * - the clients' one program compiled: its /init holds every client's row (backend/node-lookup.ts);
 * - every client's boot-loader entries made (what `bondc build` writes beside the one image), with
 *   their bytes per node.
 */

const goal = "goal: a 10,000-node cluster in seconds on one core";

/** A host that serves the generated inventory as /bench/nodes.csv. */
function hostWith(csv: string): CompileHost {
  return {
    ...diskHost,
    root: "/bench",
    readFile: (path) => (path === "/bench/nodes.csv" ? csv : undefined),
    realPath: (path) => path,
  };
}

const timed = (run: () => unknown) => sample(run, { warmup: 2, runs: 10, budgetMs: 20_000, minRuns: 3 });
const perNode = (ms: number, nodes: number) => `${((ms * 1000) / nodes).toFixed(1)} µs`;

export async function benchCluster(): Promise<string[]> {
  const lines: string[] = [goal];
  for (const clients of [1_000, 10_000]) {
    const csv = clusterCsv(clients);
    const host = hostWith(csv);
    const run = () => check(clusterBond, "/bench/cluster.bond", host);
    const problems = run().diagnostics.length;
    if (problems > 0) throw new Error(`the generated inventory has ${problems} diagnostics`);
    const nodes = clients + 1;
    const ms = median(await timed(run));
    lines.push(
      `${nodes} nodes: inventory checked in ${formatMs(ms)} (${perNode(ms, nodes)} and ${(
        Buffer.byteLength(csv) / nodes
      ).toFixed(0)} CSV bytes per node)`,
    );
    lines.push(...(await benchClients(clients, host)));
  }
  return lines;
}

/** The clients' one image's script and every client's entries, for `clients` clients. */
async function benchClients(clients: number, host: CompileHost): Promise<string[]> {
  const compileClient = () => compile(clusterClientBond, "/bench/client.bond", host);
  const compiled = compileClient();
  if (!compiled.script) throw new Error(`the client program has ${compiled.diagnostics.length} diagnostics`);
  const compileMs = median(await timed(compileClient));
  const scriptBytes = Buffer.byteLength(compiled.script);
  const nodes = compiled.inventories.flatMap((i) => i.nodes.filter((n) => n.role === "client"));
  const entries = () =>
    bootEntries(
      clusterBootNodes(compiled.program, nodes, {
        kernel: KERNEL_FILE,
        initrd: IMAGE_FILES.initramfs,
        append: ["console=ttyS0"],
      }),
    );
  const files = entries();
  const bytes = files.reduce((sum, f) => sum + Buffer.byteLength(f.content), 0);
  const entriesMs = median(await timed(entries));
  const writeMs = writeOnce(files);
  return [
    `  ${clients} clients' one program compiled in ${formatMs(compileMs)} (${perNode(compileMs, clients)} per client); its /init ${(scriptBytes / 1024).toFixed(0)} KiB (${(scriptBytes / clients).toFixed(0)} bytes per client)`,
    `  ${clients} clients' boot-loader entries made in ${formatMs(entriesMs)} (${perNode(entriesMs, clients)} per client): ${files.length} files, ${(bytes / clients).toFixed(0)} bytes per client`,
    `  ... and written as bondc build writes them (temporaries renamed into place) in ${formatMs(writeMs)} (${perNode(writeMs, clients)} per client; once, to the temp folder)`,
  ];
}

/** Milliseconds to write the entries into a fresh temporary folder as `bondc build` does; the folder is removed. */
function writeOnce(files: readonly BootFile[]): number {
  const out = mkdtempSync(join(tmpdir(), "bondc-bench-entries-"));
  try {
    for (const d of new Set(files.map((f) => join(out, dirname(f.path))))) mkdirSync(d, { recursive: true });
    const started = performance.now();
    writeAllAtomically(files.map((f) => ({ path: join(out, f.path), data: f.content, mode: 0o644, flush: false })));
    return performance.now() - started;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
