// The pieces of the initramfs path, without booting: the ganesha config, modules.dep, the
// initramfs and NFS root layouts, the root init's report parsed, the load file checked.
import { mkdtempSync, readFileSync, readlinkSync, rmSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bootInit } from "../../src/boot/boot-init.js";
import { checkLoad } from "../../src/boot/nfs-boot.js";
import { MissingToolError } from "../../src/image/exec.js";
import { S_IFCHR, S_IFLNK, S_IFMT, S_IFREG } from "../../src/image/cpio.js";
import { compile } from "../../src/api/compile.js";
import { buildImage, planOf } from "../../src/image/build.js";
import {
  buildInitInitramfs,
  COLDPLUG_PATH,
  NIC_DRIVERS,
  NIC_MODULES,
  scriptPlan,
} from "../../src/boot/init-initramfs.js";
import { repoRoot } from "../support/repo.js";
import { collectModules, moduleAliases, moduleDepends, modulesAlias, modulesDep } from "../../src/image/modules.js";
import { ganeshaConfig, NAMESPACE_RUNNER, NFS_MOUNT_OPTIONS, runnerMessages } from "../../src/boot/nfs-server.js";
import { buildNfsRoot } from "../../src/boot/nfs-root.js";
import { observeRoot } from "../../src/boot/observe.js";
import { fetchBusybox, fetchKernel, type KernelFiles } from "../../src/image/packages.js";
import { rootInitScript } from "../../src/boot/root-init.js";
import { readCpio, type ReadEntry } from "./cpio-reader.js";

let kernel: KernelFiles;
let busybox: string;
let tmp: string;

