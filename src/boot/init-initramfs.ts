// The initramfs an initramfs-target boot gets: the image `bondc build` makes (src/image/build.ts),
// for the compiled program or, in the harness's own tests, for a bare /init script, with QEMU's NIC
// drivers as `bondc build --module virtio_pci --module virtio_net` would add them. The harness
// never assembles an image of its own.
//
// What only a test needs travels apart, as a second gzip'd newc archive appended to the image (the
// kernel unpacks concatenated archives in order, so the first stays byte for byte what bondc build
// writes): with `nicDrivers: "preloaded"` the kernel is started with `rdinit=/bondc/coldplug`, a
// few lines that load the NIC drivers (what udev's coldplug does on a distribution's initramfs) and
// `exec /init` as PID 1 with the environment the kernel gives init. With "script" nothing is
// appended and the kernel runs /init directly, which must load the drivers itself. The one fault
// that changes the image itself, `bondingModule: false`, builds it as if the program did not load
// bonding, so bonding.ko is not there when /init asks for it.

import { assemble, serialise, toolsOf, type ImagePlan } from "../image/build.js";
import { CpioWriter } from "../image/cpio.js";
import type { NodeKernel } from "../image/kernel.js";
import { BONDING_MODULE, type ResolvedModules } from "../image/modules.js";
import { EV, EVENT } from "./markers.js";

/** The harness's stand-in for coldplug (see above). */
export const COLDPLUG_PATH = "bondc/coldplug";
/** QEMU's virtio NIC needs these two; bondc resolves the rest (virtio, virtio_ring, net_failover…). */
export const NIC_DRIVERS = ["virtio_pci", "virtio_net"] as const;
/**
 * Those two with everything they need, plus bonding's own dependency, in load order (each needs
 * the ones before it): what the harness's tests expect bondc to resolve. `tls` is there only
 * because Debian 6.1's bonding.ko depends on it (bond_main uses tls_device symbols).
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

export interface InitInitramfsInput {
  plan: ImagePlan;
  kernel: NodeKernel;
  busybox: string;
  /** Ship bonding.ko (false: an image built without it). */
  bondingModule: boolean;
  nicDrivers: "preloaded" | "script";
}

export interface InitInitramfs {
  /** What bondc build writes for the plan (built without bonding.ko for that fault). */
  image: Buffer;
  /** The harness's appended archive (the coldplug stand-in); empty when nothing is appended. */
  harness: Buffer;
  /** image + harness: what QEMU is given. */
  gzip: Buffer;
  /** `rdinit=` to put on the kernel command line, when the coldplug stand-in runs first. */
  rdinit?: string;
  modules?: ResolvedModules;
  /** Paths in the image, then in the harness's archive. */
  paths: string[];
  /** Harness notes (modules built in, left out). */
  notes: string[];
}

/** The plan of a bare /init script for the initramfs target and busybox: bonding and the NFSv3 client. */
export function scriptPlan(init: string): ImagePlan {
  return {
    kind: "initramfs",
    tools: "busybox",
    entryPath: "/init",
    artifacts: [{ path: "/init", mode: 0o755, content: init }],
    from: "the boot harness's /init under test",
    ...toolsOf("initramfs", "busybox"),
    modules: [
      { name: BONDING_MODULE, why: "the /init under test bonds" },
      { name: "nfsv3", why: "the NFS root" },
    ],
  };
}

export async function buildInitInitramfs(input: InitInitramfsInput): Promise<InitInitramfs> {
  const notes: string[] = [];
  const withModules = input.kernel.modulesDir !== undefined;
  if (!withModules) notes.push("no-modules-dir (drivers must be built into the kernel)");
  if (!input.bondingModule) notes.push("bonding-module-left-out");
  const plan: ImagePlan = {
    ...input.plan,
    modules: withModules ? input.plan.modules.filter((m) => input.bondingModule || m.name !== BONDING_MODULE) : [],
  };
  const inputs = { kernel: input.kernel, busybox: input.busybox, extraModules: withModules ? NIC_DRIVERS : [] };
  const { tree, modules } = await assemble(plan, inputs);
  const built = await serialise(tree, "initramfs", inputs, modules);
  if (modules) notes.push(...modules.builtin.map((n) => `builtin-module ${n}`));

  const paths = built.manifest.entries.map((e) => e.path.slice(1));
  if (input.nicDrivers === "script")
    return { image: built.bytes, harness: Buffer.alloc(0), gzip: built.bytes, modules, paths, notes };
  const harness = new CpioWriter().file(COLDPLUG_PATH, coldplugScript(nicLoadOrder(modules), notes), 0o755);
  const appended = harness.toGzip();
  return {
    image: built.bytes,
    harness: appended,
    gzip: Buffer.concat([built.bytes, appended]),
    rdinit: `/${COLDPLUG_PATH}`,
    modules,
    paths: [...paths, ...harness.list().map((e) => e.path)],
    notes,
  };
}

/** The NIC drivers and what they need, in the image's load order. */
function nicLoadOrder(modules: ResolvedModules | undefined): string[] {
  if (!modules) return [];
  const byName = new Map(modules.modules.map((m) => [m.name, m]));
  const needed = new Set<string>();
  const visit = (name: string) => {
    const m = byName.get(name);
    if (!m || needed.has(name)) return;
    needed.add(name);
    m.deps.forEach(visit);
  };
  NIC_DRIVERS.forEach(visit);
  return modules.modules.filter((m) => needed.has(m.name)).map((m) => m.guestPath);
}

/**
 * Loads the NIC drivers by file (nothing is mounted yet, and none is needed), says so on the
 * console, and becomes /init. The kernel's init environment (HOME=/ TERM=linux) is what /init
 * gets; the coldplug mounts nothing, so /init finds /proc, /sys and /dev as the kernel left them.
 */
export function coldplugScript(nicPaths: readonly string[], notes: readonly string[]): string {
  return [
    "#!/bin/busybox sh",
    "# bondc boot harness: loads the NIC drivers as coldplug would, then becomes /init (init-initramfs.ts)",
    ...nicPaths.map((p) => `/bin/busybox insmod /${p} || echo "${EVENT}${EV.warn} insmod-failed ${p}"`),
    ...notes.map((n) => `echo "${EVENT}${EV.warn} ${n}"`),
    `echo "${EVENT}${EV.firmware}"`,
    "exec /bin/busybox env -i HOME=/ TERM=linux /init",
    "",
  ].join("\n");
}
