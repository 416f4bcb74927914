import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import type { CheckResult } from "../api/check.js";
import { CheckSession } from "../api/session.js";
import { formatCount } from "./stats.js";

/*
 * Memory over a long editing session: what the server does per edit (its CheckSession's check,
 * keeping only the latest result, as the workspace does), in this process, with the heap
 * measured after a full collection every so often. Bounded means it stops growing.
 */

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

function heapMb(): number {
  gc();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

/** Heap after each tenth of `edits` edits: a comment line typed somewhere, or the one typed last removed. */
function session(text: string, edits: number): number[] {
  const session = new CheckSession("/bench/session.bond");
  let lines = text.split("\n");
  let latest: CheckResult = session.check(text);
  const heap = [heapMb()];
  let typedAt = -1;
  for (let i = 1; i <= edits; i++) {
    if (typedAt < 0) {
      typedAt = (i * 7919) % lines.length;
      lines = [...lines.slice(0, typedAt), `# edit ${i}`, ...lines.slice(typedAt)];
    } else {
      lines = [...lines.slice(0, typedAt), ...lines.slice(typedAt + 1)];
      typedAt = -1;
    }
    const next = lines.join("\n");
    latest = session.check(next);
    if (i % (edits / 10) === 0) heap.push(heapMb());
  }
  if (latest.diagnostics.length < 0) throw new Error("unreachable: keeps the last result alive until here");
  return heap;
}

export function editMemory(seed: string, large: string): string[] {
  const rows: [string, number, number[]][] = [
    ["examples/seed-general.bond", 10_000, session(seed, 10_000)],
    [`generated, ${large.split("\n").length} lines`, 1_000, session(large, 1_000)],
  ];
  return [
    "Heap (MB, after a full GC) over an editing session, in-process (a CheckSession, latest result kept):",
    ...rows.map(
      ([name, edits, heap]) => `  ${name}, ${formatCount(edits)} edits: ${heap.map((h) => h.toFixed(1)).join(" → ")}`,
    ),
  ];
}
