/**
 * ifconfig's output in each dialect, character for character: discovery code the compiler
 * generates parses it, and the seed's general form shows how padding breaks sed patterns.
 */
import { afterAll, describe, expect, it } from "vitest";
import { cleanupSandbox, runLinuxrc, type Dialect } from "../support/sandbox/index.js";
import { PATH_ENV } from "./helpers.js";
import { QUICKSTART } from "../support/seed-scripts.js";

afterAll(cleanupSandbox);

const v1Stats = (b: "b" | "B", q: number): string =>
  "          RX packets:0 errors:0 dropped:0 overruns:0 frame:0\n" +
  "          TX packets:0 errors:0 dropped:0 overruns:0 carrier:0\n" +
  `          collisions:0 txqueuelen:${q} \n` +
  `          RX bytes:0 (0.0 ${b})  TX bytes:0 (0.0 ${b})\n\n`;

const v2Stats =
  "        RX packets 0  bytes 0 (0.0 B)\n" +
  "        RX errors 0  dropped 0  overruns 0  frame 0\n" +
  "        TX packets 0  bytes 0 (0.0 B)\n" +
  "        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0\n\n";

/**
 * `ifconfig -a` on the node as the firmware left it, once proc is mounted (sorted by name, as
 * net-tools and busybox do).
 */
const DEFAULT_ALL: Record<Dialect, string> = {
  nettools160:
    "eth0      Link encap:Ethernet  HWaddr 00:90:27:E0:30:51  \n" +
    "          inet addr:192.168.1.105  Bcast:192.168.1.255  Mask:255.255.255.0\n" +
    "          UP BROADCAST RUNNING MULTICAST  MTU:1500  Metric:1\n" +
    v1Stats("b", 1000) +
    "eth1      Link encap:Ethernet  HWaddr 00:90:27:E0:30:52  \n" +
    "          BROADCAST MULTICAST  MTU:1500  Metric:1\n" +
    v1Stats("b", 1000) +
    "lo        Link encap:Local Loopback  \n" +
    "          inet addr:127.0.0.1  Mask:255.0.0.0\n" +
    "          UP LOOPBACK RUNNING  MTU:65536  Metric:1\n" +
    v1Stats("b", 0),
  busybox:
    "eth0      Link encap:Ethernet  HWaddr 00:90:27:E0:30:51  \n" +
    "          inet addr:192.168.1.105  Bcast:192.168.1.255  Mask:255.255.255.0\n" +
    "          inet6 addr: fe80::290:27ff:fee0:3051/64 Scope:Link\n" +
    "          UP BROADCAST RUNNING MULTICAST  MTU:1500  Metric:1\n" +
    v1Stats("B", 1000) +
    "eth1      Link encap:Ethernet  HWaddr 00:90:27:E0:30:52  \n" +
    "          BROADCAST MULTICAST  MTU:1500  Metric:1\n" +
    v1Stats("B", 1000) +
    "lo        Link encap:Local Loopback  \n" +
    "          inet addr:127.0.0.1  Mask:255.0.0.0\n" +
    "          inet6 addr: ::1/128 Scope:Host\n" +
    "          UP LOOPBACK RUNNING  MTU:65536  Metric:1\n" +
    v1Stats("B", 1000),
  nettools2:
    "eth0: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1500\n" +
    "        inet 192.168.1.105  netmask 255.255.255.0  broadcast 192.168.1.255\n" +
    "        inet6 fe80::290:27ff:fee0:3051  prefixlen 64  scopeid 0x20<link>\n" +
    "        ether 00:90:27:e0:30:51  txqueuelen 1000  (Ethernet)\n" +
    v2Stats +
    "eth1: flags=4098<BROADCAST,MULTICAST>  mtu 1500\n" +
    "        ether 00:90:27:e0:30:52  txqueuelen 1000  (Ethernet)\n" +
    v2Stats +
    "lo: flags=73<UP,LOOPBACK,RUNNING>  mtu 65536\n" +
    "        inet 127.0.0.1  netmask 255.0.0.0\n" +
    "        inet6 ::1  prefixlen 128  scopeid 0x10<host>\n" +
    "        loop  txqueuelen 1000  (Local Loopback)\n" +
    v2Stats,
};

/**
 * `ifconfig -a` before proc is mounted: the tools cannot open /proc/net/dev, warn, and list what
 * SIOCGIFCONF gives (interfaces with an IPv4 address), without statistics or IPv6 lines.
 */