beforeAll(async () => {
  const onProgress = (m: string) => console.log(`[boot packages] ${m}`);
  kernel = await fetchKernel({ onProgress });
  busybox = await fetchBusybox({ onProgress });
  tmp = mkdtempSync(join(tmpdir(), "bondc-nfs-root-test-"));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("the NFS server's config and namespace runner", () => {
  it("serves one RW export over NFSv3/TCP on fixed ports, without root squash and without Bind_addr", () => {
    const c = ganeshaConfig({ dir: "/tmp/bondc-nfs-x/root" });
    expect(c).toMatch(/NFS_Port = 2049;/);
    expect(c).toMatch(/MNT_Port = 20048;/);
    expect(c).toMatch(/Protocols = 3;[\s\S]*Protocols = 3;/);
    expect(c).toMatch(/Enable_UDP = false;/);
    expect(c).toMatch(/Path = \/tmp\/bondc-nfs-x\/root;\n {2}Pseudo = \/tmp\/bondc-nfs-x\/root;/);
    expect(c).toMatch(/Access_Type = RW;\n {2}Squash = No_Root_Squash;/);
    expect(c).not.toMatch(/Bind_addr/i);
    expect(c).not.toMatch(/Mount_Path_Pseudo/);
  });

  it("serves the root under the path the script mounts (Mount_Path_Pseudo), and refuses odd paths", () => {
    const c = ganeshaConfig({ dir: "/tmp/x/root", as: "/srv/nfsroot/node5" });
    expect(c).toMatch(/Mount_Path_Pseudo = true;/);
    expect(c).toMatch(/Path = \/tmp\/x\/root;\n {2}Pseudo = \/srv\/nfsroot\/node5;/);
    for (const bad of ["relative", "/a b", "/a;b", "/a/../b", '/a"b'])
      expect(() => ganeshaConfig({ dir: "/tmp/x", as: bad }), bad).toThrow(/absolute and plain/);
  });

  it("the runner waits for ganesha's ready line, execs QEMU, and speaks with a prefix on stderr", () => {
    expect(NAMESPACE_RUNNER).toMatch(/ganesha_serves\(\) \{ grep -q "NFS SERVER INITIALIZED"/);
    expect(NAMESPACE_RUNNER).toMatch(/\n {2}wait_for ganesha\.nfsd "\$gpid" "\$work\/ganesha\.log" ganesha_serves\n/);
    // A late server (the server-late fault) starts in the background, after QEMU.
    expect(NAMESPACE_RUNNER).toMatch(/\n {2}\(sleep "\$delay" && serve\) &\nelse\n {2}serve\nfi\n/);
    expect(NAMESPACE_RUNNER).toMatch(/\nexec "\$@"\n$/);
    // rpcbind's socket and lock sit right in /run: a private /run keeps two boots' servers apart
    // and the host's /run untouched.
    expect(NAMESPACE_RUNNER).toMatch(
      /for d in \/run \/var\/lib\/nfs\/ganesha; do\n {2}mkdir -p "\$d" && mount -t tmpfs/,
    );
    expect(runnerMessages("noise\nbondc-netns: nfs-ready\nqemu: warning\n")).toEqual(["nfs-ready"]);
    expect(NFS_MOUNT_OPTIONS).toBe("nfsvers=3,proto=tcp,port=2049,mountport=20048,mountproto=tcp,nolock,addr=10.0.2.2");
  });
});

describe("modules.dep from the modules' own depends= fields", () => {
  it("reads depends= as depmod does", async () => {
    const mods = await collectModules(kernel.modulesDir, ["nfsv3", "bonding", "sunrpc"]);
    const dep = (n: string) => moduleDepends(mods.found.find((m) => m.name === n)!.data);
    expect(dep("nfsv3").sort()).toEqual(["lockd", "nfs", "nfs_acl", "sunrpc"]);
    expect(dep("bonding")).toEqual(["tls"]);
    expect(dep("sunrpc")).toEqual([]);
  });

  it("lists every dependency transitively, so that modprobe (loading from the end) meets each after its own", async () => {
    const mods = await collectModules(kernel.modulesDir, [...NIC_MODULES, "bonding", ...NFS_CLIENT]);
    expect(mods.missing).toEqual([]);
    const text = modulesDep(mods.found);
    const lines = new Map(
      text
        .trim()
        .split("\n")
        .map((l) => [l.split(":")[0]!, l.split(":")[1]!.trim().split(" ").filter(Boolean)]),
    );
    const base = (p: string) => p.split("/").pop()!.replace(/\.ko$/, "");
    const nfsv3 = [...lines.entries()].find(([k]) => k.endsWith("/nfsv3.ko"))!;
    expect(nfsv3[0]).toBe("kernel/fs/nfs/nfsv3.ko");
    expect(new Set(nfsv3[1].map(base))).toEqual(
      new Set(["nfs", "lockd", "sunrpc", "nfs_acl", "grace", "fscache", "netfs"]),
    );
    // Replay busybox modprobe: it loads [module, ...deps] from the end; each module's depends=
    // must already be loaded when its turn comes.
    for (const [mod, deps] of lines) {
      const loaded = new Set<string>();
      for (const p of [mod, ...deps].reverse()) {
        const m = mods.found.find((f) => f.guestPath.endsWith(`/${p}`))!;
        for (const d of moduleDepends(m.data)) expect(loaded.has(d), `${base(p)} needs ${d}`).toBe(true);
        loaded.add(m.name);
      }
    }
    expect(() => modulesDep(mods.found.filter((m) => m.name !== "tls"))).toThrow(
      /bonding needs tls, which is not shipped/,
    );
  });

  it("a modules.alias from the modules' alias= fields, for what the kernel asks modprobe for itself", async () => {
    const mods = await collectModules(kernel.modulesDir, ["nfs", "bonding"]);
    expect(moduleAliases(mods.found.find((m) => m.name === "nfs")!.data)).toEqual(
      expect.arrayContaining(["fs-nfs", "nfs4"]),
    );
    const text = modulesAlias(mods.found);
    expect(text).toMatch(/^alias fs-nfs nfs$/m);
    expect(text).toMatch(/^alias rtnl-link-bond bonding$/m);
  });
});

/** The NFSv3 client on Debian's 6.1 cloud kernel: nfsv3 and everything it depends on. */
const NFS_CLIENT = ["sunrpc", "grace", "lockd", "nfs_acl", "netfs", "fscache", "nfs", "nfsv3"];

async function initramfs(opts: { bondingModule?: boolean; nicDrivers?: "preloaded" | "script" } = {}) {
  const r = await buildInitInitramfs({
    plan: scriptPlan("#!/bin/sh\necho hi\n"),
    kernel: { path: kernel.vmlinuz, release: kernel.release, modulesDir: kernel.modulesDir, from: "Debian" },
    busybox,
    bondingModule: opts.bondingModule ?? true,
    nicDrivers: opts.nicDrivers ?? "preloaded",
  });
  const image = new Map<string, ReadEntry>(readCpio(r.image).map((e) => [e.name, e]));
  const dep = image.get(`lib/modules/${kernel.release}/modules.dep`)!.data.toString();
  return { built: r, image, dep, harness: r.harness.length ? readCpio(r.harness) : [] };
}

describe("the initramfs of the initramfs target", () => {
  it("is bondc build's image: the script as /init, stock busybox with applet links, /dev/console and the modules with modules.dep", async () => {
    const { built, image, dep, harness } = await initramfs();
    expect(image.get("init")).toMatchObject({ mode: S_IFREG | 0o755 });
    expect(image.get("init")!.data.toString()).toBe("#!/bin/sh\necho hi\n");
    expect(image.get("bin/busybox")!.data.equals(await readFile(busybox))).toBe(true);
    for (const applet of ["bin/sh", "sbin/modprobe", "sbin/switch_root", "bin/mount", "sbin/ip", "sbin/insmod"]) {
      expect((image.get(applet)?.mode ?? 0) & S_IFMT, applet).toBe(S_IFLNK);
    }
    expect(image.get("dev/console")).toMatchObject({ mode: S_IFCHR | 0o600, rdevMajor: 5, rdevMinor: 1 });
    expect(image.get(`lib/modules/${kernel.release}/modules.alias`)!.data.toString()).toMatch(/^alias fs-nfs nfs$/m);
    for (const m of [...NIC_MODULES.filter((n) => n !== "tls"), "bonding", "tls", ...NFS_CLIENT])
      expect(dep, m).toMatch(new RegExp(`/${m}\\.ko:`));
    // The harness's coldplug is a second archive after the image, never inside it.
    expect(image.has(COLDPLUG_PATH)).toBe(false);
    expect(built.rdinit).toBe(`/${COLDPLUG_PATH}`);
    expect(harness.map((e) => e.name)).toEqual(["bondc", COLDPLUG_PATH]);
    const coldplug = harness[1]!.data.toString();
    expect(coldplug).toMatch(/virtio_net\.ko/);
    expect(coldplug).not.toMatch(/bonding|nfs|tls\.ko/);
    expect(coldplug).toMatch(/exec \/bin\/busybox env -i HOME=\/ TERM=linux \/init\n$/);
    expect(built.gzip.equals(Buffer.concat([built.image, built.harness]))).toBe(true);
  });

  it("boots a compiled program's image byte for byte as bondc build --module virtio_pci --module virtio_net writes it", async () => {
    const file = join(repoRoot, "examples", "initramfs-active-backup.bond");
    const compiled = compile(readFileSync(file, "utf8"), file);
    const nodeKernel = { path: kernel.vmlinuz, release: kernel.release, modulesDir: kernel.modulesDir, from: "Debian" };
    const booted = await buildInitInitramfs({
      plan: planOf(compiled),
      kernel: nodeKernel,
      busybox,
      bondingModule: true,
      nicDrivers: "preloaded",
    });
    const built = await buildImage(compiled, { kernel: nodeKernel, busybox, extraModules: NIC_DRIVERS });
    expect(booted.image.equals(built.bytes)).toBe(true);
    expect(booted.gzip.subarray(0, built.bytes.length).equals(built.bytes)).toBe(true);
  });

  it("leaves bonding.ko out for the missing-module fault, and the coldplug stand-in out when the script loads drivers", async () => {
    const { built, image, dep, harness } = await initramfs({ bondingModule: false, nicDrivers: "script" });
    expect([...image.keys()].some((n) => n.endsWith("/bonding.ko"))).toBe(false);
    expect(dep).not.toMatch(/bonding/);
    expect(built.rdinit).toBeUndefined();
    expect(harness).toEqual([]);
    expect(built.gzip).toBe(built.image);
  });
});

describe("the NFS root", () => {
  it("holds stock busybox, applet links, the mount points and the reporting /sbin/init", async () => {
    const dir = join(tmp, "root");
    await buildNfsRoot({ dir, busybox, init: { token: "bondc-abc" } });
    expect(readFileSync(join(dir, "bin/busybox")).equals(readFileSync(busybox))).toBe(true);
    expect(readlinkSync(join(dir, "bin/sh"))).toBe("/bin/busybox");
    for (const d of ["dev", "proc", "sys"]) expect(statSync(join(dir, d)).isDirectory()).toBe(true);
    const init = readFileSync(join(dir, "sbin/init"), "utf8");
    expect(statSync(join(dir, "sbin/init")).mode & 0o777).toBe(0o755);
    expect(init).toMatch(/^#!\/bin\/sh\n/);
    expect(init).toMatch(/echo bondc-abc >\/bondc-probe/);
    expect(init).not.toMatch(/bondc-load/);
  });

  it("adds the writer and the link waits for a load, and refuses a token that is not plain", () => {
    const init = rootInitScript({
      token: "t1",
      load: {
        lines: 5,
        intervalMs: 20,
        steps: [
          { nic: "nic0", link: "off" },
          { nic: "nic1", link: "on" },
        ],
        ping: true,
      },
    });
    expect(init).toMatch(/while \[ \$i -le 5 \]/);
    expect(init).toMatch(/usleep 20000/);
    expect(init).toMatch(/wait_carrier eth0 0\nwait_carrier eth1 1\n/);
    // The server is pinged for as long as the writer runs, its statistics reported in a section.
    expect(init).toMatch(/\nping -q -i 0\.2 "\$srv" >\/tmp\/bondc-ping 2>&1 &\nppid=\$!\nwriter &\n/);
    expect(init).toMatch(/\nkill -INT \$ppid; wait \$ppid\n/);
    expect(init).toMatch(/mark load-start lines=5 ping=1 /);
    // A kernel that cannot pace pings (the legacy one) gets none, and the mark says so.
    const quiet = rootInitScript({ token: "t1", load: { lines: 5, intervalMs: 20, steps: [], ping: false } });
    expect(quiet).not.toMatch(/ping -q|bondc-ping|\$ppid/);
    expect(quiet).toMatch(/mark load-start lines=5 ping=0 /);
    expect(() => rootInitScript({ token: "a b" })).toThrow(/plain/);
  });
});

describe("what the NFS root's init reports, parsed", () => {
  const at = (texts: string[]) => texts.map((text, i) => ({ t: 1000 + i * 10, text }));
  it("finds / and its type, every bond, addresses with broadcast, the default route, the probe and the load", () => {
    const o = observeRoot({
      scenario: "unit",
      totalMs: 9000,
      lines: at([
        "SeaBIOS (version 1.16.2)",
        "@@bondc:firmware",
        "init: something the /init under test said",
        "@@bondc:root-init pid=1 t=4.00",
        "@@bondc:begin root-mounts",
        "@@| rootfs / rootfs rw 0 0",
        "@@| 10.0.2.2:/srv/nfsroot / nfs rw,vers=3,proto=tcp 0 0",
        "@@| proc /proc proc rw 0 0",
        "@@bondc:end root-mounts",
        "@@bondc:begin root-mountinfo",
        "@@| 1 1 0:2 / / rw - rootfs rootfs rw",
        "@@| 15 1 0:14 / / rw,relatime - nfs 10.0.2.2:/srv/nfsroot rw,vers=3",
        "@@| 16 15 0:4 / /proc rw - proc proc rw",
        "@@bondc:end root-mountinfo",
        "@@bondc:begin addrs",
        "@@| 4: bond0    inet 10.0.2.15/24 brd 10.0.2.255 scope global bond0\\       valid_lft forever",
        "@@| 4: bond0    inet6 fe80::5054:ff:fe12:3456/64 scope link \\       valid_lft forever",
        "@@bondc:end addrs",
        "@@bondc:begin routes",
        "@@| default via 10.0.2.2 dev bond0 ",
        "@@| 10.0.2.0/24 dev bond0 scope link  src 10.0.2.15 ",
        "@@bondc:end routes",
        "@@bondc:begin sysfs-net",
        "@@| iface=bond0 flags=5123 operstate=up address=52:54:00:12:34:56 carrier=1 master=",
        "@@| iface=bond1 flags=5123 operstate=up address=52:54:00:12:34:57 carrier=1 master=",
        "@@| iface=eth0 flags=6147 operstate=up address=52:54:00:12:34:56 carrier=1 master=bond0",
        "@@bondc:end sysfs-net",
        "@@bondc:begin bond-proc:bond0",
        "@@| Currently Active Slave: eth0",
        "@@bondc:end bond-proc:bond0",
        "@@bondc:begin bond-sysfs:bond0",
        "@@| mode=active-backup 1",
        "@@| miimon=100",
        "@@| slaves=eth0 eth1",
        "@@| active_slave=eth0",
        "@@bondc:end bond-sysfs:bond0",
        "@@bondc:begin bond-sysfs:bond1",
        "@@| mode=802.3ad 4",
        "@@| miimon=50",
        "@@| slaves=",
        "@@bondc:end bond-sysfs:bond1",
        "@@bondc:probe wrote=1 read=bondc-abc",
        "@@bondc:load-start lines=3 t=4.50 active=eth0 ",
        "@@bondc:link nic=eth0 carrier=0 t=5.10 active=eth1 ",
        "@@bondc:load-end rc=0 t=6.00 active=eth1 ",
        "@@bondc:begin ping",
        "@@| --- 10.0.2.2 ping statistics ---",
        "@@| 31 packets transmitted, 29 packets received, 6% packet loss",
        "@@bondc:end ping",
        "@@bondc:begin bond-proc-after:bond0",
        "@@| Currently Active Slave: eth1",
        "@@bondc:end bond-proc-after:bond0",
        "@@bondc:done",
      ]),
    });
    expect(o.reachedRoot).toBe(true);
    expect(o.root).toEqual({
      source: "10.0.2.2:/srv/nfsroot",
      type: "nfs",
      options: "rw,vers=3,proto=tcp",
      // The mount on top, as in /proc/mounts: its device number from mountinfo.
      device: "0:14",
    });
    expect(Object.keys(o.bonds)).toEqual(["bond0", "bond1"]);
    expect(o.bonds["bond0"]).toMatchObject({
      mode: "active-backup",
      miimon: 100,
      slaves: ["eth0", "eth1"],
      activeSlave: "eth0",
      ipv4: "10.0.2.15",
      proc: "Currently Active Slave: eth0",
    });
    expect(o.bonds["bond1"]).toMatchObject({ mode: "802.3ad", miimon: 50, slaves: [], mac: "52:54:00:12:34:57" });
    expect(o.interfaces["bond0"]).toMatchObject({
      ipv4: "10.0.2.15",
      netmask: "255.255.255.0",
      broadcast: "10.0.2.255",
      addresses: ["10.0.2.15/24"],
    });
    expect(o.defaultRoute).toEqual({ via: "10.0.2.2", dev: "bond0" });
    expect(o.probe).toEqual({ wrote: true, readBack: "bondc-abc" });
    expect(o.timings).toEqual({ kernelMs: 1010, rootInitMs: 1030, totalMs: 9000 });
    expect(o.initConsole).toEqual(["SeaBIOS (version 1.16.2)", "init: something the /init under test said"]);
    expect(o.load).toEqual({
      planned: 3,
      activeAtStart: ["eth0"],
      links: [{ nic: "eth0", carrier: false, active: ["eth1"], tMs: 5100 }],
      linkTimeouts: [],
      writerExit: 0,
      procAfter: { bond0: "Currently Active Slave: eth1" },
      pings: { sent: 31, received: 29 },
    });
  });

  it("a root init that never finished is not a root reached", () => {
    const o = observeRoot({
      scenario: "unit",
      totalMs: 1,
      lines: at(["@@bondc:root-init pid=1 t=1.0", "@@bondc:begin root-mounts"]),
    });
    expect(o.reachedRoot).toBe(false);
    expect(o.root).toBeUndefined();
  });
});

describe("the load file, checked on the host", () => {
  it("every line once and in order, with the longest pause between two lines", () => {
    expect(checkLoad("1 10.00\n2 10.02\n3 10.50\n4 10.52\n", 4)).toEqual({
      received: 4,
      missing: [],
      complete: true,
      inOrder: true,
      longestGapMs: 480,
      longestGapAfter: 2,
      firstMs: 10000,
      lastMs: 10520,
    });
  });

  it("a lost line, a line out of order, a short file", () => {
    expect(checkLoad("1 1.00\n3 1.02\n", 3)).toMatchObject({
      received: 2,
      missing: [2],
      complete: false,
      inOrder: false,
    });
    expect(checkLoad("2 1.00\n1 1.02\n", 2)).toMatchObject({ missing: [], complete: false, inOrder: false });
    expect(checkLoad("1 1.00\n", 2)).toMatchObject({ missing: [2], complete: false, inOrder: true });
    expect(checkLoad("", 1)).toMatchObject({ received: 0, missing: [1], complete: false });
  });
});

describe("bootInit's host requirements", () => {
  it("names the package of a missing server tool before anything is built", async () => {
    const path = process.env["PATH"];
    process.env["PATH"] = "/nonexistent";
    try {
      const err = await bootInit("#!/bin/sh\n", {}, { qemu: "/usr/bin/qemu-system-x86_64" }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(MissingToolError);
      expect((err as Error).message).toBe(
        "unshare not found on this machine: install it with `apt-get install util-linux` (runs the NFS server and QEMU in a private namespace)",
      );
    } finally {
      process.env["PATH"] = path;
    }
  });
});
