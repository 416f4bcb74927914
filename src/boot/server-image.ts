// The cluster's server VM's initramfs: two gzip'd newc archives, concatenated (the kernel unpacks
// them in order, the second's files over the first's).
//
// The first, `buildServerImage`, is the same bytes for the same inputs (src/image's builder: paths
// in byte order, every mtime 0, gzip without name or time): Debian's cloud kernel's NIC drivers,
// bonding and nfsd with their dependencies and a modules.dep for busybox's modprobe, stock busybox
// with every applet, Debian's rpcbind/rpcinfo (rpcbind) and rpc.mountd/rpc.nfsd/exportfs
// (nfs-kernel-server) unpacked from their packages into bondc's user cache (fetchPackage), with
// the loader and shared libraries they name read from the host (the same Debian release:
// scripts/setup.sh installs them), the few /etc files they read, and the harness's /init
// (server-init.ts). Nothing in it is patched.
//
// The second, `serverRunArchive`, is what one run adds: cluster.conf, /etc/exports, the server's
// generated script, the clients' NFS roots (nfs-root.ts, built in host folders) and, for a network
// boot, what the clients fetch and udhcpd's config.

import { lstat, readdir, readFile, readlink } from "node:fs/promises";
import { join, posix } from "node:path";
import { assemble, serialise, type BuiltImage, type ImagePlan } from "../image/build.js";
import { CpioWriter } from "../image/cpio.js";
import { addHostBinary } from "../image/host-binary.js";
import type { NodeKernel } from "../image/kernel.js";
import { BONDING_MODULE } from "../image/modules.js";
import { defaultCacheDir, fetchPackage, type PackageOptions } from "../image/packages.js";
import { NIC_DRIVERS } from "./init-initramfs.js";
import { SERVER_FILES, serverInitScript } from "./server-init.js";

/** Debian's NFS server userland: package, path in it, path in the image. */
const NFS_PROGRAMS: readonly { pkg: string; path: string }[] = [
  { pkg: "rpcbind", path: "sbin/rpcbind" },
  { pkg: "rpcbind", path: "usr/bin/rpcinfo" },
  { pkg: "nfs-kernel-server", path: "usr/sbin/rpc.mountd" },
  { pkg: "nfs-kernel-server", path: "usr/sbin/rpc.nfsd" },
  { pkg: "nfs-kernel-server", path: "usr/sbin/exportfs" },
];

/**
 * What the programs read from /etc: rpcbind drops to its user `_rpc` (passwd, group); libtirpc
 * finds its transports in netconfig (libtirpc-common's file) and rpcbind's port by the service
 * name `sunrpc` (without it in services, `rpcinfo -p 127.0.0.1` says "RPC: Unknown host");
 * glibc's lookups read nsswitch.conf and hosts.
 */
const ETC: Readonly<Record<string, string>> = {
  "etc/passwd": "root:x:0:0:root:/root:/bin/sh\n_rpc:x:100:65534::/run/rpcbind:/usr/sbin/nologin\n",
  "etc/group": "root:x:0:\nnogroup:x:65534:\n",
  "etc/nsswitch.conf": "passwd: files\ngroup: files\nhosts: files\n",
  "etc/hosts": "127.0.0.1 localhost\n",
  "etc/services": "sunrpc 111/tcp portmapper\nsunrpc 111/udp portmapper\n",
  "etc/netconfig": [
    "udp        tpi_clts      v     inet     udp     -       -",
    "tcp        tpi_cots_ord  v     inet     tcp     -       -",
    "udp6       tpi_clts      v     inet6    udp     -       -",
    "tcp6       tpi_cots_ord  v     inet6    tcp     -       -",
    "rawip      tpi_raw       -     inet      -      -       -",
    "local      tpi_cots_ord  -     loopback  -      -       -",
    "unix       tpi_cots_ord  -     loopback  -      -       -",
    "",
  ].join("\n"),
  "etc/exports": "",
};

export interface ServerImageInputs {
  readonly kernel: NodeKernel;
  readonly busybox: string;
  readonly packages?: PackageOptions;
}

