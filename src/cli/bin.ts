#!/usr/bin/env node
import module from "node:module";

/*
 * The shipped `bondc` (bundled by src/tools/bundle.ts into dist/bin/bondc.js). Node 22.1+ can keep
 * the V8 code cache of the modules it compiles on disk; turning it on before main and its lazily
 * loaded commands are imported makes every later start skip their compilation. Node 20 has no
 * such switch (and no code cache for ES modules at all), so there it is a no-op.
 */
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
await import("./main.js");