const LIMITED_ALL: Record<Dialect, { stdout: string; stderr: string }> = {
  nettools160: {
    stdout:
      "eth0      Link encap:Ethernet  HWaddr 00:90:27:E0:30:51  \n" +
      "          inet addr:192.168.1.105  Bcast:192.168.1.255  Mask:255.255.255.0\n" +
      "          UP BROADCAST RUNNING MULTICAST  MTU:1500  Metric:1\n\n" +
      "lo        Link encap:Local Loopback  \n" +
      "          inet addr:127.0.0.1  Mask:255.0.0.0\n" +
      "          UP LOOPBACK RUNNING  MTU:65536  Metric:1\n\n",
    stderr: "Warning: cannot open /proc/net/dev (No such file or directory). Limited output.\n",
  },
  busybox: {
    stdout:
      "eth0      Link encap:Ethernet  HWaddr 00:90:27:E0:30:51  \n" +
      "          inet addr:192.168.1.105  Bcast:192.168.1.255  Mask:255.255.255.0\n" +
      "          UP BROADCAST RUNNING MULTICAST  MTU:1500  Metric:1\n\n" +
      "lo        Link encap:Local Loopback  \n" +
      "          inet addr:127.0.0.1  Mask:255.0.0.0\n" +
      "          UP LOOPBACK RUNNING  MTU:65536  Metric:1\n\n",
    stderr: "ifconfig: /proc/net/dev: No such file or directory\n",
  },
  nettools2: {
    stdout:
      "eth0: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1500\n" +
      "        inet 192.168.1.105  netmask 255.255.255.0  broadcast 192.168.1.255\n" +
      "        ether 00:90:27:e0:30:51  txqueuelen 1000  (Ethernet)\n\n" +
      "lo: flags=73<UP,LOOPBACK,RUNNING>  mtu 65536\n" +
      "        inet 127.0.0.1  netmask 255.0.0.0\n" +
      "        loop  txqueuelen 1000  (Local Loopback)\n\n",
    stderr: "Warning: cannot open /proc/net/dev (No such file or directory). Limited output.\n",
  },
};

/** First lines of bond0, eth0, eth1 once the quick start has bonded them. */
const BONDED_HEADS: Record<Dialect, string[]> = {
  nettools160: [
    "bond0     Link encap:Ethernet  HWaddr 00:90:27:E0:30:51  ",
    "          UP BROADCAST RUNNING MASTER MULTICAST  MTU:1500  Metric:1",
    "eth0      Link encap:Ethernet  HWaddr 00:90:27:E0:30:51  ",
    "          UP BROADCAST RUNNING SLAVE MULTICAST  MTU:1500  Metric:1",
    "eth1      Link encap:Ethernet  HWaddr 00:90:27:E0:30:51  ",
  ],
  busybox: [
    "bond0     Link encap:Ethernet  HWaddr 00:90:27:E0:30:51  ",
    "          inet6 addr: fe80::290:27ff:fee0:3051/64 Scope:Link",
    "          UP BROADCAST RUNNING MASTER MULTICAST  MTU:1500  Metric:1",
    "          UP BROADCAST RUNNING SLAVE MULTICAST  MTU:1500  Metric:1",
  ],
  nettools2: [
    "bond0: flags=5187<UP,BROADCAST,RUNNING,MASTER,MULTICAST>  mtu 1500",
    "eth0: flags=6211<UP,BROADCAST,RUNNING,SLAVE,MULTICAST>  mtu 1500",
    "eth1: flags=6211<UP,BROADCAST,RUNNING,SLAVE,MULTICAST>  mtu 1500",
    "        ether 00:90:27:e0:30:51  txqueuelen 1000  (Ethernet)",
  ],
};

describe.each(["nettools160", "busybox", "nettools2"] as const)("ifconfig output, %s", (dialect) => {
  it("`ifconfig -a` lists every interface; `ifconfig` only the up ones; `ifconfig eth1` one", async () => {
    const r = await runLinuxrc(
      "mount -t proc proc /proc; /sbin/ifconfig -a; echo ===; /sbin/ifconfig; echo ===; /sbin/ifconfig eth1",
      { shell: "dash", dialect, env: PATH_ENV },
    );
    expect(r.stderr).toBe("");
    const [all, up, one] = r.stdout.split("===\n");
    expect(all).toBe(DEFAULT_ALL[dialect]);
    const eth1 = DEFAULT_ALL[dialect].slice(DEFAULT_ALL[dialect].indexOf("eth1"), DEFAULT_ALL[dialect].indexOf("lo"));
    expect(up).toBe(DEFAULT_ALL[dialect].replace(eth1, ""));
    expect(one).toBe(eth1);
  });

  it("before proc is mounted, warns and lists only interfaces with an IPv4 address, without statistics", async () => {
    const r = await runLinuxrc("/sbin/ifconfig -a", {
      shell: "dash",
      dialect,
    });
    expect(r.stdout).toBe(LIMITED_ALL[dialect].stdout);
    expect(r.stderr).toBe(LIMITED_ALL[dialect].stderr);
    const full = await runLinuxrc("/sbin/ifconfig -a", {
      shell: "dash",
      dialect,
      scenario: { ifconfigIgnoresProc: true },
    });
    expect(full.stdout).toBe(DEFAULT_ALL[dialect]);
    expect(full.stderr).toBe("");
  });

  it("shows the bond as MASTER and its slaves as SLAVE with the bond's MAC", async () => {
    const r = await runLinuxrc(`${QUICKSTART}/sbin/ifconfig -a\n`, {
      shell: "dash",
      dialect,
    });
    const lines = r.stdout.split("\n");
    for (const l of BONDED_HEADS[dialect]) expect(lines, l).toContain(l);
    // Only the bond has an IPv6 link-local address (slaves have none; 1.60 shows no IPv6).
    expect((r.stdout.match(/inet6 (addr: )?fe80/g) ?? []).length).toBe(dialect === "nettools160" ? 0 : 1);
  });
});
