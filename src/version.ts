import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The package's root directory, the parent of src/ and dist/ alike. */
export const packageRoot: string = resolve(dirname(fileURLToPath(import.meta.url)), "..");

const manifest = JSON.parse(readFileSync(resolve(packageRoot, "package.json"), "utf8")) as {
  version: string;
  homepage?: string;
};

/** The package version, read from package.json. */
export const version: string = manifest.version;

/** package.json's homepage, taken as the URL the repository's files are published under. */
export const homepage: string | undefined = manifest.homepage;
