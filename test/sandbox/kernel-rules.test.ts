/** The stub tools refuse what the kernel and the real tools refuse, with their messages. */
import { afterAll, describe, expect, it } from "vitest";
import {
  cleanupSandbox,
  DEFAULT_BOND_MAC,
  FAULTS,
  runLinuxrc,
  SHELLS,
  type Dialect,
  type RunOptions,
} from "../support/sandbox/index.js";
import { PATH_ENV, runUnderAllShells, where } from "./helpers.js";
import { QUICKSTART } from "../support/seed-scripts.js";

afterAll(cleanupSandbox);

/** Run a snippet under dash with PATH set; `rc` lines echo each command's status. */
function run(body: string, dialect: Dialect = "nettools160", opts: Partial<RunOptions> = {}) {
  return runLinuxrc(`PATH=/sbin:/bin:/usr/sbin:/usr/bin\n${body}\n`, {
    shell: "dash",
    dialect,
    ...opts,
  });
}

const BOND_UP = "insmod bonding\nifconfig bond0 192.168.1.105 netmask 255.255.255.0 up";

describe("ifconfig", () => {
  it("refuses to configure bond0 before insmod (net-tools: every ioctl fails, the run goes on)", async () => {
    const r = await run("ifconfig bond0 192.168.1.105 netmask 255.255.255.0 up; echo rc=$?");
    expect(r.stdout).toBe("rc=1\n");
    expect(r.stderr).toBe(
      "SIOCSIFADDR: No such device\nSIOCSIFNETMASK: No such device\nbond0: unknown interface: No such device\n",
    );
    expect(r.state.interfaces["bond0"]).toBeUndefined();
  });

  it("refuses to configure bond0 before insmod (busybox: dies at the first error)", async () => {
    const r = await run("ifconfig bond0 192.168.1.105 netmask 255.255.255.0 up; echo rc=$?", "busybox");
    expect(r.stdout).toBe("rc=1\n");
    expect(r.stderr).toBe("ifconfig: SIOCSIFADDR: No such device\n");
  });

  it("reports a missing device (after a warning while /proc is not mounted)", async () => {
    for (const [dialect, msg, warning] of [
      [
        "nettools160",
        "eth9: error fetching interface information: Device not found\n",
        "Warning: cannot open /proc/net/dev (No such file or directory). Limited output.\n",
      ],
      [
        "nettools2",
        "eth9: error fetching interface information: Device not found\n",
        "Warning: cannot open /proc/net/dev (No such file or directory). Limited output.\n",
      ],
      [
        "busybox",
        "ifconfig: eth9: error fetching interface information: Device not found\n",
        "ifconfig: /proc/net/dev: No such file or directory\n",
      ],
    ] as const) {
      const r = await run("ifconfig eth9; echo rc=$?\nmount -t proc proc /proc\nifconfig eth9; echo rc=$?", dialect);
      expect(r.stdout, dialect).toBe("rc=1\nrc=1\n");
      expect(r.stderr, dialect).toBe(warning + msg + msg);
    }
  });

  it("refuses a MAC that is no MAC", async () => {
    const nt = await run(`${BOND_UP}\nifconfig bond0 hw ether eth0 up; echo rc=$?`);
    expect(nt.stdout).toBe("rc=1\n");
    expect(nt.stderr).toBe("eth0: invalid ether address.\n");
    const bb = await run(`${BOND_UP}\nifconfig bond0 hw ether eth0 up; echo rc=$?`, "busybox");
    expect(bb.stderr).toBe("ifconfig: invalid hw-addr eth0\n");
    expect(bb.state.interfaces["bond0"]?.mac).toBe(DEFAULT_BOND_MAC);
    const mc = await run(`${BOND_UP}\nifconfig bond0 hw ether 01:00:5E:00:00:01; echo rc=$?`);
    expect(mc.stderr).toBe("SIOCSIFHWADDR: Cannot assign requested address\n");
  });

  it("refuses an address that is no address (the rest of the line is not processed)", async () => {
    const r = await run(`${BOND_UP}\nifconfig bond0 down\nifconfig bond0 10.0.0.1 junk up; echo rc=$?`);
    expect(r.stdout).toBe("rc=1\n");
    expect(r.stderr).toBe("junk: Unknown host\nifconfig: `--help' gives usage information.\n");
    expect(r.state.interfaces["bond0"]).toMatchObject({
      ipv4: "10.0.0.1",
      netmask: "255.0.0.0",
      up: false,
    });
  });

  it("refuses a MAC change on an up Ethernet device unless the scenario allows live changes", async () => {
    const busy = await run("ifconfig eth0 hw ether 00:11:22:33:44:55; echo rc=$?");
    expect(busy.stderr).toBe("SIOCSIFHWADDR: Device or resource busy - you may need to down the interface\n");
    expect(busy.state.interfaces["eth0"]?.mac).toBe("00:90:27:E0:30:51");
    const live = await run("ifconfig eth0 hw ether 00:11:22:33:44:55; echo rc=$?", "nettools160", {
      scenario: { liveMacChange: true },
    });
    expect(live.stdout).toBe("rc=0\n");
    expect(live.state.interfaces["eth0"]?.mac).toBe("00:11:22:33:44:55");
  });

  it("keeps the address of a downed interface, as Linux does", async () => {
    const r = await run("ifconfig eth0 down\nifconfig eth0");
    expect(r.state.interfaces["eth0"]).toMatchObject({
      up: false,
      running: false,
      ipv4: "192.168.1.105",
    });
    expect(r.stdout).toContain("inet addr:192.168.1.105  Bcast:192.168.1.255  Mask:255.255.255.0\n");
    expect(r.stdout).toContain("          BROADCAST MULTICAST  MTU:1500  Metric:1\n");
  });

  it("sets classful defaults with the address, and moves a default broadcast with the netmask", async () => {
    const r = await run(`insmod bonding\nifconfig bond0 10.1.2.3\nifconfig bond0\nifconfig bond0 netmask 255.255.0.0`);
    expect(r.stdout).toContain("inet addr:10.1.2.3  Bcast:10.255.255.255  Mask:255.0.0.0\n");
    expect(r.state.interfaces["bond0"]).toMatchObject({
      netmask: "255.255.0.0",
      broadcast: "10.1.255.255",
    });
    const bad = await run("ifconfig eth0 netmask 255.0.255.0; echo rc=$?");
    expect(bad.stderr).toBe("SIOCSIFNETMASK: Invalid argument\n");
    const none = await run("ifconfig eth1 netmask 255.255.255.0; echo rc=$?");
    expect(none.stderr).toBe("SIOCSIFNETMASK: Cannot assign requested address\n");
    const cidr = await run("ifconfig eth1 10.0.0.5/28 up");
    expect(cidr.state.interfaces["eth1"]).toMatchObject({
      ipv4: "10.0.0.5",
      netmask: "255.255.255.240",
      broadcast: "10.0.0.15",
    });
    const zero = await run("ifconfig eth0 0.0.0.0");
    expect(zero.state.interfaces["eth0"]?.ipv4).toBeUndefined();
  });
});

