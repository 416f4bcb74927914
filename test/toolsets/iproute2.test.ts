import { describe, expect, it } from "vitest";
import { check } from "../../src/api/check.js";
import { compile } from "../../src/api/compile.js";

/*
 * The iproute2 toolset: which kernels it takes (its options reach the driver through netlink,
 * whose bond_changelink() reads them all from 3.14 on), how it creates bonds and VLANs, and its
 * own rule (BOND0512).
 */

function node(kernel: string, target: "linuxrc" | "initramfs", body: readonly string[] = []): string {
  return [
    `target ${target} { kernel "${kernel}"  tools iproute2  boot eth0 }`,
    "iface eth0, eth1",
    "load bonding max_bonds=2",
    "up bond0 { mode active-backup  miimon 100  address 192.168.1.105  netmask /24 }",
    "up bond1 { mode 802.3ad  miimon 100  lacp_rate fast  address 192.168.2.105  netmask /24 }",
    "down eth0, eth1",
    "enslave eth0 to bond0",
    "enslave eth1 to bond1",
    ...body,
    ...(target === "linuxrc" ? ["mount proc"] : []),
    'handoff nfs { server 192.168.1.1  path "/srv/nfsroot/node5" }',
    "on failure halt",
  ].join("\n");
}

const errors = (text: string) =>
  check(text, "node.bond")
    .diagnostics.filter((d) => d.severity === "error")
    .map((d) => d.code);

describe("iproute2 by kernel", () => {
  it.each([
    ["3.13", "linuxrc", ["BOND0511"]],
    ["3.14", "linuxrc", []],
    ["6.1", "linuxrc", []],
    ["7.0", "linuxrc", ["BOND0122"]],
    ["6.1", "initramfs", []],
    ["7.0", "initramfs", []],
  ] as const)("kernel %s, target %s -> %j", (kernel, target, codes) => {
    expect(errors(node(kernel, target))).toEqual(codes);
  });

  it("says which interface it needs and what to use instead", () => {
    const d = check(node("3.13", "linuxrc"), "node.bond").diagnostics.find((x) => x.code === "BOND0511");
    expect(d?.message).toBe("the iproute2 toolset needs Linux 3.14 or later; the target's kernel is 3.13");
  });
});

describe("iproute2's script", () => {
  const script = compile(node("6.1", "initramfs"), "node.bond").script ?? "";

  it("creates each bond with its own options after a load that creates none", () => {
    expect(script).toContain("/sbin/modprobe bonding max_bonds=0 ||");
    expect(script).toContain("/sbin/ip link add bond0 type bond mode active-backup miimon 100 ||");
    expect(script).toContain("/sbin/ip link add bond1 type bond mode 802.3ad miimon 100 lacp_rate fast ||");
  });

  it("enslaves, addresses and routes with ip", () => {
    expect(script).toContain("/sbin/ip link set dev eth0 master bond0 ||");
    expect(script).toContain("/sbin/ip addr replace 192.168.1.105/255.255.255.0 brd + dev bond0 ||");
  });

  it("creates a VLAN with ip link add … type vlan, after loading 8021q", () => {
    const text = node("6.1", "initramfs", ["load 8021q", "up bond0.100 { address 10.0.0.5  netmask /24 }"]);
    expect(errors(text)).toEqual([]);
    expect(compile(text, "node.bond").script).toContain(
      "/sbin/ip link add link bond0 name bond0.100 type vlan id 100 ||",
    );
  });

  it("busybox and net-tools create the same VLAN with vconfig", () => {
    const vlan = ["load 8021q", "up bond0.100 { address 10.0.0.5  netmask /24 }"];
    const busybox = node("6.1", "initramfs", vlan).replace("tools iproute2", "tools busybox");
    expect(compile(busybox, "node.bond").script).toContain("\nvconfig add bond0 100 ||");
    const netTools = node("6.1", "linuxrc", vlan)
      .replace("tools iproute2", "tools net-tools")
      .replace(/mode 802.3ad {2}miimon 100 {2}lacp_rate fast/, "mode active-backup  miimon 100");
    expect(compile(netTools, "node.bond").script).toContain("/sbin/vconfig add bond0 100 ||");
  });
});
