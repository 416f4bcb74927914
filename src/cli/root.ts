import { statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { configRoot } from "../config/load.js";
import { diskHost, type CompileHost } from "../semantic/sources.js";
import { UsageError } from "./io.js";

/**
 * The project root a command confines imports to: --root when given, else the directory of the
 * bondc.json that governs the files, else undefined (each file's own directory, the host's default).
 */
export function importRoot(explicit: string | undefined, configFile: string | undefined): string | undefined {
  if (explicit !== undefined) {
    const root = resolve(explicit);
    if (!statSync(root, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`--root ${explicit}: no such directory`);
    return root;
  }
  return configFile === undefined ? undefined : dirname(resolve(configFile));
}

/** The disk host for compiling `file` with imports confined to the project root. */
export function hostFor(file: string, explicitRoot: string | undefined): CompileHost {
  const root = explicitRoot === undefined ? configRoot(file) : importRoot(explicitRoot, undefined);
  return root === undefined ? diskHost : { ...diskHost, root };
}