describe("insmod", () => {
  it("creates bond0, down, with the driver's random MAC, and records the parameters", async () => {
    const r = await run("insmod bonding mode=active-backup miimon=100 foo=1; echo rc=$?");
    expect(r.stdout).toBe("rc=0\n");
    expect(r.stderr).toBe("bonding: unknown parameter 'foo' ignored\n");
    expect(r.state.modules).toEqual([
      {
        name: "bonding",
        params: { mode: "active-backup", miimon: "100", foo: "1" },
        args: ["mode=active-backup", "miimon=100", "foo=1"],
      },
    ]);
    expect(r.state.interfaces["bond0"]).toMatchObject({
      kind: "bond",
      up: false,
      mac: DEFAULT_BOND_MAC,
      slaves: [],
      mode: 1,
    });
  });

  it("loads a module path too, and max_bonds makes more bonds", async () => {
    const r = await run("insmod /lib/modules/2.2.14/net/bonding.o max_bonds=2");
    expect(Object.keys(r.state.interfaces).sort()).toEqual(["bond0", "bond1", "eth0", "eth1", "lo"]);
  });

  it("refuses to load twice, unknown modules, bad parameters", async () => {
    const twice = await run("insmod bonding\ninsmod bonding; echo rc=$?");
    expect(twice.stdout).toBe("rc=1\n");
    expect(twice.stderr).toBe("insmod: can't insert 'bonding': File exists\n");
    const unknown = await run("insmod e1000; echo rc=$?");
    expect(unknown.stderr).toBe("insmod: can't insert 'e1000': No such file or directory\n");
    const mode = await run("insmod bonding mode=fast; echo rc=$?");
    expect(mode.stdout).toBe("rc=1\n");
    expect(mode.stderr).toBe(
      "bonding: Error: Invalid bonding mode \"fast\"\ninsmod: can't insert 'bonding': Invalid argument\n",
    );
    expect(mode.state.modules).toEqual([]);
    const num = await run("insmod bonding miimon=often; echo rc=$?");
    expect(num.stderr).toContain("insmod: can't insert 'bonding': Invalid argument\n");
  });

  it("fails when the bonding module is missing (fault)", async () => {
    const r = await run("insmod bonding; echo rc=$?\nifconfig bond0 192.168.1.105 up; echo rc=$?", "nettools160", {
      scenario: FAULTS.bondingMissing,
    });
    expect(r.stdout).toBe("rc=1\nrc=1\n");
    expect(r.stderr).toContain("insmod: can't insert 'bonding': No such file or directory\n");
    expect(r.stderr).toContain("SIOCSIFADDR: No such device\n");
    expect(r.state.modules).toEqual([]);
    expect(r.state.interfaces["bond0"]).toBeUndefined();
  });
});

