// compareRootState against synthetic observations: the predictions are the real compiler's, the
// observations are what the NFS root's init reported for a good boot (bond sysfs copied from a
// real active-backup boot on Debian 6.1), then broken one field at a time.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compile } from "../../src/api/compile.js";
import type { PredictedEndState } from "../../src/analysis/end-state.js";
import { predictEndState } from "../../src/api/predict.js";
import type { InitBoot } from "../../src/boot/nfs-boot.js";
import {
  compareFallback,
  compareRootState,
  PING_LOSS_LIMIT,
  STALL_LIMIT_MS,
  type NicSetup,
} from "../../src/boot/compare.js";
import { checkLoad } from "../../src/boot/nfs-boot.js";
import { formatVerdict } from "../../src/boot/verdict.js";
import type { BondState, InterfaceState } from "../../src/boot/observe.js";
import { repoRoot } from "../support/repo.js";

function predictionFor(text: string, file = "test.bond"): PredictedEndState {
  const r = compile(text, file);
  expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return predictEndState(r);
}

const example = (name: string) =>
  predictionFor(readFileSync(join(repoRoot, "examples", `${name}.bond`), "utf8"), `${name}.bond`);

const SYSFS_ACTIVE_BACKUP: Record<string, string> = {
  active_slave: "eth0",
  ad_select: "stable 0",
  arp_interval: "0",
  arp_ip_target: "",
  arp_validate: "none 0",
  downdelay: "200",
  fail_over_mac: "none 0",
  lacp_rate: "slow 0",
  miimon: "100",
  mode: "active-backup 1",
  primary: "eth0",
  slaves: "eth0 eth1",
  updelay: "200",
  xmit_hash_policy: "layer2 0",
};

function slave(mac: string): InterfaceState {
  return { up: true, mac, addresses: [], master: "bond0", operstate: "up", carrier: true, flags: 0x1903 };
}

/** What the NFS root's init reports after active-backup.bond booted as predicted. */
function goodBoot(): InitBoot {
  const bond: BondState = {
    mode: "active-backup",
    miimon: 100,
    slaves: ["eth0", "eth1"],
    activeSlave: "eth0",
    mac: "52:54:00:12:34:56",
    ipv4: "10.0.2.15",
    netmask: "255.255.255.0",
    broadcast: "10.0.2.255",
    up: true,
    sysfs: { ...SYSFS_ACTIVE_BACKUP },
    proc: "",
  };
  return {
    scenario: "default",
    reachedRoot: true,
    root: { source: ROOT, type: "nfs", options: "rw,vers=3" },
    bonds: { bond0: bond },
    interfaces: {
      bond0: {
        up: true,
        mac: bond.mac,
        ipv4: "10.0.2.15",
        netmask: "255.255.255.0",
        broadcast: "10.0.2.255",
        addresses: ["10.0.2.15/24"],
        operstate: "up",
        carrier: true,
        flags: 0x1403,
      },
      eth0: slave("52:54:00:12:34:56"),
      eth1: slave("52:54:00:12:34:56"),
      lo: { up: false, mac: "00:00:00:00:00:00", addresses: [], operstate: "down", flags: 8 },
    },
    routes: ["10.0.2.0/24 dev bond0 scope link  src 10.0.2.15"],
    probe: { wrote: true, readBack: "bondc-x" },
    timings: { rootInitMs: 5000, totalMs: 6000 },
    initConsole: [],
    warnings: [],
    kernelLog: [],
    sections: {},
    server: { root: "/srv/nfsroot/node5", probe: "bondc-x" },
    harness: { runner: ["nfs-ready"], monitor: [], qemuStderr: "" },
  };
}

const ROOT = "10.0.2.2:/srv/nfsroot/node5";
/** eth0 as the legacy kernel's ip= leaves it before /linuxrc runs. */
const IP_EQ: Record<string, NicSetup> = {
  eth0: { up: true, ipv4: "10.0.2.15", netmask: "255.255.255.0", broadcast: "10.0.2.255" },
};
const judge = (p: PredictedEndState, o: InitBoot, firmware: Record<string, NicSetup> = IP_EQ) =>
  compareRootState(p, o, ROOT, firmware);

