// Inputs for `bondc build` that need no download: a stand-in bzImage (only its setup header, which
// is all bondc reads), a lib/modules/<release> tree of stand-in modules (only their .modinfo
// fields), and the host's static busybox (busybox-static, installed by scripts/setup.sh).

import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

export const RELEASE = "6.1.0-bondc-test";
export const HOST_BUSYBOX = "/usr/bin/busybox";

/** A file with a bzImage setup header whose version string starts with `release`. */
export function fakeBzImage(release: string): Buffer {
  const image = Buffer.alloc(0x400);
  image.write("HdrS", 0x202, "latin1");
  image.writeUInt16LE(0x100, 0x20e); // the version string at 0x200 + 0x100
  image.write(`${release} (bondc@test) #1 SMP\0`, 0x300, "latin1");
  return image;
}

/** A module's bytes: an ELF-ish prefix and the .modinfo fields depmod and the kernel read. */
export function fakeModule(name: string, depends: readonly string[], vermagic = RELEASE): Buffer {
  return Buffer.from(
    `\x7fELF-stand-in\0name=${name}\0depends=${depends.join(",")}\0alias=fs-${name}\0vermagic=${vermagic} SMP mod_unload \0`,
    "latin1",
  );
}

/** What the initramfs example loads and mounts with, and where each lives in a kernel tree. */
export const MODULES: readonly { path: string; deps: readonly string[] }[] = [
  { path: "kernel/drivers/net/bonding/bonding.ko", deps: ["tls"] },
  { path: "kernel/net/tls/tls.ko", deps: [] },
  { path: "kernel/fs/nfs/nfsv3.ko", deps: ["nfs", "sunrpc"] },
  { path: "kernel/fs/nfs/nfs.ko", deps: ["sunrpc"] },
  { path: "kernel/net/sunrpc/sunrpc.ko", deps: [] },
  { path: "kernel/drivers/net/unused.ko", deps: [] },
];

export interface Fixture {
  dir: string;
  kernel: string;
  modules: string;
}

/**
 * A temporary folder with `vmlinuz` and `lib/modules/<release>`. With `modulesDep`, the tree has a
 * modules.dep that alone names the dependencies (the modules' own depends= are left empty, so a
 * test can tell which source was read).
 */
export function makeFixture(options: { modulesDep?: boolean; vermagic?: string } = {}): Fixture {
  const dir = mkdtempSync(join(tmpdir(), "bondc-build-fixture-"));
  const kernel = join(dir, "vmlinuz");
  writeFileSync(kernel, fakeBzImage(RELEASE));
  const modules = join(dir, "lib", "modules", RELEASE);
  for (const m of MODULES) {
    const name = m.path.split("/").pop()!.replace(/\.ko$/, "");
    mkdirSync(dirname(join(modules, m.path)), { recursive: true });
    writeFileSync(join(modules, m.path), fakeModule(name, options.modulesDep ? [] : m.deps, options.vermagic));
  }
  writeFileSync(join(modules, "modules.builtin"), "kernel/drivers/net/virtio_net.ko\n");
  if (options.modulesDep) {
    const pathOf = (n: string) => MODULES.find((m) => m.path.endsWith(`/${n}.ko`))!.path;
    const lines = MODULES.map((m) => `${m.path}:${m.deps.map((d) => ` ${pathOf(d)}`).join("")}`);
    writeFileSync(join(modules, "modules.dep"), `${lines.join("\n")}\n`);
  }
  return { dir, kernel, modules };
}

/** The arguments of `bondc build FILE -o OUT` with the fixture's kernel and modules and the host's busybox. */
export function buildArgs(f: Fixture, file: string, out: string, extra: readonly string[] = []): string[] {
  return ["build", file, "-o", out, "--kernel", f.kernel, "--modules", f.modules, "--busybox", HOST_BUSYBOX, ...extra];
}
