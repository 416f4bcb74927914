import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { CatalogEntry } from "./catalog.js";

/*
 * Where each catalog code's examples live: the failing one in examples/mistakes/ (shipped, and
 * printed by `bondc explain`) and its fixed twin in examples/fixed/ (printed after it, and embedded in
 * docs/diagnostics.md). The same relative path works from src/ and from dist/.
 */

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const mistakesDir = join(repoRoot, "examples", "mistakes");
export const twinsDir = join(repoRoot, "examples", "fixed");

export function mistakePath(entry: CatalogEntry): string {
  return join(mistakesDir, `${entry.code}-${entry.slug}.bond`);
}

export function twinPath(entry: CatalogEntry): string {
  return join(twinsDir, `${entry.code}.bond`);
}

/** The inventory CSV beside an example, named like it (examples of the inventory's own codes have one). */
export function inventoryBeside(examplePath: string): string {
  return examplePath.replace(/\.bond$/, ".csv");
}

/** The file's text, or undefined when it does not exist (a code without an example, BOND0901). */
export function readExample(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}
