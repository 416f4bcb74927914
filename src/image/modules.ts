// Finding the kernel modules a node needs inside a lib/modules/<release> tree, with their
// dependencies (resolveModules), and writing the modules.dep and modules.alias the node's modprobe
// reads. A `dpkg -x`'d kernel has no modules.dep (depmod never ran), so dependencies then come from
// each module's own .modinfo `depends=`, which is what depmod reads too.

import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { basename, join, relative } from "node:path";
import { ImageError } from "./errors.js";
import { run } from "./exec.js";

export const BONDING_MODULE = "bonding";

export interface ModuleFile {
  /** Module name as insmod/lsmod know it ("virtio_net"). */
  name: string;
  /** Path inside the guest, e.g. lib/modules/<release>/kernel/drivers/net/virtio_net.ko. */
  guestPath: string;
  /** Uncompressed module contents. */
  data: Buffer;
}

export interface ModuleSet {
  release: string;
  found: ModuleFile[];
  /** Names that are compiled into the kernel (modules.builtin): nothing to load. */
  builtin: string[];
  /** Names neither shipped as a file nor built in. */
  missing: string[];
}

/**
 * Looks up each wanted module under `modulesDir` (a lib/modules/<release> folder, or a folder
 * holding exactly one of those). Debian 12 ships plain `.ko` files (CONFIG_MODULE_COMPRESS_NONE);
 * other kernels may ship `.ko.xz`/`.ko.zst`, which busybox insmod cannot load, so those are
 * decompressed on the host with xz/zstd and stored in the guest as plain `.ko`.
 */
export async function collectModules(modulesDir: string, wanted: readonly string[]): Promise<ModuleSet> {
  const dir = await releaseDir(modulesDir);
  const release = basename(dir);
  const index = await indexModules(dir);
  const builtinNames = await readBuiltin(dir);
  const found: ModuleFile[] = [];
  const builtin: string[] = [];
  const missing: string[] = [];
  for (const name of wanted) {
    const key = canonical(name);
    const file = index.get(key);
    if (file) {
      found.push({
        name: key,
        guestPath: stripCompression(join("lib/modules", release, relative(dir, file))),
        data: await readModule(file),
      });
    } else if (builtinNames.has(key)) builtin.push(key);
    else missing.push(key);
  }
  return { release, found, builtin, missing };
}

/** Module names treat "-" and "_" alike (the kernel does). */
export function canonical(name: string): string {
  return name.replace(/-/g, "_");
}

async function releaseDir(modulesDir: string): Promise<string> {
  if (existsSync(join(modulesDir, "kernel")) || existsSync(join(modulesDir, "modules.builtin"))) return modulesDir;
  const subs = (await readdir(modulesDir, { withFileTypes: true })).filter((d) => d.isDirectory());
  const candidates = subs.filter((d) => existsSync(join(modulesDir, d.name, "kernel")));
  if (candidates.length === 1 && candidates[0]) return join(modulesDir, candidates[0].name);
  throw new Error(
    `${modulesDir} is not a lib/modules/<release> folder (no kernel/ inside)` +
      (candidates.length > 1 ? ` and holds several releases: ${candidates.map((c) => c.name).join(", ")}` : ""),
  );
}

const MODULE_FILE = /\.ko(\.xz|\.zst|\.gz)?$/;

async function indexModules(dir: string): Promise<Map<string, string>> {
  const index = new Map<string, string>();
  const walk = async (d: string): Promise<void> => {
    for (const ent of await readdir(d, { withFileTypes: true })) {
      const p = join(d, ent.name);
      if (ent.isDirectory()) await walk(p);
      else if (MODULE_FILE.test(ent.name)) {
        const key = canonical(ent.name.replace(MODULE_FILE, ""));
        if (!index.has(key)) index.set(key, p);
      }
    }
  };
  if (existsSync(join(dir, "kernel"))) await walk(join(dir, "kernel"));
  if (existsSync(join(dir, "updates"))) await walk(join(dir, "updates"));
  return index;
}

async function readBuiltin(dir: string): Promise<Set<string>> {
  const f = join(dir, "modules.builtin");
  if (!existsSync(f)) return new Set();
  const lines = (await readFile(f, "utf8")).split("\n").filter(Boolean);
  return new Set(lines.map((l) => canonical(basename(l).replace(MODULE_FILE, ""))));
}

