import { beforeAll, describe, expect, it } from "vitest";
import { check } from "../../src/api/check.js";
import { bondingModes, bondingModeSince, bondOptionSpecs } from "../../src/semantic/bonding.js";
import { compareKernels, kernel, parseKernelVersion } from "../../src/semantic/kernel.js";
import { workspace } from "../cli/workspace.js";
import { bondcAsync, ensureBuilt, stackTrace } from "../support/bondc.js";

/*
 * The kernel version as a typed value (issue 10): what parses, and a table of
 * kernel x target x toolset x bonding options -> the codes `check()` reports. The verdicts follow
 * the first kernels in src/semantic/bonding.ts and the targets' and toolsets' own kernels.
 */

describe("kernel versions", () => {
  it.each([
    ["2.2.14", [2, 2, 14]],
    ["2.6.32", [2, 6, 32]],
    ["2.6.32.27", [2, 6, 32, 27]],
    ["4.19", [4, 19]],
    ["6.1", [6, 1]],
    ["7.0", [7, 0]],
    ["6.1.0-56-cloud-amd64", [6, 1, 0]],
    ["7.0-rc1", [7, 0]],
    ["2.6.32-long-version-string-for-a-test", [2, 6, 32]],
  ])("%s reads as %j", (text, numbers) => {
    expect(parseKernelVersion(text)?.numbers).toEqual(numbers);
  });

  it.each(["banana", "", "6", "v6.1", "6.", "6.1.", "6..1", " 6.1", "6.1.2.3.4"])("%j is not a version", (text) => {
    expect(parseKernelVersion(text)).toBeUndefined();
  });

  it("orders versions by their numbers, a missing number counting as 0", () => {
    const ordered = [
      "2.2.14",
      "2.2.18",
      "2.4.9",
      "2.4.37",
      "2.6",
      "2.6.0",
      "2.6.16",
      "2.6.32",
      "3.13",
      "4.19",
      "6.1",
      "7.0",
    ].map(kernel);
    for (let i = 1; i < ordered.length; i++)
      expect(compareKernels(ordered[i - 1]!, ordered[i]!)).toBeLessThanOrEqual(0);
    expect(compareKernels(kernel("2.6"), kernel("2.6.0"))).toBe(0);
    expect(compareKernels(kernel("6.1.0-56-cloud-amd64"), kernel("6.1"))).toBe(0);
  });

  it("every first kernel in the bonding table parses and has a source", () => {
    const facts = [
      ...bondingModes.map((m) => bondingModeSince[m]),
      ...bondOptionSpecs.flatMap((s) => [s.since, ...Object.values(s.valueSince ?? {})]),
    ].filter((f) => f !== undefined);
    expect(facts.length).toBeGreaterThan(15);
    for (const f of facts) {
      expect(parseKernelVersion(f.version), f.version).toBeDefined();
      expect(f.source.length, f.version).toBeGreaterThan(20);
    }
  });
});

type Target = "linuxrc" | "initramfs";
type Tools = "net-tools" | "busybox";

/** A node file that is clean on a kernel that has everything, but for what the row varies. */
function node(kernelText: string | undefined, target: Target, tools: Tools, options: string): string {
  return [
    `target ${target} { ${kernelText === undefined ? "" : `kernel "${kernelText}"  `}tools ${tools}  boot eth0 }`,
    "iface eth0, eth1",
    `load bonding ${options}`.trimEnd(),
    "up bond0 { address 192.168.1.105  netmask 255.255.255.0 }",
    "down eth0, eth1",
    "enslave eth0, eth1 to bond0",
    ...(target === "linuxrc" ? ["mount proc"] : []),
    'handoff nfs { server 192.168.1.1  path "/srv/nfsroot/node5" }',
    "on failure fallback",
  ].join("\n");
}

const ab = "mode=active-backup miimon=100";
const lacp = "mode=802.3ad miimon=100";