describe("ifenslave", () => {
  it("refuses a bond that does not exist", async () => {
    const r = await run("ifenslave bond0 eth1; echo rc=$?");
    expect(r.stdout).toBe("rc=1\n");
    expect(r.stderr).toBe("Master 'bond0': Error: get settings failed: No such device. Exiting.\n");
  });

  it("refuses a bond that is not up", async () => {
    const r = await run("insmod bonding\nifenslave bond0 eth1; echo rc=$?");
    expect(r.stdout).toBe("rc=1\n");
    expect(r.stderr).toBe("Illegal operation; the specified master interface 'bond0' is not active.\n");
    expect(r.state.interfaces["eth1"]).toMatchObject({
      slave: false,
      up: false,
    });
  });

  it("refuses a slave that is up (modern kernel: EPERM)", async () => {
    const r = await run(`${BOND_UP}\nifenslave bond0 eth0; echo rc=$?`);
    expect(r.stdout).toBe("rc=1\n");
    expect(r.stderr).toBe(
      "bond0: (slave eth0): Device can not be enslaved while up\nMaster 'bond0', Slave 'eth0': Error: Enslave failed\n",
    );
    expect(r.state.interfaces["eth0"]).toMatchObject({
      slave: false,
      up: true,
      mac: "00:90:27:E0:30:51",
    });
    expect(r.state.interfaces["bond0"]?.slaves).toEqual([]);
  });

  it("refuses a missing slave and a slave already enslaved, and goes on with the others", async () => {
    const r = await run(
      `${BOND_UP}\nifconfig eth0 down\nifenslave bond0 eth9 eth0; echo rc=$?\nifenslave bond0 eth0; echo rc=$?`,
    );
    expect(r.stdout).toBe("rc=1\nrc=1\n");
    expect(r.stderr).toBe(
      "Slave 'eth9': Error: get flags failed. Skipping\n" +
        "Illegal operation: The specified slave interface 'eth0' is already a slave\n",
    );
    expect(r.state.interfaces["bond0"]?.slaves).toEqual(["eth0"]);
  });

  it("gives a bond without a MAC its first slave's MAC, and every slave the bond's", async () => {
    const r = await run(`${BOND_UP}\nifconfig eth0 down\nifconfig eth1 down\nifenslave bond0 eth1 eth0; echo rc=$?`);
    expect(r.stdout).toBe("rc=0\n");
    const i = r.state.interfaces;
    expect(i["bond0"]).toMatchObject({
      mac: "00:90:27:E0:30:52",
      running: true,
      slaves: ["eth1", "eth0"],
      activeSlave: "eth1",
    });
    expect(i["eth0"]).toMatchObject({
      mac: "00:90:27:E0:30:52",
      permMac: "00:90:27:E0:30:51",
      up: true,
      slave: true,
      master: "bond0",
    });
  });

  it("releases a slave (-d): permanent MAC back, interface down", async () => {
    const r = await run(
      `${BOND_UP}\nifconfig eth0 down\nifconfig eth1 down\nifenslave bond0 eth0 eth1\nifenslave -d bond0 eth1; echo rc=$?`,
    );
    expect(r.stdout).toBe("rc=0\n");
    expect(r.state.interfaces["eth1"]).toMatchObject({
      slave: false,
      up: false,
      mac: "00:90:27:E0:30:52",
    });
    expect(r.state.interfaces["bond0"]?.slaves).toEqual(["eth0"]);
  });

  it("fails for a slave the scenario refuses (fault), the bond runs on one leg", async () => {
    const r = await runLinuxrc(QUICKSTART, {
      shell: "dash",
      dialect: "nettools160",
      scenario: FAULTS.eth1EnslaveRefused,
    });
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain("Master 'bond0', Slave 'eth1': Error: Enslave failed\n");
    expect(r.state.interfaces["bond0"]).toMatchObject({
      up: true,
      running: true,
      slaves: ["eth0"],
    });
    expect(r.state.interfaces["eth1"]).toMatchObject({
      slave: false,
      up: false,
    });
  });
});

