import { rmSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build, type BuildOptions, type Plugin } from "esbuild";
import { commands } from "../cli/commands.js";

/*
 * `npm run build` step two: the shipped `bondc` (package.json's bin). Loading a few files instead of
 * a few hundred (chevrotain's lodash-es alone is hundreds) is most of bondc's cold start. Every
 * bundle is CommonJS, whole (code they share is in each):
 *  - dist/bin/bondc.js: the entry, the command list and --help, so `--version` loads no compiler;
 *    the code cache's loader in it is initialised (crypto, vm) only when a command runs. (An ES
 *    module entry costs Node's ES module loader, 5-8 ms of a 90 ms start.)
 *  - dist/bin/NAME.cjs, one per command: the entry loads the one it runs as a vm.Script with V8's
 *    code cache (src/cli/code-cache.ts), which Node 20 offers for scripts only, never for ES modules.
 * The library API stays tsc's dist/index.js for importers.
 */

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const outdir = join(repoRoot, "dist", "bin");

/*
 * A few modules find files relative to themselves (package.json, stdlib/, the shellcheck
 * wrapper). In the bundle each keeps the import.meta.url its tsc-compiled twin in dist/ has, so
 * that arithmetic holds in both builds. (The bundles therefore all live in one folder, dist/bin/.)
 */
const ownUrl: Plugin = {
  name: "own-import-meta-url",
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, async (args) => {
      const text = await readFile(args.path, "utf8");
      if (!text.includes("import.meta.url")) return undefined;
      const twin = join(repoRoot, "dist", relative(join(repoRoot, "src"), args.path)).replace(/\.ts$/, ".js");
      // A CommonJS bundle has no import.meta; its __filename is its own (the code cache's
      // wrapper passes it, as Node's does).
      const url = `new URL(${JSON.stringify(relative(outdir, twin).split("\\").join("/"))}, require("node:url").pathToFileURL(__filename)).href`;
      return { contents: text.replaceAll("import.meta.url", url), loader: "ts" };
    });
  },
};

const shared: BuildOptions = {
  outdir,
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node20",
  // Resolved at run time as a path (its bin script is spawned), never imported.
  external: ["shellcheck"],
  plugins: [ownUrl],
  logLevel: "warning",
};

// Start empty so no bundle of a command since removed is shipped.
rmSync(outdir, { recursive: true, force: true });
await build({
  ...shared,
  entryPoints: Object.fromEntries(
    commands.map((c) => [c.name, join(repoRoot, "src", "cli", "commands", `${c.name}.ts`)]),
  ),
  outExtension: { ".js": ".cjs" },
});
// The entry keeps the name package.json's bin has always had (npx's cache of a checkout links
// the bin it first saw, and does not link a renamed one); this folder's own package.json makes
// its .js CommonJS in a package of ES modules.
await build({ ...shared, entryPoints: { bondc: join(repoRoot, "src", "cli", "bin.ts") } });
writeFileSync(join(outdir, "package.json"), `${JSON.stringify({ type: "commonjs" })}\n`);