/** kernel (undefined: none written), target, toolset, module options -> the error codes, in order. */
const verdicts: readonly (readonly [string | undefined, Target, Tools, string, readonly string[]])[] = [
  // No kernel: no version rule applies, whatever the options.
  [undefined, "linuxrc", "net-tools", `${lacp} packets_per_slave=4`, ["BOND0501"]],
  [undefined, "linuxrc", "net-tools", `${lacp} xmit_hash_policy=encap3+4 ad_select=count`, []],
  // Unreadable versions turn nothing off silently.
  ["banana", "linuxrc", "net-tools", ab, ["BOND0121"]],
  ["", "initramfs", "busybox", ab, ["BOND0121"]],
  // The seed's 2.2.14: balance-rr without options only.
  ["2.2.14", "linuxrc", "net-tools", "", []],
  ["2.2.14", "linuxrc", "net-tools", ab, ["BOND0510", "BOND0510"]],
  ["2.2.14", "linuxrc", "net-tools", "miimon=100", ["BOND0510"]],
  ["2.2.18", "linuxrc", "net-tools", `${ab} updelay=200 downdelay=200`, []],
  ["2.2.18", "linuxrc", "net-tools", "mode=balance-xor miimon=100", ["BOND0510"]],
  ["2.2.18", "linuxrc", "net-tools", `${ab} max_bonds=1`, ["BOND0510"]],
  ["2.4.9", "linuxrc", "net-tools", "mode=balance-xor miimon=100 max_bonds=1", []],
  [
    "2.4.9",
    "linuxrc",
    "net-tools",
    "mode=active-backup arp_interval=200 arp_ip_target=192.168.1.1",
    ["BOND0510", "BOND0510"],
  ],
  ["2.4.11", "linuxrc", "net-tools", "mode=active-backup arp_interval=200 arp_ip_target=192.168.1.1", []],
  ["2.4.19", "linuxrc", "net-tools", `${ab} primary=eth0`, ["BOND0510"]],
  ["2.4.20", "linuxrc", "net-tools", `${ab} primary=eth0`, []],
  ["2.4.20", "linuxrc", "net-tools", `${ab} use_carrier=0`, ["BOND0510"]],
  ["2.4.20", "linuxrc", "net-tools", `${lacp} lacp_rate=fast`, ["BOND0510", "BOND0510"]],
  ["2.4.20", "linuxrc", "net-tools", "mode=balance-alb miimon=100", ["BOND0510"]],
  ["2.4.37", "linuxrc", "net-tools", `${lacp} lacp_rate=fast`, []],
  ["2.4.37", "linuxrc", "net-tools", "mode=balance-tlb miimon=100", []],
  ["2.4.37", "linuxrc", "net-tools", `${lacp} xmit_hash_policy=layer3+4`, ["BOND0510"]],
  // The toolsets: busybox needs the driver's sysfs files (2.6.16).
  ["2.4.37", "linuxrc", "busybox", ab, ["BOND0511"]],
  ["2.6.15", "linuxrc", "busybox", ab, ["BOND0511"]],
  ["2.6.16", "linuxrc", "busybox", ab, []],
  ["2.6.16", "linuxrc", "net-tools", ab, []],
  // The 2.6 options and values.
  ["2.6.13", "linuxrc", "net-tools", `${lacp} xmit_hash_policy=layer3+4`, []],
  ["2.6.13", "linuxrc", "net-tools", `${lacp} xmit_hash_policy=layer2+3`, ["BOND0510"]],
  [
    "2.6.18",
    "linuxrc",
    "net-tools",
    "mode=active-backup arp_interval=200 arp_ip_target=192.168.1.1 arp_validate=all",
    ["BOND0510"],
  ],
  [
    "2.6.19",
    "linuxrc",
    "net-tools",
    "mode=active-backup arp_interval=200 arp_ip_target=192.168.1.1 arp_validate=all",
    [],
  ],
  ["2.6.24", "linuxrc", "net-tools", `${ab} fail_over_mac=none`, []],
  ["2.6.24", "linuxrc", "net-tools", `${ab} fail_over_mac=follow`, ["BOND0510"]],
  ["2.6.26", "linuxrc", "net-tools", `${ab} fail_over_mac=active`, []],
  ["2.6.28", "linuxrc", "net-tools", `${lacp} ad_select=bandwidth`, ["BOND0510"]],
  ["2.6.32", "linuxrc", "net-tools", `${lacp} ad_select=bandwidth lacp_rate=1`, []],
  ["2.6.32", "linuxrc", "net-tools", "mode=balance-rr miimon=100 packets_per_slave=4", ["BOND0510"]],
  ["2.6.32", "linuxrc", "net-tools", `${lacp} xmit_hash_policy=encap3+4`, ["BOND0510"]],
  [
    "2.6.32",
    "linuxrc",
    "net-tools",
    "mode=active-backup arp_interval=200 arp_ip_target=192.168.1.1 arp_validate=filter",
    ["BOND0510"],
  ],
  ["2.6.32.27", "initramfs", "busybox", `${lacp} xmit_hash_policy=layer2+3`, []],
  ["3.13", "initramfs", "busybox", "mode=balance-rr miimon=100 packets_per_slave=4", []],
  ["4.19", "initramfs", "busybox", `${lacp} xmit_hash_policy=encap3+4 ad_select=count`, []],
  // The targets: linuxrc before 7.0, initramfs from 2.6.0.
  ["6.1", "linuxrc", "net-tools", ab, []],
  ["6.1.0-56-cloud-amd64", "linuxrc", "busybox", ab, []],
  ["7.0", "linuxrc", "net-tools", ab, ["BOND0122"]],
  ["7.0-rc1", "linuxrc", "busybox", ab, ["BOND0122"]],
  ["7.0", "initramfs", "busybox", ab, []],
  ["7.0", "initramfs", "net-tools", ab, []],
  ["2.4.37", "initramfs", "net-tools", ab, ["BOND0122"]],
  ["2.4.37", "initramfs", "busybox", ab, ["BOND0122", "BOND0511"]],
  ["2.6.0", "initramfs", "net-tools", ab, []],
];

