/**
 * The seed's two hand-written linuxrc scripts in the sandbox, under every shell and ifconfig
 * dialect, started like the kernel starts /linuxrc: empty environment, no PATH.
 */
import { afterAll, describe, expect, it } from "vitest";
import { cleanupSandbox, DEFAULT_BOND_MAC, DIALECTS, SHELLS } from "../support/sandbox/index.js";
import { expectSeedBonded, PATH_ENV, runUnderAllShells, where } from "./helpers.js";
import { GENERAL_FORM, QUICKSTART } from "../support/seed-scripts.js";

afterAll(cleanupSandbox);

const QUICKSTART_TRACE = [
  "insmod bonding",
  "ifconfig bond0 192.168.1.105 hw ether 00:90:27:E0:30:51 netmask 255.255.255.0 broadcast 192.168.1.255 up",
  "ifconfig eth0 down",
  "ifconfig eth1 down",
  "ifenslave bond0 eth0",
  "ifenslave bond0 eth1",
  "mount -n -t proc proc /proc",
];

describe("seed quick start", () => {
  for (const dialect of DIALECTS) {
    it(`bonds eth0+eth1 and hands off to NFS under every shell (${dialect})`, async () => {
      const runs = await runUnderAllShells(QUICKSTART, dialect);
      for (const shell of SHELLS) {
        const r = runs[shell];
        if (shell === "yash") {
          // Finding: the seed calls `mount` and `echo` without a path and never sets PATH; the
          // kernel starts /linuxrc without PATH. dash, bash, mksh, posh and busybox fall back to
          // a built-in default PATH; yash has none, and in POSIX mode it runs even its `echo`
          // builtin only when an `echo` is found in PATH. So under yash proc is never mounted
          // and real-root-dev never written: the node boots the initrd as its root.
          expect(r.trace).toEqual(QUICKSTART_TRACE.slice(0, -1));
          expect(r.stderr).toContain("no such command `mount'");
          expect(r.state.procMounted).toBe(false);
          expect(r.state.realRootDev).toBeUndefined();
          expect(r.exitCode).not.toBe(0);
          continue;
        }
        expect(r.trace, where(r)).toEqual(QUICKSTART_TRACE);
        expectSeedBonded(r);
      }
    });

    it(`bonds under all six shells alike once PATH is set (${dialect})`, async () => {
      const runs = await runUnderAllShells(QUICKSTART, dialect, {
        env: PATH_ENV,
      });
      for (const shell of SHELLS) {
        expect(runs[shell].trace, where(runs[shell])).toEqual(QUICKSTART_TRACE);
        expectSeedBonded(runs[shell]);
      }
    });
  }
});

/**
 * The seed's "more general form" run verbatim. It parses `ifconfig`'s output with sed patterns
 * written with single spaces, but real ifconfig pads its fields with several:
 *
 * - `$hwadds`: `grep eth0` gives `eth0      Link encap:Ethernet  HWaddr 00:90:27:E0:30:51  `;
 *   the sed pattern `eth0 Link encap:Ethernet HWaddr ` never matches, so the whole line stays,
 *   and the unquoted expansion splits it into five words after `hw ether`.
 * - `$ipadds`: `grep "inet addr"` matches lo's line too (lo is up), so 127.0.0.1 comes along;
 *   the second sed (` Bcast:192.168.1.255 Mask:255.255.255.0`) never matches the real
 *   double spaces, so `Bcast:...` and `Mask:...` words stay.
 * - net-tools 2.x prints neither `inet addr` nor `HWaddr`: `$ipadds` is empty and `$hwadds` is
 *   the `eth0: flags=4163<...>  mtu 1500` line.
 *
 * (proc is mounted only at the end, so each `ifconfig` also warns that it cannot open
 * /proc/net/dev; the lines the script greps for are there all the same.)
 *
 * So `ifconfig bond0 ...` dies on the first word that is neither a keyword nor an address,
 * leaving bond0 down (with the address on net-tools 1.60/busybox: the address came first);
 * both ifenslave calls are refused because bond0 is not up; eth0 was taken down: the node is
 * off the network, and the script still writes real-root-dev and hands off to an NFS root it
 * cannot reach. Under yash, without PATH, `echo` and `mount` are not found either.
 */
