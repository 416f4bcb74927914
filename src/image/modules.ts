// Finding the kernel modules the guest needs inside an unpacked lib/modules/<release> tree.
//
// There is no modules.dep in a `dpkg -x`'d kernel (depmod never ran), and busybox's insmod does
// not resolve dependencies anyway, so the guest loads plain files in a fixed dependency order.

import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { basename, join, relative } from "node:path";
import { run } from "./exec.js";

/**
 * Two virtio NICs plus bonding, in load order (each needs the ones before it). `tls` is there
 * only because Debian 6.1's bonding.ko depends on it (bond_main uses tls_device symbols).
 */
export const NIC_MODULES = [
  "virtio_ring",
  "virtio",
  "virtio_pci_legacy_dev",
  "virtio_pci_modern_dev",
  "virtio_pci",
  "failover",
  "net_failover",
  "virtio_net",
  "tls",
] as const;
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

/** The NFSv3 client, in load order (from each .ko's `depends=` on Debian's 6.1 cloud kernel). */
export const NFS_CLIENT_MODULES = ["sunrpc", "grace", "lockd", "nfs_acl", "netfs", "fscache", "nfs", "nfsv3"] as const;

/**
 * The `depends=` field of a module's .modinfo section: the modules it needs loaded first
 * (what depmod reads). Fields are NUL-separated `key=value` strings in the ELF file.
 */
export function moduleDepends(data: Buffer): string[] {
  const at = data.indexOf("\0depends=");
  if (at < 0) return [];
  const start = at + "\0depends=".length;
  const end = data.indexOf(0, start);
  return data
    .subarray(start, end < 0 ? data.length : end)
    .toString("latin1")
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
export function modulesDep(mods: readonly ModuleFile[]): string {
  const byName = new Map(mods.map((m) => [m.name, m]));
  const rel = (m: ModuleFile) => m.guestPath.split("/").slice(3).join("/");
  const lines: string[] = [];
  for (const m of mods) {
    // Post-order: every dependency before the modules that need it.
    const order: ModuleFile[] = [];
    const seen = new Set<string>([m.name]);
    const visit = (name: string, from: string) => {
      const dep = byName.get(name);
      if (!dep) throw new Error(`module ${from} needs ${name}, which is not shipped`);
      if (seen.has(name)) return;
      seen.add(name);
      for (const d of moduleDepends(dep.data)) visit(d, name);
      order.push(dep);
    };
    for (const d of moduleDepends(m.data)) visit(d, m.name);
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
