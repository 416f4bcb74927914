// The console parser on hand-made logs: noise between markers, output without a final newline,
// a run that never finished. (Real consoles are covered by boot.test.ts.)
import { describe, expect, it } from "vitest";
import { observe, parseConsole, prefixToNetmask } from "../../src/boot/observe.js";
import { downloadError } from "../../src/image/packages.js";
import { resolveScenario } from "../../src/boot/scenario.js";

const at = (texts: string[]) => texts.map((text, i) => ({ t: i * 100, text }));

describe("console parser", () => {
  it("keeps section bodies, ignores kernel noise and firmware escapes", () => {
    const p = parseConsole(
      at([
        "\x1b[2J\x1b[01;01HSeaBIOS (version 1.16.2-debian-1.16.2-1)",
        "@@bondc:init-start",
        "@@bondc:begin linuxrc-stderr",
        "@@| insmod: bonding: no module by that name found",
        "[    2.1] bond0: a kernel message that passed `quiet`",
        "@@| ",
        "@@| second line\r",
        "@@bondc:end linuxrc-stderr",
      ]),
    );
    expect(p.sections["linuxrc-stderr"]).toBe("insmod: bonding: no module by that name found\n\nsecond line");
    expect(p.events.map((e) => e.name)).toEqual(["init-start"]);
  });

  it("splits an end marker that landed on the body's last line (output without final newline)", () => {
    const p = parseConsole(
      at(["@@bondc:begin linuxrc-stdout", "@@| partial@@bondc:end linuxrc-stdout", "@@bondc:done"]),
    );
    expect(p.sections["linuxrc-stdout"]).toBe("partial");
    expect(p.events.map((e) => e.name)).toEqual(["done"]);
  });

  it("builds the observation: exit code, complaints, interfaces, bond, timings", () => {
    const o = observe({
      scenario: "unit",
      totalMs: 5000,
      lines: [
        { t: 2000, text: "@@bondc:linuxrc-start" },
        { t: 2300, text: "@@bondc:linuxrc-end rc=0 timedout=0" },
        { t: 2301, text: "@@bondc:begin linuxrc-stderr" },
        { t: 2301, text: "@@| ifconfig: bad port '10.0.2.255'" },
        { t: 2301, text: "@@bondc:end linuxrc-stderr" },
        { t: 2400, text: "@@bondc:begin sysfs-net" },
        { t: 2400, text: "@@| iface=bond0 flags=0x1403 operstate=up address=52:54:00:12:34:56 carrier=1 master=" },
        { t: 2400, text: "@@| iface=eth1 flags=0x1002 operstate=down address=52:54:00:12:34:57 carrier= master=" },
        { t: 2400, text: "@@bondc:end sysfs-net" },
        { t: 2400, text: "@@bondc:begin addrs" },
        {
          t: 2400,
          text: "@@| 4: bond0    inet 10.0.2.15/8 brd 10.255.255.255 scope global bond0\\       valid_lft forever",
        },
        { t: 2400, text: "@@bondc:end addrs" },
        { t: 2400, text: "@@bondc:begin bond-sysfs" },
        { t: 2400, text: "@@| mode=active-backup 1" },
        { t: 2400, text: "@@| miimon=100" },
        { t: 2400, text: "@@| slaves=eth0 eth1" },
        { t: 2400, text: "@@| active_slave=" },
        { t: 2400, text: "@@bondc:end bond-sysfs" },
        { t: 2400, text: "@@bondc:begin kernel-sys" },
        { t: 2400, text: "@@| real-root-dev=255" },
        { t: 2400, text: "@@bondc:end kernel-sys" },
        { t: 4900, text: "@@bondc:done" },
      ],
    });
    expect(o.linuxrc).toEqual({ exitCode: 0, stdout: "", stderr: "ifconfig: bad port '10.0.2.255'", timedOut: false });
    expect(o.complaints).toEqual(["ifconfig: bad port '10.0.2.255'"]);
    expect(o.timings).toEqual({ bootMs: 2000, linuxrcMs: 300, totalMs: 5000 });
    expect(o.realRootDev).toBe(255);
    expect(o.nfsRootName).toBeUndefined();
    expect(o.interfaces["eth1"]).toEqual({
      up: false,
      mac: "52:54:00:12:34:57",
      addresses: [],
      operstate: "down",
      flags: 0x1002,
    });
    expect(o.bond).toMatchObject({
      mode: "active-backup",
      miimon: 100,
      slaves: ["eth0", "eth1"],
      mac: "52:54:00:12:34:56",
      ipv4: "10.0.2.15",
      netmask: "255.0.0.0",
      up: true,
    });
    expect(o.bond?.activeSlave).toBeUndefined();
  });

  it("reports a /linuxrc that never ended as exit -1", () => {
    const o = observe({ scenario: "x", totalMs: 1, lines: at(["@@bondc:linuxrc-start"]) });
    expect(o.linuxrc.exitCode).toBe(-1);
    expect(o.bond).toBeUndefined();
  });

  it("converts prefixes to netmasks", () => {
    expect([0, 8, 24, 25, 32].map(prefixToNetmask)).toEqual([
      "0.0.0.0",
      "255.0.0.0",
      "255.255.255.0",
      "255.255.255.128",
      "255.255.255.255",
    ]);
  });
});

describe("scenario and package errors", () => {
  it("fills defaults and rejects values that would be pasted into /init unchecked", () => {
    const s = resolveScenario({ failover: {} });
    expect(s.eth0).toEqual({ up: true, ipv4: "10.0.2.15", netmask: "255.255.255.0", broadcast: "10.0.2.255" });
    expect(s.eth1).toEqual({ up: false });
    expect(s.failover).toEqual({ cut: "nic0", target: "10.0.2.2", beforeSec: 2, afterSec: 3 });
    expect(() => resolveScenario({ eth0: { up: true, ipv4: "10.0.2.15; reboot" } })).toThrow(/not an IPv4/);
    expect(() => resolveScenario({ eth1: "absent", failover: { cut: "nic1" } })).toThrow(/absent/);
    expect(() => resolveScenario({ linuxrcTimeoutSec: 0 })).toThrow(/positive/);
  });

  it("tells the user to run apt-get update when a download fails on stale lists", () => {
    const e = downloadError(
      "linux-image-6.1.0-56-cloud-amd64",
      "E: Failed to fetch http://deb.debian.org/x.deb  404  Not Found [IP: 1.2.3.4 80]\n",
    );
    expect(e.message).toMatch(/apt-get download linux-image-6\.1\.0-56-cloud-amd64 failed/);
    expect(e.message).toMatch(/run `apt-get update`/);
    expect(downloadError("x", "E: Temporary failure resolving 'deb.debian.org'\n").message).not.toMatch(
      /apt-get update/,
    );
  });
});
