// The legacy kernel's cache key is computed twice, by scripts/legacy-kernel/build.sh (which stores
// the bzImage) and by src/image/legacy-kernel.ts (which finds it): the two must always agree, and
// the key must change with either input.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  LEGACY_KERNEL_FRAGMENT,
  LEGACY_KERNEL_SCRIPT,
  legacyKernelKey,
  legacyKernelPath,
} from "../../src/image/legacy-kernel.js";

describe("legacy kernel cache key", () => {
  const fragment = readFileSync(LEGACY_KERNEL_FRAGMENT);

  it("build.sh --path and legacyKernelPath() name the same bzImage, under BONDC_CACHE_DIR too", async () => {
    for (const extra of [{}, { BONDC_CACHE_DIR: "/nonexistent/bondc-cache" }]) {
      const env = { ...process.env, ...extra };
      const fromScript = execFileSync(LEGACY_KERNEL_SCRIPT, ["--path"], { env, encoding: "utf8" }).trim();
      expect(fromScript).toBe(await legacyKernelPath(env));
      expect(fromScript).toMatch(/\/legacy-kernel\/[0-9a-f]{16}\/bzImage$/);
    }
  });

  it("changes with the source version and with the fragment", () => {
    const base = legacyKernelKey("6.1.192-3", fragment);
    expect(legacyKernelKey("6.1.193-1", fragment)).not.toBe(base);
    expect(legacyKernelKey("6.1.192-3", Buffer.concat([fragment, Buffer.from("CONFIG_IPV6=y\n")]))).not.toBe(base);
    expect(legacyKernelKey("6.1.192-3", fragment)).toBe(base);
  });

  it("the fragment keeps the legacy path: image initrds, IP_PNP, the NFS root, bonding built in", () => {
    const lines = fragment.toString("utf8").split("\n");
    for (const option of ["BLK_DEV_RAM", "BLK_DEV_INITRD", "EXT2_FS", "IP_PNP", "ROOT_NFS", "BONDING", "MULTIUSER"])
      expect(lines).toContain(`CONFIG_${option}=y`);
  });
});