describe("compareRootState: every field of every bond and NIC", () => {
  it("finds nothing when the kernel reports the predicted state", () => {
    expect(judge(example("active-backup"), goodBoot())).toEqual([]);
  });

  it("names each bond field that differs, with the predicted and the reported value", () => {
    const o = goodBoot();
    o.bonds["bond0"] = {
      ...o.bonds["bond0"]!,
      mode: "balance-rr",
      up: false,
      slaves: ["eth0"],
      mac: "52:54:00:12:34:57",
      ipv4: "10.0.2.16",
      netmask: "255.0.0.0",
    };
    expect(judge(example("active-backup"), o)).toEqual([
      "bond0 up: predicted up, kernel reports down",
      "bond0 mode: predicted active-backup, kernel reports balance-rr",
      "bond0 slaves: predicted eth0, eth1, kernel reports eth0",
      "bond0 MAC: predicted 52:54:00:12:34:56 (eth0's hwaddr at boot), kernel reports 52:54:00:12:34:57",
      "bond0 IPv4 address: predicted 10.0.2.15 (eth0's inet at boot), kernel reports 10.0.2.16",
      "bond0 netmask: predicted 255.255.255.0 (eth0's netmask at boot), kernel reports 255.0.0.0",
    ]);
  });

  it("checks every option the kernel exposes in sysfs", () => {
    const o = goodBoot();
    o.bonds["bond0"]!.sysfs["primary"] = "";
    o.bonds["bond0"]!.sysfs["updelay"] = "0";
    expect(judge(example("active-backup"), o)).toEqual([
      "bond0 primary: predicted eth0, kernel reports nothing",
      "bond0 updelay: predicted 200, kernel reports 0",
    ]);
  });

  it("reads enumerations by their name and lists in any order", () => {
    const lacp = predictionFor(
      [
        'target linuxrc { kernel "4.19"  tools net-tools  boot eth0 }',
        "iface eth0, eth1",
        "load bonding mode=802.3ad miimon=100 lacp_rate=fast",
        "up bond0 { address 10.0.2.15  netmask /24 }",
        "down eth0, eth1",
        "enslave eth0, eth1 to bond0",
        "mount proc",
        "handoff nfs",
      ].join("\n"),
    );
    const o = goodBoot();
    o.bonds["bond0"] = {
      ...o.bonds["bond0"]!,
      mode: "802.3ad",
      sysfs: {
        ...SYSFS_ACTIVE_BACKUP,
        mode: "802.3ad 4",
        lacp_rate: "fast 1",
        primary: "",
        updelay: "0",
        downdelay: "0",
      },
    };
    expect(judge(lacp, o)).toEqual([]);
    o.bonds["bond0"].sysfs["lacp_rate"] = "slow 0";
    expect(judge(lacp, o)).toEqual(["bond0 lacp_rate: predicted fast, kernel reports slow 0"]);

    const arp = predictionFor(
      [
        'target linuxrc { kernel "4.19"  tools net-tools  boot eth0 }',
        "iface eth0, eth1",
        "load bonding mode=active-backup",
        "up bond0 { address 10.0.2.15  netmask /24  arp_interval 1000  arp_ip_target 10.0.2.2, 10.0.2.3 }",
        "down eth0, eth1",
        "enslave eth0, eth1 to bond0",
        "mount proc",
        "handoff nfs",
      ].join("\n"),
    );
    const a = goodBoot();
    a.bonds["bond0"]!.sysfs = {
      ...SYSFS_ACTIVE_BACKUP,
      miimon: "0",
      updelay: "0",
      downdelay: "0",
      primary: "",
      arp_interval: "1000",
      arp_ip_target: "10.0.2.3 10.0.2.2",
    };
    expect(judge(arp, a)).toEqual([]);
    a.bonds["bond0"]!.sysfs["arp_ip_target"] = "10.0.2.2";
    expect(judge(arp, a)).toEqual(["bond0 arp_ip_target: predicted 10.0.2.2,10.0.2.3, kernel reports 10.0.2.2"]);
  });

  it("expects the first slave's MAC when the bond has no hwaddr", () => {
    const prediction = predictionFor(
      [
        'target linuxrc { kernel "2.6.32"  tools net-tools  boot eth0 }',
        "iface eth0, eth1",
        "load bonding mode=active-backup miimon=100",
        "up bond0 { address 10.0.2.15  netmask 255.255.255.0 }",
        "down eth1, eth0",
        "enslave eth1, eth0 to bond0",
        "mount proc",
        "handoff nfs",
      ].join("\n"),
    );
    const o = goodBoot();
    o.bonds["bond0"]!.sysfs = { ...SYSFS_ACTIVE_BACKUP, primary: "" };
    expect(judge(prediction, o)).toEqual([
      "bond0 MAC: predicted 52:54:00:12:34:57 (its first slave eth1's), kernel reports 52:54:00:12:34:56",
    ]);
    o.bonds["bond0"]!.mac = "52:54:00:12:34:57";
    expect(judge(prediction, o)).toEqual([]);
  });

  it("resolves values read at boot against what ip= gave the boot NIC", () => {
    const o = goodBoot();
    const moved = { eth0: { up: true, ipv4: "192.168.1.105", netmask: "255.255.255.0", broadcast: "192.168.1.255" } };
    expect(judge(example("active-backup"), o, moved)).toEqual([
      "bond0 IPv4 address: predicted 192.168.1.105 (eth0's inet at boot), kernel reports 10.0.2.15",
      "bond0 broadcast: predicted 192.168.1.255 (eth0's broadcast at boot), kernel reports 10.0.2.255",
    ]);
    o.bonds["bond0"]!.ipv4 = "192.168.1.105";
    o.bonds["bond0"]!.broadcast = "192.168.1.255";
    expect(judge(example("active-backup"), o, moved)).toEqual([]);
    expect(judge(example("active-backup"), o, { eth0: { up: true } })).toEqual([
      "bond0 IPv4 address: predicted eth0's inet at boot, which the firmware did not set, kernel reports 192.168.1.105",
      "bond0 netmask: predicted eth0's netmask at boot, which the firmware did not set, kernel reports 255.255.255.0",
      "bond0 broadcast: predicted eth0's broadcast at boot, which the firmware did not set, kernel reports 192.168.1.255",
    ]);
  });

  it("checks slaves: their master, that they are up, and that they carry no address of their own", () => {
    const o = goodBoot();
    o.interfaces["eth0"] = {
      ...slave("52:54:00:12:34:56"),
      addresses: ["10.0.2.15/24"],
      ipv4: "10.0.2.15",
      netmask: "255.255.255.0",
    };
    o.interfaces["eth1"] = { ...slave("52:54:00:12:34:57"), up: false };
    delete o.interfaces["eth1"].master;
    expect(judge(example("active-backup"), o)).toEqual([
      "eth0 IPv4: predicted none (a slave of bond0), kernel reports 10.0.2.15/24",
      "eth1 up: predicted up, kernel reports down",
      "eth1 master: predicted bond0, kernel reports none",
    ]);
    delete o.interfaces["eth1"];
    expect(judge(example("active-backup"), o)).toContain("eth1: predicted enslaved to bond0, kernel has no eth1");
  });

  it("reports a missing bond once instead of every field", () => {
    const o = goodBoot();
    delete o.bonds["bond0"];
    delete o.interfaces["bond0"];
    expect(judge(example("active-backup"), o)).toEqual(["bond0: predicted up, kernel has no bond0"]);
  });
});

