// How a linuxrc program is set up for its legacy boot, without booting: the network the node sits
// on (from the constants of its program), the kernel command line that makes the handoff
// load-bearing, QEMU's user network, and the built-in bonding driver's parameters.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compile, type CompileResult } from "../../src/api/compile.js";
import { predictEndState } from "../../src/api/predict.js";
import { builtinBondingParams, legacySite } from "../../src/boot/boot-compiled.js";
import { legacyAppend, QEMU_SITE, siteUserNet } from "../../src/boot/boot-legacy.js";
import { repoRoot } from "../support/repo.js";

function compiled(name: string): CompileResult {
  const path = join(repoRoot, "examples", `${name}.bond`);
  const r = compile(readFileSync(path, "utf8"), path);
  expect(r.script).toBeDefined();
  return r;
}
const siteOf = (name: string, server?: string) => legacySite(predictEndState(compiled(name)), server);

describe("legacySite: the node boots on the network its program names", () => {
  it("the quick start's fixed 192.168.1.105/24, the server at .2", () => {
    expect(siteOf("seed-quickstart")).toEqual({
      node: "192.168.1.105",
      netmask: "255.255.255.0",
      server: "192.168.1.2",
    });
  });
  it("the general form reads its address at boot: the network of its broadcast 192.168.1.255", () => {
    expect(siteOf("seed-general")).toEqual({ node: "192.168.1.15", netmask: "255.255.255.0", server: "192.168.1.2" });
  });
  it("everything read at boot, server 10.0.2.2: QEMU's own network", () => {
    expect(siteOf("active-backup", "10.0.2.2")).toEqual(QEMU_SITE);
  });
});

describe("the legacy kernel command line", () => {
  it("root=/dev/sda so that only real-root-dev can pick the NFS root; ip= on the boot NIC", () => {
    expect(legacyAppend(QEMU_SITE, "/srv/nfsroot", "eth1")).toBe(
      "console=ttyS0 quiet panic=-1 no_timer_check rw root=/dev/sda " +
        "nfsroot=10.0.2.2:/srv/nfsroot,vers=3,tcp,port=2049,mountport=20048,nolock " +
        "ip=10.0.2.15::10.0.2.2:255.255.255.0::eth1:off",
    );
  });
  it("refuses what could smuggle words onto the command line", () => {
    expect(() => legacyAppend(QEMU_SITE, "/srv/a b", "eth0")).toThrow(/plain/);
    expect(() => legacyAppend(QEMU_SITE, "/srv/nfsroot", "eth9")).toThrow(/eth0..eth3/);
    expect(() => legacyAppend({ ...QEMU_SITE, node: "10.0.2.x" }, "/srv/nfsroot", "eth0")).toThrow(/IPv4/);
  });
  it("QEMU's user network moves to the site's network, and only then", () => {
    expect(siteUserNet(QEMU_SITE)).toBeUndefined();
    expect(siteUserNet({ node: "192.168.1.105", netmask: "255.255.255.0", server: "192.168.1.2" })).toBe(
      "net=192.168.1.0/24,host=192.168.1.2",
    );
    expect(() => siteUserNet({ node: "192.168.1.105", netmask: "255.255.255.0", server: "10.0.2.2" })).toThrow(
      /not on one \/24 network/,
    );
  });
  it("the program's `load bonding` parameters become bonding.* for the built-in driver", () => {
    expect(builtinBondingParams(compiled("active-backup"))).toEqual([
      "bonding.mode=active-backup",
      "bonding.miimon=100",
      "bonding.primary=eth0",
      "bonding.updelay=200",
      "bonding.downdelay=200",
    ]);
    expect(builtinBondingParams(compiled("seed-quickstart"))).toEqual([]);
  });
});
