import { readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { CONFIG_FILE_NAME, ConfigError, defaultConfig, parseConfig, type ProjectConfig } from "./config.js";

/** The nearest bondc.json in `dir` or one of its parents, like .editorconfig or tsconfig.json. */
export function findConfig(dir: string): string | undefined {
  for (let at = resolve(dir); ; at = dirname(at)) {
    const candidate = join(at, CONFIG_FILE_NAME);
    if (statSync(candidate, { throwIfNoEntry: false })?.isFile()) return candidate;
    if (dirname(at) === at) return undefined;
  }
}

/**
 * The project root that governs `file` when no --root is given: the directory of the nearest
 * bondc.json above it; undefined without one (imports then stay in the file's own directory).
 */
export function configRoot(file: string): string | undefined {
  const config = findConfig(dirname(resolve(file)));
  return config === undefined ? undefined : dirname(config);
}

/**
 * The config named by `--config`, else the nearest bondc.json above `cwd`, else the defaults.
 * A named file that cannot be read is an error, not a silent fallback to the defaults.
 */
export function loadConfig(explicit: string | undefined, cwd: string): ProjectConfig {
  const file = explicit ?? findConfig(cwd);
  if (file === undefined) return defaultConfig;
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ConfigError([`cannot read config ${file}: ${code === "ENOENT" ? "no such file" : code ?? (e as Error).message}`]);
  }
  return parseConfig(text, file);
}
