import { createHash } from "node:crypto";
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, join } from "node:path";
import { Script } from "node:vm";

/*
 * Loads one of the shipped command bundles (dist/bin/NAME.cjs) with V8's code cache kept on disk,
 * on every Node version bondc supports. Compiling the JavaScript of `bondc compile` is a third of
 * its cold start, and Node 20 keeps no code cache for files it loads itself (Node 22.1's
 * module.enableCompileCache does, for modules only). A vm.Script takes the cache V8 serialized on an
 * earlier run; the cache is written when the process exits, so it also holds every function that
 * run compiled lazily (made right after compiling, it holds only the top level, and saves little).
 *
 * One cache file per bundle and Node build (V8 rejects a cache from another V8 or other flags, and
 * the loader then writes a new one). V8 checks a cache against the source's length only, so the
 * file starts with the source's SHA-256, and a bundle rebuilt to a new text of the same length is
 * compiled afresh rather than run as the old bytecode. Then comes the bundle's path: writing a
 * cache removes those of bundles no longer there (a checkout deleted, an npx install of an older
 * version cleaned away), so the folder does not grow with every install. NODE_DISABLE_COMPILE_CACHE,
 * Node's own switch for its cache, turns this one off too. A cache that cannot be written is not
 * an error.
 */

const digestBytes = 32;

/** The file's header: the source's digest, the bundle's path's length (2 bytes) and the path. */
function header(digest: Buffer, file: string): Buffer {
  const path = Buffer.from(file, "utf8");
  const length = Buffer.alloc(2);
  length.writeUInt16LE(path.length);
  return Buffer.concat([digest, length, path]);
}

export function loadWithCodeCache(file: string, cacheDir: string, env: NodeJS.ProcessEnv = process.env): unknown {
  const source = readFileSync(file, "utf8");
  const module = { exports: {} as unknown };
  // The bundle is CommonJS: run it as Node would, wrapped in the function that provides its require.
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  const cache = env["NODE_DISABLE_COMPILE_CACHE"]
    ? undefined
    : {
        file: join(cacheDir, `${basename(file)}-${cacheKey(file)}.v8`),
        head: header(createHash("sha256").update(source).digest(), file),
      };
  const stored = cache && readCache(cache.file, cache.head);
  const script = new Script(wrapped, { filename: file, ...(stored && { cachedData: stored }) });
  if (cache && (!stored || script.cachedDataRejected)) {
    process.once("exit", () => writeCache(cache.file, cache.head, script.createCachedData()));
  }
  const init = script.runInThisContext() as (...args: unknown[]) => void;
  init(module.exports, createRequire(file), module, file, dirname(file));
  return module.exports;
}

/** Which install and which Node build the cache belongs to (not the content: that is the digest). */
function cacheKey(file: string): string {
  return createHash("sha256")
    .update(`${file}\0${process.version}\0${process.arch}\0${process.execArgv.join(" ")}`)
    .digest("hex")
    .slice(0, 16);
}

function readCache(cacheFile: string, head: Buffer): Buffer | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(cacheFile);
  } catch {
    return undefined;
  }
  const matches = bytes.length > head.length && bytes.subarray(0, head.length).equals(head);
  return matches ? bytes.subarray(head.length) : undefined;
}

function writeCache(cacheFile: string, head: Buffer, data: Buffer): void {
  // Written aside and renamed, so a bondc starting meanwhile reads the old cache or the new one.
  const aside = `${cacheFile}.${process.pid}`;
  let asideWritten = false;
  try {
    mkdirSync(dirname(cacheFile), { recursive: true });
    writeFileSync(aside, Buffer.concat([head, data]));
    asideWritten = true;
    renameSync(aside, cacheFile);
  } catch {
    // A read-only or full cache directory only costs the next start its compile time.
    if (asideWritten) rmSync(aside, { force: true });
    return;
  }
  pruneOrphans(dirname(cacheFile));
}

/** Removes the caches in `dir` whose bundle is gone, or that are not one of these files at all. */
function pruneOrphans(dir: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.endsWith(".v8")) continue;
    const path = join(dir, name);
    try {
      const bundle = bundleOf(path);
      if (bundle === undefined || !existsSync(bundle)) rmSync(path, { force: true });
    } catch {
      // Removed or replaced by another bondc meanwhile: its business.
    }
  }
}

/** The bundle path a cache file's header names; undefined when it has none. */
function bundleOf(cacheFile: string): string | undefined {
  const fd = openSync(cacheFile, "r");
  try {
    const start = Buffer.alloc(digestBytes + 2);
    if (readSync(fd, start, 0, start.length, 0) < start.length) return undefined;
    const path = Buffer.alloc(start.readUInt16LE(digestBytes));
    if (readSync(fd, path, 0, path.length, start.length) < path.length) return undefined;
    const named = path.toString("utf8");
    return named.startsWith("/") || /^[A-Za-z]:[\\/]/.test(named) ? named : undefined;
  } finally {
    closeSync(fd);
  }
}
