import { readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The checkout's root, whatever directory the tests were started from. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

export interface Example {
  /** File name without .bond: `active-backup`. */
  readonly name: string;
  /** Absolute path. */
  readonly path: string;
  readonly text: string;
}

/** The target an example's file names (`target linuxrc { … }`), or linuxrc, the default. */
export function targetOf(example: Example): string {
  return /^target\s+([A-Za-z0-9_-]+)/m.exec(example.text)?.[1] ?? "linuxrc";
}

/** Every examples/*.bond (the realistic ones; examples/mistakes/ holds deliberately broken files). */
export function examples(): Example[] {
  const dir = join(repoRoot, "examples");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".bond"))
    .sort()
    .map((f) => {
      const path = join(dir, f);
      return { name: basename(f, ".bond"), path, text: readFileSync(path, "utf8") };
    });
}
