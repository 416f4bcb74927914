// The initramfs the harness boots, inspected without booting it: layout, shims over busybox,
// modules, and the /init that plays kernel. Uses Debian's packages from the (shared) cache.
import { beforeAll, describe, expect, it } from "vitest";
import { S_IFCHR, S_IFLNK, S_IFMT, S_IFREG } from "../../src/image/cpio.js";
import { MissingToolError } from "../../src/image/exec.js";
import { bootLinuxrc } from "../../src/boot/harness.js";
import { readFile } from "node:fs/promises";
import { buildInitramfs } from "../../src/boot/initramfs.js";
import { NIC_MODULES } from "../../src/image/modules.js";
import { fetchBusybox, fetchKernel, type KernelFiles } from "../../src/image/packages.js";
import { resolveScenario } from "../../src/boot/scenario.js";
import { readCpio, type ReadEntry } from "./cpio-reader.js";

let kernel: KernelFiles;
let busybox: string;

beforeAll(async () => {
  const onProgress = (m: string) => console.log(`[boot packages] ${m}`);
  kernel = await fetchKernel({ onProgress });
  busybox = await fetchBusybox({ onProgress });
});

async function build(scenario = {}) {
  const r = await buildInitramfs({
    busybox,
    modulesDir: kernel.modulesDir,
    linuxrc: "#!/bin/sh\ntrue\n",
    scenario: resolveScenario(scenario),
  });
  return { ...r, entries: new Map<string, ReadEntry>(readCpio(r.gzip).map((e) => [e.name, e])) };
}

describe("initramfs", () => {
  it("finds Debian's cloud kernel and its plain .ko modules", () => {
    expect(kernel.release).toMatch(/-cloud-amd64$/);
    expect(kernel.vmlinuz).toMatch(/vmlinuz-/);
  });

  it("lays out busybox applets like busybox --install, with the shims winning for insmod and ifenslave", async () => {
    const { entries } = await build();
    const kind = (n: string) => (entries.get(n)?.mode ?? 0) & S_IFMT;
    expect(kind("bin/busybox")).toBe(S_IFREG);
    for (const applet of [
      "bin/sh",
      "bin/grep",
      "bin/sed",
      "bin/mount",
      "bin/ping",
      "sbin/ifconfig",
      "sbin/ip",
      "bin/sleep",
    ]) {
      expect(kind(applet), applet).toBe(S_IFLNK);
      expect(entries.get(applet)!.data.toString()).toBe("/bin/busybox");
    }
    for (const shim of ["sbin/insmod", "sbin/ifenslave"]) {
      expect(entries.get(shim)!.mode, shim).toBe(S_IFREG | 0o755);
      expect(entries.get(shim)!.data.toString()).toMatch(/^#!\/bin\/sh\n# \w+ \(bondc, src\/image\/compat-tools\.ts\)/);
    }
    expect(entries.get("linuxrc")!.mode).toBe(S_IFREG | 0o755);
    expect(entries.get("linuxrc")!.data.toString()).toBe("#!/bin/sh\ntrue\n");
    expect(entries.get("init")!.mode).toBe(S_IFREG | 0o755);
    expect(entries.get("dev/console")).toMatchObject({ mode: S_IFCHR | 0o600, rdevMajor: 5, rdevMinor: 1 });
    expect(entries.get("dev/null")).toMatchObject({ mode: S_IFCHR | 0o666, rdevMajor: 1, rdevMinor: 3 });
  });

  it("ships busybox exactly as Debian packages it: nothing in the guest is patched or renamed", async () => {
    const { entries } = await build();
    expect(entries.get("bin/busybox")!.data.equals(await readFile(busybox))).toBe(true);
    // busybox's own insmod applet stays; the shim is reached by its absolute path, /sbin/insmod.
    expect(entries.get("bin/busybox")!.data.includes(Buffer.from("\0init\0insmod\0ionice\0"))).toBe(true);
    expect(entries.get("sbin/insmod")!.data.toString()).toMatch(/exec \$bb insmod "\$file" "\$@"/);
  });

  it("ships the NIC drivers and bonding; /init loads the drivers in order but leaves bonding to /linuxrc", async () => {
    const { entries, init, modules } = await build();
    expect(modules?.missing).toEqual([]);
    const ko = [...entries.keys()].filter((n) => n.endsWith(".ko"));
    expect(ko.map((n) => n.split("/").pop())).toEqual([...NIC_MODULES, "bonding"].map((m) => `${m}.ko`));
    const loads = [...init.matchAll(/^insmod \/(\S+)/gm)].map((m) => m[1]!.split("/").pop());
    expect(loads).toEqual(NIC_MODULES.map((m) => `${m}.ko`));
    // /linuxrc must find /proc unmounted, as under the kernel's do_linuxrc().
    expect(init.indexOf("mount -t proc")).toBeGreaterThan(init.indexOf("linuxrc-start"));
    expect(init).toMatch(/setsid env -i HOME=\/ TERM=linux \/linuxrc/);
  });

  it("leaves bonding.ko out for the missing-module fault, and drops eth1's setup when it is absent", async () => {
    const { entries, init } = await build({ bondingModule: false, eth1: "absent", runAs: "sh" });
    expect([...entries.keys()].some((n) => n.endsWith("bonding.ko"))).toBe(false);
    expect(init).not.toMatch(/eth1/);
    expect(init).toMatch(/env -i HOME=\/ TERM=linux \/bin\/sh \/linuxrc/);
  });

  it("fails with an install hint when QEMU is missing", async () => {
    const err = await bootLinuxrc("#!/bin/sh\n", {}, { qemu: "/nonexistent/qemu-system-x86_64" }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(MissingToolError);
    expect((err as Error).message).toMatch(/apt-get install qemu-system-x86/);
  });
});
