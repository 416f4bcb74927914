// A network boot from nothing but what `bondc build` writes: the node's image (src/image), the
// kernel, and the boot-loader entries (src/bootloader), in a TFTP root QEMU's user network serves.
//
// iPXE (the NIC's option ROM, Debian's ipxe-qemu) asks DHCP and fetches the boot file: either
// PXELINUX (pxelinux.0 + ldlinux.c32 from Debian's pxelinux and syslinux-common, fetched into
// bondc's user cache with apt-get download + dpkg -x), which reads pxelinux.cfg/01-<mac>, or the
// iPXE dispatcher boot.ipxe, which chains to <mac>.ipxe. Either entry loads the kernel and image
// and gives the kernel the entry's command line; the image's /init bonds and mounts the NFS root,
// whose own init reports (boot-init.ts).
//
// The harness appends one archive to the built image, as for every initramfs boot: its coldplug
// stand-in (init-initramfs.ts), which loads the virtio NIC drivers before /init as a
// distribution's initramfs would; the entries name it with rdinit=, the kind of parameter an
// initramfs's entry carries.

import { copyFile, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import type { CompileResult } from "../api/compile.js";
import { bootEntries, bootNode } from "../bootloader/index.js";
import { IMAGE_FILES, KERNEL_FILE, planOf } from "../image/build.js";
import type { NodeKernel } from "../image/kernel.js";
import { defaultCacheDir, fetchBusybox, fetchKernel, fetchPackage } from "../image/packages.js";
import { bootCompiledInit, type CompiledInitBoot } from "./boot-compiled.js";
import type { InitBootOptions, InitScenario } from "./boot-init.js";
import { HarnessLimit } from "./harness.js";
import { buildInitInitramfs } from "./init-initramfs.js";
import { DEFAULT_APPEND, nicMac, type NetbootFiles } from "./qemu.js";

export type BootLoader = "pxelinux" | "ipxe";

/** PXELINUX's files in Debian's packages (pxelinux, syslinux-common), and where they go. */
const PXELINUX_FILES = [
  { pkg: "pxelinux", path: "usr/lib/PXELINUX/pxelinux.0" },
  { pkg: "syslinux-common", path: "usr/lib/syslinux/modules/bios/ldlinux.c32" },
] as const;

/**
 * Writes the TFTP root of one node into `dir`: bondc build's image and kernel, every boot-loader
 * entry for eth0's MAC, and the loader's own files; returns what QEMU needs to boot it.
 */
export async function prepareNetboot(
  compiled: CompileResult,
  loader: BootLoader,
  dir: string,
  options: InitBootOptions = {},
): Promise<NetbootFiles> {
  const packages = { cacheDir: options.cacheDir, onProgress: options.onProgress };
  const k = await fetchKernel(packages);
  const kernel: NodeKernel = { path: k.vmlinuz, release: k.release, modulesDir: k.modulesDir, from: k.vmlinuz };
  const busybox = options.busybox ?? (await fetchBusybox(packages));
  const plan = planOf(compiled);
  if (plan.kind !== "initramfs")
    throw new HarnessLimit(
      `the harness network-boots initramfs nodes; ${compiled.source.path} is a ${plan.kind} program`,
    );
  // The same initramfs a -kernel/-initrd boot gets: bondc build's image with the coldplug
  // stand-in appended as a second archive, served as the one file the entries name.
  const initramfs = await buildInitInitramfs({ plan, kernel, busybox, bondingModule: true, nicDrivers: "preloaded" });
  const imageFile = IMAGE_FILES.initramfs;
  await writeFile(join(dir, imageFile), initramfs.gzip);
  await copyFile(k.vmlinuz, join(dir, KERNEL_FILE));
  const node = bootNode(compiled.program, {
    name: basename(compiled.source.path, ".bond"),
    kernel: KERNEL_FILE,
    initrd: imageFile,
    mac: nicMac(0),
    append: [...DEFAULT_APPEND.split(" "), `rdinit=${initramfs.rdinit}`],
  });
  for (const f of bootEntries([node])) {
    await mkdir(dirname(join(dir, f.path)), { recursive: true });
    await writeFile(join(dir, f.path), f.content);
  }
  if (loader === "ipxe") return { tftpDir: dir, bootfile: "boot.ipxe" };
  const cache = options.cacheDir ?? defaultCacheDir();
  for (const f of PXELINUX_FILES) {
    const root = await fetchPackage(f.pkg, cache, options.onProgress);
    await copyFile(join(root, f.path), join(dir, basename(f.path)));
  }
  return { tftpDir: dir, bootfile: "pxelinux.0" };
}

/**
 * Network-boots a compiled `target initramfs` program through `loader` and judges the NFS root's
 * report as bootCompiledInit does. The TFTP root is a temp folder, removed afterwards.
 */
export async function bootCompiledNetboot(
  compiled: CompileResult,
  loader: BootLoader,
  scenario: InitScenario = {},
  options: InitBootOptions = {},
): Promise<CompiledInitBoot> {
  const dir = await mkdtemp(join(options.tmpDir ?? tmpdir(), "bondc-tftp-"));
  try {
    const netboot = await prepareNetboot(compiled, loader, dir, options);
    return await bootCompiledInit(compiled, { name: `netboot-${loader}`, ...scenario, netboot }, options);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
