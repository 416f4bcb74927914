import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ImageError } from "../../src/image/errors.js";
import { modulesDep, resolveModules } from "../../src/image/modules.js";
import { fakeModule, makeFixture, RELEASE, type Fixture } from "./fixtures.js";

const fixtures: Fixture[] = [];
const fixture = (options: Parameters<typeof makeFixture>[0] = {}) => {
  const f = makeFixture(options);
  fixtures.push(f);
  return f;
};
afterEach(() => {
  for (const f of fixtures.splice(0)) rmSync(f.dir, { recursive: true, force: true });
});

const wanted = [
  { name: "bonding", why: "loaded at x.bond:3:1" },
  { name: "nfsv3", why: "the NFS root" },
];

describe("resolveModules", () => {
  it.each([
    ["modules.dep", { modulesDep: true }],
    ["each module's depends=", {}],
  ] as const)("finds every dependency from %s, and loads each after what it needs", async (source, options) => {
    const f = fixture(options);
    const r = await resolveModules(f.modules, wanted, RELEASE);
    expect(r.depSource).toBe(source === "modules.dep" ? "modules.dep" : "modinfo");
    expect(r.modules.map((m) => m.name)).toEqual(["tls", "bonding", "sunrpc", "nfs", "nfsv3"]);
    expect(r.modules.find((m) => m.name === "nfsv3")!.deps).toEqual(["nfs", "sunrpc"]);
    expect(r.modules.find((m) => m.name === "nfs")!.guestPath).toBe(`lib/modules/${RELEASE}/kernel/fs/nfs/nfs.ko`);
    // The node's modules.dep lists every dependency, the one to load last first (as depmod does).
    expect(modulesDep(r.modules, (m) => m.deps)).toBe(
      [
        "kernel/net/tls/tls.ko:",
        "kernel/drivers/net/bonding/bonding.ko: kernel/net/tls/tls.ko",
        "kernel/net/sunrpc/sunrpc.ko:",
        "kernel/fs/nfs/nfs.ko: kernel/net/sunrpc/sunrpc.ko",
        "kernel/fs/nfs/nfsv3.ko: kernel/fs/nfs/nfs.ko kernel/net/sunrpc/sunrpc.ko",
        "",
      ].join("\n"),
    );
  });

  it("counts a built-in module as there, with nothing to ship", async () => {
    const f = fixture();
    const r = await resolveModules(f.modules, [{ name: "virtio-net", why: "--module" }], RELEASE);
    expect(r.builtin).toEqual(["virtio_net"]);
    expect(r.modules).toEqual([]);
  });

  it("names a module that is neither shipped nor built in, and why it was wanted", async () => {
    const f = fixture();
    const err = await resolveModules(f.modules, [{ name: "e1000e", why: "loaded at x.bond:9:1" }], RELEASE).catch(
      (e) => e,
    );
    expect(err).toBeInstanceOf(ImageError);
    expect(err.flag).toBe("--modules");
    expect(err.message).toMatch(/module e1000e \(loaded at x\.bond:9:1\) is neither in .* nor built into the kernel/);
  });

  it("names a dependency that is missing, and who needs it", async () => {
    const f = fixture();
    rmSync(join(f.modules, "kernel/net/tls/tls.ko"));
    await expect(resolveModules(f.modules, wanted, RELEASE)).rejects.toThrow(/module tls \(needed by bonding\)/);
  });

  it("refuses a module built for another kernel, naming both releases", async () => {
    const f = fixture();
    writeFileSync(join(f.modules, "kernel/net/tls/tls.ko"), fakeModule("tls", [], "5.10.0-other"));
    await expect(resolveModules(f.modules, wanted, RELEASE)).rejects.toThrow(
      /module tls \(.*tls\.ko\) was built for kernel 5\.10\.0-other, not 6\.1\.0-bondc-test/,
    );
  });
});