/** The server VM's image without what a run adds (deterministic; see above). */
export async function buildServerImage(inputs: ServerImageInputs): Promise<BuiltImage> {
  const plan: ImagePlan = {
    kind: "initramfs",
    tools: "busybox",
    entryPath: "/init",
    artifacts: [{ path: "/init", mode: 0o755, content: serverInitScript() }],
    from: "bondc's boot harness (src/boot/server-init.ts)",
    byName: ["sh"],
    byPath: [],
    modules: [
      { name: BONDING_MODULE, why: "the server's script bonds" },
      { name: "nfsd", why: "the clients' NFS roots" },
    ],
  };
  const build = { kernel: inputs.kernel, busybox: inputs.busybox, extraModules: NIC_DRIVERS };
  const { tree, modules } = await assemble(plan, build);
  const cache = inputs.packages?.cacheDir ?? defaultCacheDir();
  for (const { pkg, path } of NFS_PROGRAMS) {
    const root = await fetchPackage(pkg, cache, inputs.packages?.onProgress);
    await addHostBinary(tree, join(root, path), path, { libraryRoots: [root], from: `Debian ${pkg} (${path})` });
  }
  for (const [path, text] of Object.entries(ETC)) tree.file(path, text, 0o644, "bondc (src/boot/server-image.ts)");
  // rpc.nfsd looks for rpcbind's socket at /var/run/rpcbind.sock; /run is a tmpfs at boot.
  tree.symlink("var/run", "../run", "bondc (as Debian links it)");
  tree.dir("run");
  // rpc.mountd records mounts in rmtab and says "can't open … for writing" when it is missing.
  tree.file("var/lib/nfs/rmtab", "", 0o644, "bondc (an empty rmtab)");
  tree.dir("srv");
  return serialise(tree, "initramfs", build, modules);
}

export interface ServerRun {
  /** cluster.conf's variables (names and values plain: checked here). */
  readonly config: Readonly<Record<string, string>>;
  /** /etc/exports. */
  readonly exports: string;
  /** The server's generated script. */
  readonly script: string;
  /** Host folders of the roots, in the order of cluster.conf's `roots`. */
  readonly roots: readonly string[];
  /**
   * A network boot of the clients from the server VM: what `bondc build` writes for them (entries,
   * kernel, image; path → bytes), served over HTTP, and udhcpd's config that names boot.ipxe.
   */
  readonly netboot?: { readonly files: ReadonlyMap<string, Buffer | string>; readonly dhcp: string };
}

/** The second archive: what one run adds to the server's image. */
export async function serverRunArchive(run: ServerRun): Promise<Buffer> {
  const cpio = new CpioWriter();
  const conf = Object.entries(run.config).map(([k, v]) => {
    if (!/^[a-z_][a-z0-9_]*$/.test(k) || !/^[A-Za-z0-9_./ :-]*$/.test(v))
      throw new Error(`cluster.conf: ${k}=${JSON.stringify(v)} is not plain`);
    return `${k}="${v}"`;
  });
  cpio.file(SERVER_FILES.config, `${conf.join("\n")}\n`, 0o644);
  cpio.file("etc/exports", run.exports, 0o644);
  cpio.file(SERVER_FILES.script, run.script, 0o755);
  for (const [i, dir] of run.roots.entries()) await addFolder(cpio, dir, `${SERVER_FILES.roots}/${i}`);
  if (run.netboot) {
    cpio.file(SERVER_FILES.dhcp, run.netboot.dhcp, 0o644);
    for (const [path, data] of run.netboot.files) cpio.file(`${SERVER_FILES.boot}/${path}`, data, 0o644);
  }
  return cpio.toGzip();
}

/** A host folder's files, folders and symlinks under `at`, in name order. */
async function addFolder(cpio: CpioWriter, dir: string, at: string): Promise<void> {
  const st = await lstat(dir);
  cpio.dir(at, st.mode & 0o7777);
  for (const name of (await readdir(dir)).sort()) {
    const host = join(dir, name);
    const guest = posix.join(at, name);
    const s = await lstat(host);
    if (s.isDirectory()) await addFolder(cpio, host, guest);
    else if (s.isSymbolicLink()) cpio.symlink(guest, await readlink(host));
    else if (s.isFile()) cpio.file(guest, await readFile(host), s.mode & 0o7777);
  }
}
