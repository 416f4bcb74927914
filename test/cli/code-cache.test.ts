import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ensureBuilt } from "../support/bondc.js";
import { repoRoot } from "../support/repo.js";

/*
 * The command bundles' code cache (src/cli/code-cache.ts), in real Node processes: the cache is
 * written when a process exits, and read by the next one.
 */

const loader = pathToFileURL(join(repoRoot, "dist", "cli", "code-cache.js")).href;
let dir: string;
let bundle: string;
let cacheDir: string;

/** A new node process that loads `bundle` through the cache and prints what it exports. */
function load(env: Record<string, string> = {}): string {
  const program = `import { loadWithCodeCache } from ${JSON.stringify(loader)};
    console.log(loadWithCodeCache(${JSON.stringify(bundle)}, ${JSON.stringify(cacheDir)}));`;
  const childEnv = { ...process.env, ...env };
  if (!("NODE_DISABLE_COMPILE_CACHE" in env)) delete childEnv["NODE_DISABLE_COMPILE_CACHE"];
  return execFileSync(process.execPath, ["--input-type=module", "-e", program], { env: childEnv, encoding: "utf8" });
}

const cacheFiles = () => readdirSync(cacheDir).map((f) => join(cacheDir, f));
const sha256 = (text: string) => createHash("sha256").update(text).digest();

beforeAll(() => ensureBuilt());
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "bondc-code-cache-"));
  bundle = join(dir, "command.cjs");
  cacheDir = join(dir, "cache");
  writeFileSync(bundle, 'module.exports = "first " + require("node:path").basename(__filename);\n');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("the code cache of a command bundle", () => {
  it("is written on the first run, tagged with the source's digest, and taken as it is by the next", () => {
    expect(load()).toBe("first command.cjs\n");
    const [cache] = cacheFiles();
    expect(cacheFiles()).toHaveLength(1);
    const bytes = readFileSync(cache!);
    expect(bytes.subarray(0, 32).equals(sha256(readFileSync(bundle, "utf8")))).toBe(true);
    expect(bytes.length).toBeGreaterThan(32);
    const written = statSync(cache!).mtimeMs;

    expect(load()).toBe("first command.cjs\n");
    // V8 accepted it, so it was not written again.
    expect(statSync(cache!).mtimeMs).toBe(written);
  });

  it("is not used for a rebuilt bundle, even one of the same length, and is written anew", () => {
    load();
    writeFileSync(bundle, 'module.exports = "again " + require("node:path").basename(__filename);\n');
    expect(load()).toBe("again command.cjs\n");
    expect(cacheFiles()).toHaveLength(1);
    expect(
      readFileSync(cacheFiles()[0]!)
        .subarray(0, 32)
        .equals(sha256(readFileSync(bundle, "utf8"))),
    ).toBe(true);
  });

  it("is neither read nor written under NODE_DISABLE_COMPILE_CACHE", () => {
    expect(load({ NODE_DISABLE_COMPILE_CACHE: "1" })).toBe("first command.cjs\n");
    expect(() => readdirSync(cacheDir)).toThrow();
  });

  it("names its bundle, and the caches of bundles no longer there are removed when one is written", () => {
    load();
    const [cache] = cacheFiles();
    const named = readFileSync(cache!);
    expect(named.subarray(34, 34 + named.readUInt16LE(32)).toString("utf8")).toBe(bundle);
    // A checkout deleted since its cache was written, and a file that is no cache of bondc's.
    const gone = join(dir, "deleted-checkout", "command.cjs");
    const header = Buffer.alloc(34);
    header.writeUInt16LE(Buffer.byteLength(gone), 32);
    writeFileSync(join(cacheDir, "command.cjs-0000000000000000.v8"), Buffer.concat([header, Buffer.from(gone), named]));
    writeFileSync(join(cacheDir, "stray.v8"), "not a cache\n");
    writeFileSync(bundle, 'module.exports = "again " + require("node:path").basename(__filename);\n');
    expect(load()).toBe("again command.cjs\n");
    expect(cacheFiles()).toEqual([cache]);
  });

  it("costs nothing but itself when it cannot be written", () => {
    writeFileSync(cacheDir, "a file where the cache folder should be\n");
    expect(load()).toBe("first command.cjs\n");
    expect(readFileSync(cacheDir, "utf8")).toBe("a file where the cache folder should be\n");
  });
});
