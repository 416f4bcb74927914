import { rmSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build, type BuildOptions, type Plugin } from "esbuild";
import { commands } from "../cli/commands.js";

/*
 * `npm run build` step two: the shipped `bondc` (package.json's bin). Loading a few files instead of
 * a few hundred (chevrotain's lodash-es alone is hundreds) is most of bondc's cold start.
 *  - dist/bin/bondc.js, an ES module: the entry, the command list and --help, so `--version` loads
 *    no compiler; and beside it, in a chunk loaded when a command runs, the code cache's loader.
 *  - dist/bin/NAME.cjs, one CommonJS bundle per command, whole (code they share is in each): the
 *    entry loads the one it runs as a vm.Script with V8's code cache (src/cli/code-cache.ts),
 *    which Node 20 offers for scripts only, never for ES modules.
 * The library API stays tsc's dist/index.js for importers.
 */

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const outdir = join(repoRoot, "dist", "bin");

/*
 * A few modules find files relative to themselves (package.json, stdlib/, the shellcheck
 * wrapper). In the bundle each keeps the import.meta.url its tsc-compiled twin in dist/ has, so
 * that arithmetic holds in both builds. (The bundles therefore all live in one folder, dist/bin/.)
 */
function ownUrl(format: "esm" | "cjs"): Plugin {
  // A command bundle has no import.meta, but its wrapper passes __filename, as Node's does.
  const here = format === "esm" ? "import.meta.url" : 'require("node:url").pathToFileURL(__filename)';
  return {
    name: "own-import-meta-url",
    setup(b) {
      b.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, async (args) => {
        const text = await readFile(args.path, "utf8");
        if (!text.includes("import.meta.url")) return undefined;
        const twin = join(repoRoot, "dist", relative(join(repoRoot, "src"), args.path)).replace(/\.ts$/, ".js");
        const url = `new URL(${JSON.stringify(relative(outdir, twin).split("\\").join("/"))}, ${here}).href`;
        return { contents: text.replaceAll("import.meta.url", url), loader: "ts" };
      });
    },
  };
}

const shared: BuildOptions = {
  bundle: true,
  platform: "node",
  target: "node20",
  // Resolved at run time as a path (its bin script is spawned), never imported.
  external: ["shellcheck"],
  logLevel: "warning",
};

// Start empty so no bundle of a command since removed is shipped.
rmSync(outdir, { recursive: true, force: true });
await build({
  ...shared,
  entryPoints: { bondc: join(repoRoot, "src", "cli", "bin.ts") },
  outdir,
  format: "esm",
  splitting: true,
  plugins: [ownUrl("esm")],
});
await build({
  ...shared,
  entryPoints: Object.fromEntries(
    commands.map((c) => [c.name, join(repoRoot, "src", "cli", "commands", `${c.name}.ts`)]),
  ),
  outdir,
  outExtension: { ".js": ".cjs" },
  format: "cjs",
  plugins: [ownUrl("cjs")],
});