describe("second NIC absent (fault)", () => {
  it("the quick start goes on with a one-legged bond under every shell", async () => {
    const runs = await runUnderAllShells(QUICKSTART, "nettools160", {
      scenario: FAULTS.noSecondNic,
      env: PATH_ENV,
    });
    for (const shell of SHELLS) {
      const r = runs[shell];
      expect(r.stderr, where(r)).toBe(
        "eth1: unknown interface: No such device\nSlave 'eth1': Error: get flags failed. Skipping\n",
      );
      expect(r.state.interfaces["eth1"]).toBeUndefined();
      expect(r.state.interfaces["bond0"]).toMatchObject({
        up: true,
        slaves: ["eth0"],
      });
      expect(r.state.realRootDev).toBe("0x00ff");
    }
  });
});

describe("proc", () => {
  it("writing real-root-dev before mounting proc fails in every shell; after, it works", async () => {
    const script = [
      "echo 0x00ff > /proc/sys/kernel/real-root-dev; echo rc=$?",
      "mount -n -t proc proc /proc",
      "cat /proc/sys/kernel/real-root-dev",
      "echo 0x00ff > /proc/sys/kernel/real-root-dev; echo rc=$?",
    ].join("\n");
    const runs = await runUnderAllShells(script, "nettools160", {
      env: PATH_ENV,
    });
    for (const shell of SHELLS) {
      const r = runs[shell];
      const [first, ...rest] = r.stdout.split("\n");
      expect(first, where(r)).toMatch(/^rc=[1-9]/);
      expect(rest.join("\n"), where(r)).toBe("256\nrc=0\n");
      expect(r.stderr, where(r)).toMatch(/real-root-dev/);
      expect(r.state.realRootDev).toBe("0x00ff");
    }
  });

  it("refuses a second mount; shows the bond in /proc/net/bonding; umount empties /proc", async () => {
    const r = await run(
      [
        "mount -n -t proc proc /proc",
        "mount -n -t proc proc /proc; echo rc=$?",
        `${BOND_UP}`,
        "cat /proc/net/bonding/bond0 | grep -c '^MII Status: down'",
        "mount",
        "umount /proc; ls /proc | wc -l",
      ].join("\n"),
      "nettools160",
      {
        scenario: {
          cmdline: "root=/dev/nfs nfsroot=192.168.1.101:/tftpboot/%s",
        },
      },
    );
    expect(r.stderr).toBe("mount: proc already mounted or /proc busy\n");
    expect(r.stdout).toBe("rc=1\n1\nproc on /proc type proc (rw,relatime)\n0\n");
    expect(r.state.procMounted).toBe(false);
    expect(r.state.realRootDev).toBeUndefined();
  });

  it("exposes /proc/cmdline from the scenario and nfs-root-name once written", async () => {
    const r = await run(
      "mount -t proc proc /proc\ncat /proc/cmdline\necho /tftpboot/node1 > /proc/sys/kernel/nfs-root-name\necho 192.168.1.101 > /proc/sys/kernel/nfs-root-addrs",
      "nettools160",
      {
        scenario: {
          cmdline: "console=ttyS0 nfsroot=192.168.1.101:/tftpboot/%s",
        },
      },
    );
    expect(r.stdout).toBe("console=ttyS0 nfsroot=192.168.1.101:/tftpboot/%s\n");
    expect(r.state).toMatchObject({
      nfsRootName: "/tftpboot/node1",
      nfsRootAddrs: "192.168.1.101",
    });
  });
});

