// Issue 11's "Done when": QEMU network-boots a node from nothing but what bondc writes, the image
// from `bondc build`'s builder and the boot-loader entries, through its NIC's iPXE ROM (Debian's
// ipxe-qemu) and QEMU's TFTP server: once through PXELINUX (pxelinux.cfg/01-<mac>), once through
// the iPXE script (boot.ipxe → <mac>.ipxe). The node must end up on its NFS root over the bond, as
// the root's own init reports. Timings are logged, never asserted.
import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { prepareBoots } from "./prepare.js";
import { compile } from "../../src/api/compile.js";
import { bootCompiledNetboot, type BootLoader } from "../../src/boot/netboot.js";
import { formatInitBoot } from "../../src/boot/report.js";
import { repoRoot } from "../support/repo.js";
import { pool } from "./pool.js";

const slot = pool(1);
const BOOT_TEST_MS = 420_000;
const example = join(repoRoot, "examples", "initramfs-active-backup.bond");

prepareBoots([]);

describe.concurrent("a node network-boots from its generated entries and image to its NFS root", () => {
  it.each(["ipxe", "pxelinux"] as const)(
    "through %s",
    async (loader: BootLoader) => {
      const compiled = compile(readFileSync(example, "utf8"), example);
      expect(compiled.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      const r = await slot(() =>
        bootCompiledNetboot(
          compiled,
          loader,
          { timeoutMs: 360_000 },
          {
            onProgress: (m) => console.log(`[netboot] ${m}`),
          },
        ),
      );
      console.log(`[netboot] ${basename(example)} via ${loader}\n${formatInitBoot(r.boot)}`);
      // The kernel got the entry's command line from the boot loader (PXELINUX adds BOOT_IMAGE=).
      const cmdline = r.boot.kernelLog.find((l) => l.includes("Command line:"));
      expect(cmdline).toContain("console=ttyS0 quiet panic=-1 no_timer_check rdinit=/bondc/coldplug");
      if (loader === "pxelinux") expect(cmdline).toContain("BOOT_IMAGE=vmlinuz");
      expect(r.mismatches).toEqual([]);
      expect(r.boot.root).toMatchObject({ type: "nfs" });
      expect(r.boot.defaultRoute).toEqual({ via: "10.0.2.2", dev: "bond0" });
      expect(r.boot.server.probe).toBeDefined();
    },
    BOOT_TEST_MS,
  );
});