describe("seed general form", () => {
  const bond0Argv: Record<string, string> = {
    nettools160:
      "ifconfig bond0 192.168.1.105 Bcast:192.168.1.255 Mask:255.255.255.0 127.0.0.1 Mask:255.0.0.0 " +
      "hw ether eth0 Link encap:Ethernet HWaddr 00:90:27:E0:30:51 netmask 255.255.255.0 broadcast 192.168.1.255 up",
    nettools2:
      "ifconfig bond0 hw ether eth0: flags=4163<UP,BROADCAST,RUNNING,MULTICAST> mtu 1500 " +
      "netmask 255.255.255.0 broadcast 192.168.1.255 up",
  };
  bond0Argv["busybox"] = bond0Argv["nettools160"] ?? "";

  const stdout: Record<string, string> = {
    nettools160:
      "eth0 Link encap:Ethernet HWaddr 00:90:27:E0:30:51\n192.168.1.105 Bcast:192.168.1.255 Mask:255.255.255.0 127.0.0.1 Mask:255.0.0.0\n",
    busybox:
      "eth0 Link encap:Ethernet HWaddr 00:90:27:E0:30:51\n192.168.1.105 Bcast:192.168.1.255 Mask:255.255.255.0 127.0.0.1 Mask:255.0.0.0\n",
    nettools2: "eth0: flags=4163<UP,BROADCAST,RUNNING,MULTICAST> mtu 1500\n\n",
  };

  const ifconfigErrors: Record<string, string[]> = {
    // net-tools: the address is set, then "Bcast:..." is taken for a host name and ends the run.
    nettools160: ["Bcast:192.168.1.255: Unknown host", "ifconfig: `--help' gives usage information."],
    // busybox dies at the same word, with its own wording.
    busybox: ["ifconfig: bad address 'Bcast:192.168.1.255'"],
    // net-tools 2.x: "eth0:" is no MAC (an error, processing goes on), then the flags word ends it.
    nettools2: [
      "eth0:: invalid ether address.",
      "flags=4163<UP,BROADCAST,RUNNING,MULTICAST>: Unknown host",
      "ifconfig: `--help' gives usage information.",
    ],
  };

  for (const dialect of DIALECTS) {
    it(`breaks on real ${dialect} output`, async () => {
      const runs = await runUnderAllShells(GENERAL_FORM, dialect);
      const trace = [
        "ifconfig",
        "ifconfig",
        "insmod bonding",
        bond0Argv[dialect],
        "ifconfig eth0 down",
        "ifconfig eth1 down",
        "ifenslave bond0 eth0",
        "ifenslave bond0 eth1",
        "mount -n -t proc proc /proc",
      ];
      for (const shell of SHELLS) {
        const r = runs[shell];
        const { interfaces: i } = r.state;
        expect(r.trace, where(r)).toEqual(shell === "yash" ? trace.slice(0, -1) : trace);
        if (shell !== "yash") expect(r.stdout, where(r)).toBe(stdout[dialect]);
        const errLines = r.stderr.split("\n");
        for (const e of ifconfigErrors[dialect] ?? []) expect(errLines, where(r)).toContain(e);
        expect(
          errLines.filter((l) => l === "Illegal operation; the specified master interface 'bond0' is not active."),
        ).toHaveLength(2);

        expect(i["bond0"], where(r)).toMatchObject({
          up: false,
          slaves: [],
          mac: DEFAULT_BOND_MAC,
        });
        if (dialect === "nettools2") expect(i["bond0"]?.ipv4).toBeUndefined();
        else expect(i["bond0"]?.ipv4).toBe("192.168.1.105");
        expect(i["eth0"]).toMatchObject({
          up: false,
          slave: false,
          ipv4: "192.168.1.105",
        });
        expect(i["eth1"]).toMatchObject({ up: false, slave: false });
        if (shell !== "yash") expect(r.state.realRootDev).toBe("0x00ff");
      }
    });
  }
});