/** What the root reports after active-backup.bond fell back: eth1 missing, eth0 unbonded with its boot address. */
function fellBack(): InitBoot {
  const o = goodBoot();
  o.bonds["bond0"] = { ...o.bonds["bond0"]!, up: false, slaves: [], activeSlave: undefined, sysfs: {} };
  o.interfaces = {
    eth0: {
      up: true,
      mac: "52:54:00:12:34:56",
      ipv4: "10.0.2.15",
      netmask: "255.255.255.0",
      addresses: ["10.0.2.15/24"],
      operstate: "up",
      carrier: true,
      flags: 0x1003,
    },
  };
  o.initConsole = [
    "bondc: active-backup.bond:24: ifenslave bond0 eth1 failed",
    "bondc: falling back to eth0 with 10.0.2.15 so the NFS root stays reachable",
  ];
  return o;
}

describe("compareFallback: a fault's boot against the fallback policy's promise", () => {
  const address = { ipv4: "10.0.2.15", netmask: "255.255.255.0" };
  const promise = (o: InitBoot) => compareFallback(example("active-backup"), o, ROOT, "eth0", address);

  it("finds nothing when the root came over eth0, unbonded, with its boot address, after the script said so", () => {
    expect(promise(fellBack())).toEqual([]);
  });

  it("✗ when the script never fell back, eth0 stayed a slave, its address changed, or the file never arrived", () => {
    const o = fellBack();
    o.initConsole = [];
    o.interfaces["eth0"] = { ...o.interfaces["eth0"]!, master: "bond0", ipv4: "10.0.2.16" };
    o.bonds["bond0"] = { ...o.bonds["bond0"]!, slaves: ["eth0"] };
    o.server.probe = undefined;
    expect(promise(o)).toEqual([
      "fallback: the script never said it fell back to eth0",
      "eth0 master: promised none (unbonded), kernel reports bond0",
      "eth0 IPv4 address: promised 10.0.2.15, kernel reports 10.0.2.16",
      "bond0 slaves: promised none after the fallback, kernel reports eth0",
      "the file written on / did not round-trip to the server",
    ]);
  });

  it("✗ when the root is not the NFS root the handoff named", () => {
    const o = fellBack();
    o.root = { source: "/dev/root", type: "ext2", options: "rw" };
    expect(promise(o)).toEqual([`/: promised nfs from ${ROOT} over eth0, the root's init reports ext2 from /dev/root`]);
  });
});

