import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { CatalogEntry } from "./catalog.js";

/*
 * Where each catalog code's examples live: the failing one in examples/mistakes/ (shipped, and
 * printed by `bondc explain`) and its fixed twin in test/diagnostics/twins/ (embedded in
 * docs/diagnostics.md). The same relative path works from src/ and from dist/.
 */

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const mistakesDir = join(repoRoot, "examples", "mistakes");
export const twinsDir = join(repoRoot, "test", "diagnostics", "twins");

export function mistakePath(entry: CatalogEntry): string {
  return join(mistakesDir, `${entry.code}-${entry.slug}.bond`);
}

export function twinPath(entry: CatalogEntry): string {
  return join(twinsDir, `${entry.code}.bond`);
}

/** The file's text, or undefined when it does not exist (an installed bondc has no test/). */
export function readExample(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}
