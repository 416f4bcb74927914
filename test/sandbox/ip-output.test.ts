import { afterAll, describe, expect, it } from "vitest";
import type { DiscoverField } from "../../src/semantic/types.js";
import { cmd, v, word, type Statement } from "../../src/sh/ast.js";
import { printScript } from "../../src/sh/printer.js";
import { extractIpField, prefixMask } from "../../src/toolsets/iproute2/output.js";
import { cleanupSandbox, runLinuxrc } from "../support/sandbox/index.js";

/*
 * The iproute2 toolset reads discovered values out of `ip addr show dev IFACE`: run in the
 * sandbox's shell on what iproute2 prints, it reads the inet line's address, its prefix as a
 * dotted netmask and its `brd` (never the link's ff:ff:ff:ff:ff:ff), and refuses an interface
 * without an IPv4 address.
 */

afterAll(cleanupSandbox);

const configured = [
  "2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc pfifo_fast state UP group default qlen 1000",
  "    link/ether 52:54:00:12:34:56 brd ff:ff:ff:ff:ff:ff",
  "    inet 10.0.2.15/24 brd 10.0.2.255 scope global eth0",
  "       valid_lft forever preferred_lft forever",
  "    inet6 fec0::5054:ff:fe12:3456/64 scope site dynamic mngtmpaddr",
].join("\n");

const unconfigured = [
  "3: eth1: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN group default qlen 1000",
  "    link/ether 52:54:00:12:34:57 brd ff:ff:ff:ff:ff:ff",
].join("\n");

const fields: readonly DiscoverField[] = ["hwaddr", "inet", "netmask", "broadcast"];

function script(output: string): string {
  const out: Statement[] = [{ kind: "assign", variable: "src", value: word(output) }];
  for (const field of fields) {
    out.push(...extractIpField("src", "val", field, cmd("echo", `${field} refused`)));
    out.push(cmd("echo", word(`${field} `, v("val"))));
  }
  return printScript(out).text;
}

describe("fields read from ip addr show", () => {
  it("a configured NIC: MAC, address, /24 as 255.255.255.0, the inet line's brd", async () => {
    const run = await runLinuxrc(script(configured), { shell: "dash", dialect: "nettools160" });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toBe("hwaddr 52:54:00:12:34:56\ninet 10.0.2.15\nnetmask 255.255.255.0\nbroadcast 10.0.2.255\n");
  });

  it("a NIC without an address: its MAC is read, every IPv4 field is refused", async () => {
    const run = await runLinuxrc(script(unconfigured), { shell: "dash", dialect: "nettools160" });
    expect(run.exitCode).toBe(0);
    expect(run.stdout.split("\n").filter((l) => l.endsWith("refused"))).toEqual([
      "inet refused",
      "netmask refused",
      "broadcast refused",
    ]);
    expect(run.stdout).toContain("hwaddr 52:54:00:12:34:57\n");
  });

  it("every prefix length has its dotted netmask", () => {
    expect([0, 1, 8, 23, 24, 31, 32].map(prefixMask)).toEqual([
      "0.0.0.0",
      "128.0.0.0",
      "255.0.0.0",
      "255.255.254.0",
      "255.255.255.0",
      "255.255.255.254",
      "255.255.255.255",
    ]);
  });
});