describe("compareRootState: the NFS root's report against the prediction", () => {
  const bond = (mode: string, slaves: string[], mac: string, ipv4: string): BondState => ({
    mode,
    miimon: 100,
    slaves,
    mac,
    ipv4,
    netmask: "255.255.255.0",
    broadcast: ipv4.replace(/\.\d+$/, ".255"),
    up: true,
    sysfs: { mode: `${mode} 1`, miimon: "100", primary: "eth0" },
    proc: "",
  });
  const good = (): InitBoot => ({
    scenario: "unit",
    reachedRoot: true,
    root: { source: "10.0.2.2:/srv/nfsroot", type: "nfs", options: "rw,vers=3" },
    bonds: { bond0: bond("active-backup", ["eth0", "eth1"], "52:54:00:12:34:56", "10.0.2.15") },
    interfaces: {
      bond0: {
        up: true,
        mac: "52:54:00:12:34:56",
        addresses: ["10.0.2.15/24"],
        ipv4: "10.0.2.15",
        netmask: "255.255.255.0",
        operstate: "up",
        flags: 0x1403,
      },
      eth0: slave("52:54:00:12:34:56"),
      eth1: slave("52:54:00:12:34:56"),
    },
    routes: ["default via 10.0.2.2 dev bond0"],
    defaultRoute: { via: "10.0.2.2", dev: "bond0" },
    probe: { wrote: true, readBack: "bondc-x" },
    timings: { totalMs: 1 },
    initConsole: [],
    warnings: [],
    kernelLog: [],
    sections: {},
    server: { root: "/srv/nfsroot", probe: "bondc-x" },
    harness: { runner: ["nfs-ready"], monitor: [], qemuStderr: "" },
  });
  const predicted = example("initramfs-active-backup");

  it("a good boot: no differences (the bond's MAC is eth0's, read at boot)", () => {
    expect(predicted.defaultRoute).toMatchObject({ dev: "bond0" });
    expect(compareRootState(predicted, good(), "10.0.2.2:/srv/nfsroot")).toEqual([]);
    const noRoute = good();
    delete noRoute.defaultRoute;
    expect(compareRootState(predicted, noRoute, "10.0.2.2:/srv/nfsroot")).toEqual([
      "default route: predicted via 10.0.2.2 dev bond0, kernel has none",
    ]);
  });

  it("a root that is not NFS, a wrong mode, an address left on a slave, a file that never reached the server", () => {
    const o = good();
    o.root = { source: "/dev/root", type: "ext2", options: "" };
    o.bonds["bond0"] = bond("balance-rr", ["eth0", "eth1"], "52:54:00:12:34:56", "10.0.2.15");
    o.interfaces["eth1"] = { ...slave("52:54:00:12:34:56"), addresses: ["10.0.2.16/24"] };
    delete o.server.probe;
    o.defaultRoute = { via: "10.0.2.2", dev: "eth0" };
    expect(compareRootState(predicted, o, "10.0.2.2:/srv/nfsroot")).toEqual([
      "/: predicted nfs from 10.0.2.2:/srv/nfsroot, the root's init reports ext2 from /dev/root",
      "bond0 mode: predicted active-backup, kernel reports balance-rr",
      "eth1 IPv4: predicted none (a slave of bond0), kernel reports 10.0.2.16/24",
      "default route: predicted via 10.0.2.2 dev bond0, kernel reports via 10.0.2.2 dev eth0",
      'the file written on / read back "bondc-x", the host reads undefined there',
    ]);
  });

  it("a disk root: judged by the device number / is on, not by an NFS source", () => {
    const o = good();
    o.root = { source: "/dev/root", type: "ext2", options: "", device: "8:1" };
    const sda1 = { name: "/dev/sda1", device: "8:1" };
    expect(compareRootState(predicted, o, sda1)).toEqual([]);
    o.root = { ...o.root, device: "8:0" };
    expect(compareRootState(predicted, o, sda1)).toEqual([
      "/: predicted /dev/sda1 (8:1), the root's init reports ext2 from /dev/root (8:0)",
    ]);
  });

  it("✗ on a planted wrong broadcast, set or derived", () => {
    const o = good();
    o.bonds["bond0"]!.broadcast = "10.0.2.127";
    expect(compareRootState(predicted, o, "10.0.2.2:/srv/nfsroot")).toEqual([
      "bond0 broadcast: predicted 10.0.2.255 (from 10.0.2.15 and 255.255.255.0), kernel reports 10.0.2.127",
    ]);
    const general = example("seed-general");
    const firmware = { eth0: { up: true, ipv4: "10.0.2.15", netmask: "255.255.255.0", broadcast: "10.0.2.255" } };
    const seen = good();
    seen.bonds["bond0"] = { ...bond("balance-rr", ["eth0", "eth1"], "52:54:00:12:34:56", "10.0.2.15") };
    // The seed's general form sets broadcast 192.168.1.255 whatever address eth0 had.
    seen.bonds["bond0"].broadcast = "192.168.1.255";
    expect(compareRootState(general, seen, "10.0.2.2:/srv/nfsroot", firmware)).toEqual([]);
    seen.bonds["bond0"].broadcast = "10.0.2.255";
    expect(compareRootState(general, seen, "10.0.2.2:/srv/nfsroot", firmware)).toContain(
      "bond0 broadcast: predicted 192.168.1.255, kernel reports 10.0.2.255",
    );
  });

  it("✗ on a wrong bond1 mode: every bond is judged, not only bond0", () => {
    const two = example("initramfs-two-bonds");
    const o = good();
    o.bonds["bond1"] = bond("802.3ad", ["eth2", "eth3"], "52:54:00:12:34:58", "10.0.3.15");
    const right = compareRootState(two, o, "10.0.2.2:/srv/nfsroot");
    o.bonds["bond1"] = bond("balance-rr", ["eth2", "eth3"], "52:54:00:12:34:58", "10.0.3.15");
    const wrong = compareRootState(two, o, "10.0.2.2:/srv/nfsroot");
    expect(right.filter((m) => m.startsWith("bond1 mode"))).toEqual([]);
    expect(wrong).toContain("bond1 mode: predicted 802.3ad, kernel reports balance-rr");
  });

  it("✗ on a failover that drops lines, stalls past the limit, or leaves a dead slave active", () => {
    const o = good();
    o.load = {
      planned: 400,
      activeAtStart: ["eth0"],
      links: [
        { nic: "eth0", carrier: false, active: ["eth1"], tMs: 5000 },
        { nic: "eth0", carrier: true, active: ["eth1"], tMs: 6000 },
        { nic: "eth1", carrier: false, active: ["eth1"], tMs: 7000 },
      ],
      linkTimeouts: [],
      writerExit: 0,
      procAfter: {},
      pings: { sent: 60, received: 60 },
    };
    const lines = (skip: number[], gapAfter = 0) =>
      Array.from({ length: 400 }, (_, i) => i + 1)
        .filter((n) => !skip.includes(n))
        .map((n) => `${n} ${(n * 0.02 + (gapAfter && n > gapAfter ? 12 : 0)).toFixed(2)}`)
        .join("\n");
    o.server.load = checkLoad(lines([17, 18, 19], 200), 400);
    expect(compareRootState(predicted, o, "10.0.2.2:/srv/nfsroot")).toEqual([
      "failover: 3 of 400 lines lost (threshold 0), first 17, 18, 19",
      `failover: the root stalled 12020 ms after line 200 (threshold ${STALL_LIMIT_MS} ms)`,
      "failover: eth1 lost its link but is still the active slave",
    ]);
    o.load.links[2]!.active = ["eth0"];
    o.server.load = checkLoad(lines([]), 400);
    expect(compareRootState(predicted, o, "10.0.2.2:/srv/nfsroot")).toEqual([]);
  });

  it("✗ on a failover that loses more pings than the limit, or reports none; the limit itself passes, and pings off on purpose", () => {
    const o = good();
    o.load = {
      planned: 400,
      activeAtStart: ["eth0"],
      links: [{ nic: "eth0", carrier: false, active: ["eth1"], tMs: 5000 }],
      linkTimeouts: [],
      writerExit: 0,
      procAfter: {},
      pings: { sent: 60, received: 60 - PING_LOSS_LIMIT },
    };
    o.server.load = checkLoad(
      Array.from({ length: 400 }, (_, i) => `${i + 1} ${((i + 1) * 0.02).toFixed(2)}`).join("\n"),
      400,
    );
    const judge = () => compareRootState(predicted, o, "10.0.2.2:/srv/nfsroot");
    expect(judge()).toEqual([]);
    o.load.pings = { sent: 60, received: 60 - PING_LOSS_LIMIT - 1 };
    expect(judge()).toEqual([
      `failover: ${PING_LOSS_LIMIT + 1} of 60 pings to the server lost (threshold ${PING_LOSS_LIMIT})`,
    ]);
    o.load.pings = { sent: 0, received: 0 };
    expect(judge()).toEqual(["failover: the root's init sent no ping to the server"]);
    delete o.load.pings;
    expect(judge()).toEqual(["failover: the root's init reported no ping statistics"]);
    // A run planned without pings (the cluster's clients) ran none on purpose: the lines alone judge.
    o.load.pings = "off";
    expect(judge()).toEqual([]);
  });

  it("the verdict prints ✗ and each difference", () => {
    const text = formatVerdict("x.bond", "failover", {
      boot: good(),
      predicted,
      root: "10.0.2.2:/srv/nfsroot",
      mismatches: ["failover: 3 of 400 lines lost (threshold 0), first 17, 18, 19"],
    });
    expect(text).toContain("✗ 1 difference(s) from the state bondc predicted:");
    expect(text).toContain("- failover: 3 of 400 lines lost (threshold 0), first 17, 18, 19");
  });

  it("formatVerdict: the short report bondc boot prints", () => {
    const text = formatVerdict("examples/initramfs-active-backup.bond", "default", {
      boot: good(),
      predicted,
      root: "10.0.2.2:/srv/nfsroot",
      mismatches: [],
    });
    expect(text.split("\n")).toEqual([
      "bondc boot examples/initramfs-active-backup.bond (scenario default)",
      "  root        nfs from 10.0.2.2:/srv/nfsroot, reported by its own /sbin/init",
      "  bond0       up, mode active-backup, miimon 100, slaves eth0 eth1",
      "              MAC 52:54:00:12:34:56, IPv4 10.0.2.15 netmask 255.255.255.0 brd 10.0.2.255",
      "              options miimon 100, primary eth0",
      "  route       default via 10.0.2.2 dev bond0",
      "  file on /   written, read back, and on the server",
      "  timing      power-on to the bond up (the handoff step) - ms; to the NFS root's init - ms; whole run 1 ms",
      "  prediction  ✓ the NFS root reports the state bondc predicted",
      "",
    ]);
  });
});
