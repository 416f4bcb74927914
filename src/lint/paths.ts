import { statSync } from "node:fs";
import { join, resolve } from "node:path";
import { expandGlob, isGlob, isSkippedDir, sortedEntries } from "./glob.js";

export interface ExpandedPaths {
  /** .bond files to lint, each once, in argument order. */
  readonly files: readonly string[];
  /** Arguments that name nothing: a missing file or directory, or a glob that matches nothing. */
  readonly missing: readonly string[];
}

/** Every *.bond file below `dir`, skipping node_modules and hidden directories. */
function bondFilesIn(dir: string, out: string[]): void {
  for (const e of sortedEntries(dir)) {
    const path = join(dir, e.name);
    if (e.isDirectory()) {
      if (!isSkippedDir(e.name)) bondFilesIn(path, out);
    } else if (e.isFile() && e.name.endsWith(".bond")) {
      out.push(path);
    }
  }
}

/**
 * Turns lint arguments into files. A file is linted whatever its name (the user named it); a
 * directory contributes its *.bond files, recursively; a glob contributes what it matches, and
 * the directories it matches are searched like directory arguments.
 */
export function expandPaths(args: readonly string[]): ExpandedPaths {
  const files: string[] = [];
  const missing: string[] = [];
  const seen = new Set<string>();
  for (const arg of args) {
    const matches = isGlob(arg) ? expandGlob(arg) : statSync(arg, { throwIfNoEntry: false }) ? [arg] : [];
    if (matches.length === 0) missing.push(arg);
    for (const match of matches) {
      const found: string[] = [];
      if (statSync(match, { throwIfNoEntry: false })?.isDirectory()) bondFilesIn(match, found);
      else found.push(match);
      for (const file of found) {
        const key = resolve(file);
        if (seen.has(key)) continue;
        seen.add(key);
        files.push(file);
      }
    }
  }
  return { files, missing };
}