async function readModule(file: string): Promise<Buffer> {
  if (file.endsWith(".ko")) return readFile(file);
  if (file.endsWith(".gz")) return (await import("node:zlib")).gunzipSync(await readFile(file));
  const tool = file.endsWith(".xz") ? "xz" : "zstd";
  const r = await run(tool, ["-dc", file], { binary: true });
  if (r.code !== 0) throw new Error(`${tool} -dc ${file} failed: ${r.stderr.trim()}`);
  return r.bytes;
}

function stripCompression(p: string): string {
  return p.replace(/\.ko\.(xz|zst|gz)$/, ".ko");
}

/**
 * The `depends=` field of a module's .modinfo section: the modules it needs loaded first
 * (what depmod reads). Fields are NUL-separated `key=value` strings in the ELF file.
 */
export function moduleDepends(data: Buffer): string[] {
  return (moduleField(data, "depends") ?? "")
    .split(",")
    .map((s) => canonical(s.trim()))
    .filter(Boolean);
}

/**
 * A modules.dep for the shipped modules, as depmod writes it: `kernel/…/a.ko: dep.ko dep-of-dep.ko`,
 * every line listing all dependencies transitively, the ones to load last first (modprobe loads
 * the list from its end). Paths are relative to lib/modules/<release>. Throws when a shipped
 * module needs one that is not shipped (the guest's modprobe would fail in a confusing way).
 */
export function modulesDep<M extends ModuleFile>(
  mods: readonly M[],
  depsOf: (m: M) => readonly string[] = (m) => moduleDepends(m.data),
): string {
  const byName = new Map(mods.map((m) => [m.name, m]));
  const rel = (m: ModuleFile) => m.guestPath.split("/").slice(3).join("/");
  const lines: string[] = [];
  for (const m of mods) {
    // Post-order: every dependency before the modules that need it.
    const order: M[] = [];
    const seen = new Set<string>([m.name]);
    const visit = (name: string, from: string) => {
      const dep = byName.get(name);
      if (!dep) throw new Error(`module ${from} needs ${name}, which is not shipped`);
      if (seen.has(name)) return;
      seen.add(name);
      for (const d of depsOf(dep)) visit(d, name);
      order.push(dep);
    };
    for (const d of depsOf(m)) visit(d, m.name);
    lines.push(
      `${rel(m)}:${order
        .reverse()
        .map((d) => ` ${rel(d)}`)
        .join("")}`,
    );
  }
  return lines.length ? `${lines.join("\n")}\n` : "";
}

/** Every `alias=` of a module's .modinfo (`fs-nfs`, `rtnl-link-bond`, `pci:v…`). */
export function moduleAliases(data: Buffer): string[] {
  const out: string[] = [];
  let at = data.indexOf("\0alias=");
  while (at >= 0) {
    const start = at + "\0alias=".length;
    const end = data.indexOf(0, start);
    const alias = data.subarray(start, end < 0 ? data.length : end).toString("latin1");
    if (alias && !/\s/.test(alias)) out.push(alias);
    at = data.indexOf("\0alias=", start);
  }
  return out;
}

/**
 * A modules.alias for the shipped modules (`alias fs-nfs nfs`), as depmod writes it. The kernel
 * asks /sbin/modprobe for aliases on its own: `mount -t nfs` requests `fs-nfs`, and busybox's
 * modprobe resolves it through this file.
 */
export function modulesAlias(mods: readonly ModuleFile[]): string {
  const lines = mods.flatMap((m) => moduleAliases(m.data).map((a) => `alias ${a} ${m.name}`));
  return lines.length ? `${lines.join("\n")}\n` : "";
}

/** A module bondc ships, with what it needs loaded first. */
export interface ResolvedModule extends ModuleFile {
  /** Direct dependencies (module names), from modules.dep or the module's `depends=`. */
  readonly deps: readonly string[];
  /** Host file it was read from. */
  readonly source: string;
}