describe("scenario", () => {
  it("replaces the defaults by field and removes interfaces given as null", async () => {
    const r = await run("ifconfig -a", "nettools2", {
      scenario: {
        interfaces: {
          eth0: {
            mac: "52:54:00:12:34:56",
            ipv4: "10.0.2.15",
            netmask: "255.255.255.0",
          },
          eth1: null,
          eth2: { mac: "52:54:00:12:34:57" },
        },
      },
    });
    expect(Object.keys(r.state.interfaces)).toEqual(["eth0", "eth2", "lo"]);
    expect(r.state.interfaces["eth0"]).toMatchObject({
      up: true,
      ipv4: "10.0.2.15",
      broadcast: "10.0.2.255",
      mac: "52:54:00:12:34:56",
    });
    expect(r.stdout).toContain("        ether 52:54:00:12:34:56  txqueuelen 1000  (Ethernet)\n");
  });

  it("leaves a NIC without an IPv4 address when ipv4 is null", async () => {
    const r = await run("ifconfig eth0", "nettools2", {
      scenario: { interfaces: { eth0: { ipv4: null, netmask: "255.0.0.0" } } },
    });
    expect(r.state.interfaces["eth0"]).toMatchObject({
      up: true,
      mac: "00:90:27:E0:30:51",
    });
    expect(r.state.interfaces["eth0"]).not.toHaveProperty("ipv4");
    expect(r.state.interfaces["eth0"]).not.toHaveProperty("netmask");
    expect(r.state.interfaces["eth0"]).not.toHaveProperty("broadcast");
    expect(r.stdout).toBe(
      "eth0: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1500\n" +
        "        ether 00:90:27:e0:30:51  txqueuelen 1000  (Ethernet)\n\n",
    );
  });

  it("rejects a bad scenario before running anything", async () => {
    await expect(run("true", "nettools160", { scenario: { interfaces: { eth2: {} } } })).rejects.toThrow(/needs a MAC/);
    await expect(
      run("true", "nettools160", {
        scenario: { interfaces: { "../x": { mac: "00:11:22:33:44:55" } } },
      }),
    ).rejects.toThrow(/bad interface name/);
  });
});