describe("kernel x target x toolset x options -> verdict", () => {
  it.each(verdicts)(
    "kernel %j, target %s, tools %s, load bonding %s -> %j",
    (kernelText, target, tools, options, codes) => {
      const result = check(node(kernelText, target, tools, options), "node.bond");
      const errors = result.diagnostics.filter((d) => d.severity === "error").map((d) => d.code);
      expect(errors).toEqual(codes);
    },
  );

  it("an option set inside a library procedure is reported at the call, on the user's line", () => {
    const text = [
      'import "std/profiles"',
      'target linuxrc { kernel "2.4.20"  tools net-tools }',
      "iface eth0, eth1",
      "lacp_pair(eth0, eth1, bond0)",
      "mount proc",
      "handoff nfs",
    ].join("\n");
    const errors = check(text, "node.bond").diagnostics.filter((d) => d.code === "BOND0510");
    expect(errors.map((d) => [d.span.file, d.span.line, d.message])).toEqual([
      ["node.bond", 4, "mode 802.3ad needs Linux 2.4.21 or later; the target's kernel is 2.4.20"],
    ]);
  });
});

describe("bondc check says why (issue 10, done when)", () => {
  beforeAll(ensureBuilt);
  const ws = workspace();
  const cases: readonly (readonly [string, string, readonly string[]])[] = [
    [
      "the legacy target on 7.0",
      node("7.0", "linuxrc", "net-tools", ab),
      [
        "error[BOND0122]",
        "`target linuxrc` does not work on Linux 7.0",
        "no longer runs /linuxrc",
        "initrd: remove deprecated code path (linuxrc)",
        "use `target initramfs`",
      ],
    ],
    [
      "an option newer than its kernel",
      node("2.6.32", "linuxrc", "net-tools", "mode=balance-rr miimon=100 packets_per_slave=4"),
      [
        "error[BOND0510]",
        "`packets_per_slave` needs Linux 3.13 or later; the target's kernel is 2.6.32",
        "bonding.rst",
        "the target's kernel",
      ],
    ],
    [
      "banana",
      node("banana", "linuxrc", "net-tools", ab),
      ["error[BOND0121]", '"banana" is not a kernel version', "two or three numbers separated by dots"],
    ],
  ];
  it.each(cases)("rejects %s, saying why", async (_, text, says) => {
    const file = ws.file(`${says[0]!.slice(6, 14)}.bond`, text);
    const r = await bondcAsync(["check", file]);
    expect(r.status).toBe(1);
    for (const s of says) expect(r.stderr).toContain(s);
    expect(r.stderr).not.toMatch(stackTrace);
  });
});
