#!/usr/bin/env node
import { fileURLToPath } from "node:url";
import { userCacheDir } from "../cache-dir.js";
import { runBondc } from "./run.js";

/*
 * The shipped `bondc`, bundled by src/tools/bundle.ts into dist/bin/bondc.js: this entry, the
 * command list and --help, and nothing else, so `--version` parses no compiler. Each command is a
 * bundle of its own (dist/bin/NAME.cjs) loaded with the V8 code cache of earlier runs. The loader
 * is imported only then: the crypto and vm modules it needs are a tenth of `--version`'s time.
 */
runBondc(async (name) => {
  const { loadWithCodeCache } = await import("./code-cache.js");
  return loadWithCodeCache(fileURLToPath(new URL(`../bin/${name}.cjs`, import.meta.url)), userCacheDir("v8"));
});
