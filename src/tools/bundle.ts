import { rmSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build, type Plugin } from "esbuild";

/*
 * `npm run build` step two: the CLI (which is also the language server) as one ES-module bundle,
 * dist/bin/bondc.js, the package's `bin`. Loading one file instead of a few hundred (chevrotain's
 * lodash-es alone is hundreds) is most of bondc's cold start. Code splitting keeps what main.ts
 * imports on demand on demand: each command, and the parser behind it, is its own chunk, so
 * `--version` loads none of them. The library API stays tsc's dist/index.js for importers.
 */

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const outdir = join(repoRoot, "dist", "bin");

/*
 * A few modules find files relative to themselves (package.json, stdlib/, the shellcheck
 * wrapper). In the bundle each keeps the import.meta.url its tsc-compiled twin in dist/ has, so
 * that arithmetic holds in both builds. (Chunks therefore stay beside the entry, in dist/bin/.)
 */
const ownUrl: Plugin = {
  name: "own-import-meta-url",
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, async (args) => {
      const text = await readFile(args.path, "utf8");
      if (!text.includes("import.meta.url")) return undefined;
      const twin = join(repoRoot, "dist", relative(join(repoRoot, "src"), args.path)).replace(/\.ts$/, ".js");
      const url = `new URL(${JSON.stringify(relative(outdir, twin).split("\\").join("/"))}, import.meta.url).href`;
      return { contents: text.replaceAll("import.meta.url", url), loader: "ts" };
    });
  },
};

// Chunk names carry content hashes: start empty so no stale chunk is shipped.
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: { bondc: join(repoRoot, "src", "cli", "bin.ts") },
  outdir,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  // vscode-languageserver is CommonJS and requires node built-ins, which an ES module can only
  // do through a require of its own.
  banner: {
    js: 'import { createRequire as bondcCreateRequire } from "node:module"; const require = bondcCreateRequire(import.meta.url);',
  },
  // Resolved at run time as a path (its bin script is spawned), never imported.
  external: ["shellcheck"],
  plugins: [ownUrl],
  logLevel: "warning",
});