export interface ResolvedModules {
  release: string;
  /** Every module to ship, in an order that loads each after its dependencies. */
  modules: ResolvedModule[];
  /** Wanted names the kernel has built in (modules.builtin): nothing to ship. */
  builtin: string[];
  /** Where the dependencies came from. */
  depSource: "modules.dep" | "modinfo";
}

/**
 * The modules `wanted` names plus everything they depend on, from a lib/modules/<release> folder:
 * its modules.dep when depmod ran, else each module's own `depends=` (a `dpkg -x`'d kernel has no
 * modules.dep). Every shipped module must have been built for `release` (its vermagic), or the
 * kernel refuses it at boot with only "Invalid module format". Throws ImageError (flag --modules)
 * for a module that is neither there nor built in, a dependency that is missing, and a vermagic
 * for another kernel.
 */
export async function resolveModules(
  modulesDir: string,
  wanted: readonly { name: string; why: string }[],
  release?: string,
): Promise<ResolvedModules> {
  const dir = await releaseDir(modulesDir).catch((e: Error) => {
    throw new ImageError(e.message, "--modules");
  });
  const kernel = release ?? basename(dir);
  const dep = await readModulesDep(dir);
  const index = dep ? new Map([...dep].map(([name, d]) => [name, join(dir, d.path)])) : await indexModules(dir);
  const builtinNames = await readBuiltin(dir);
  const byName = new Map<string, ResolvedModule>();
  const order: ResolvedModule[] = [];
  const builtin: string[] = [];

  const visit = async (name: string, why: string, path: readonly string[]): Promise<void> => {
    if (byName.has(name)) return;
    if (path.includes(name))
      throw new ImageError(`modules ${[...path, name].join(" → ")} depend on each other in a cycle`);
    const file = index.get(name);
    if (!file) {
      if (builtinNames.has(name)) {
        if (!builtin.includes(name)) builtin.push(name);
        return;
      }
      throw new ImageError(
        `module ${name} (${why}) is neither in ${dir} nor built into the kernel (modules.builtin)`,
        "--modules",
      );
    }
    if (!existsSync(file)) throw new ImageError(`${dir}/modules.dep lists ${file}, which does not exist`, "--modules");
    const data = await readModule(file);
    const magic = moduleField(data, "vermagic")?.split(" ")[0];
    if (magic !== undefined && magic !== kernel)
      throw new ImageError(
        `module ${name} (${file}) was built for kernel ${magic}, not ${kernel}: the kernel would refuse it ("Invalid module format"); pass the lib/modules folder of the kernel you boot`,
        "--modules",
      );
    const deps = dep ? (dep.get(name)?.deps ?? []) : moduleDepends(data);
    for (const d of deps) await visit(d, `needed by ${name}`, [...path, name]);
    const m: ResolvedModule = {
      name,
      guestPath: stripCompression(join("lib/modules", kernel, relative(dir, file))),
      data,
      deps,
      source: file,
    };
    byName.set(name, m);
    order.push(m);
  };
  for (const w of wanted) await visit(canonical(w.name), w.why, []);
  return { release: kernel, modules: order, builtin, depSource: dep ? "modules.dep" : "modinfo" };
}

/** modules.dep as depmod writes it (`kernel/a.ko: kernel/b.ko …`), by module name; undefined when absent. */
async function readModulesDep(dir: string): Promise<Map<string, { path: string; deps: string[] }> | undefined> {
  const file = join(dir, "modules.dep");
  if (!existsSync(file)) return undefined;
  const out = new Map<string, { path: string; deps: string[] }>();
  const nameOf = (p: string) => canonical(basename(p).replace(MODULE_FILE, ""));
  for (const line of (await readFile(file, "utf8")).split("\n")) {
    const colon = line.indexOf(":");
    if (colon < 0) continue;
    const path = line.slice(0, colon).trim();
    const deps = line
      .slice(colon + 1)
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(nameOf);
    out.set(nameOf(path), { path, deps });
  }
  return out;
}

/** One `key=value` field of a module's .modinfo section (the first, for keys that repeat). */
export function moduleField(data: Buffer, key: string): string | undefined {
  const at = data.indexOf(`\0${key}=`);
  if (at < 0) return undefined;
  const start = at + key.length + 2;
  const end = data.indexOf(0, start);
  return data.subarray(start, end < 0 ? data.length : end).toString("latin1");
}
