// The pieces of the two-VM cluster boot, without booting: the QEMU links, the clients' shared root
// and its stop-when-told writer, the server VM's /init and per-run archive, and the server's
// console read back and judged.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readlinkSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { observeCluster, type ClusterRuns } from "../../src/boot/cluster-observe.js";
import { bondingWindow, judgeCluster, missingNamed } from "../../src/boot/cluster-verdict.js";
import { buildSharedNfsRoot } from "../../src/boot/nfs-root.js";
import { qemuArgs, type QemuResult } from "../../src/boot/qemu.js";
import { rootInitScript } from "../../src/boot/root-init.js";
import { serverRunArchive } from "../../src/boot/server-image.js";
import { serverInitScript } from "../../src/boot/server-init.js";
import { compile } from "../../src/api/compile.js";
import { fetchBusybox } from "../../src/image/packages.js";
import { readCpio } from "./cpio-reader.js";
import { bondc, ensureBuilt } from "../support/bondc.js";

let busybox: string;
let tmp: string;
beforeAll(async () => {
  ensureBuilt();
  busybox = await fetchBusybox({ onProgress: (m) => console.log(`[boot packages] ${m}`) });
  tmp = mkdtempSync(join(tmpdir(), "bondc-cluster-parts-"));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("the guests' links", () => {
  it("joins hubs by socket links on loopback instead of the user network, with the inventory's MACs", () => {
    const args = qemuArgs({
      kernel: "k",
      initrd: "i",
      nics: 2,
      memoryMb: 256,
      monitorSocket: "m",
      macs: ["52:54:00:12:34:11", "52:54:00:12:34:12"],
      links: ["connect=127.0.0.1:10001"],
    }).join(" ");
    expect(args).not.toMatch(/-netdev user/);
    expect(args).toMatch(/-netdev socket,id=l0,connect=127.0.0.1:10001 -netdev hubport,id=lp0,hubid=0,netdev=l0/);
    expect(args).toMatch(/id=nic0,mac=52:54:00:12:34:11,romfile=/);
    expect(args).toMatch(/id=nic1,mac=52:54:00:12:34:12,romfile=/);
  });
});

describe("the clients' shared root", () => {
  it("gives each node its own report and files, chosen by bondc.node= on the command line", async () => {
    const dir = join(tmp, "shared");
    const load = { lines: 100, intervalMs: 50, steps: [], ping: false, untilStop: true };
    await buildSharedNfsRoot({ dir, busybox, nodes: { node2: { token: "t2", load }, node3: { token: "t3", load } } });
    const init = readFileSync(join(dir, "sbin/init"), "utf8");
    expect(init).toMatch(/bondc\.node=\*\) node=\$\{w#bondc\.node=\}/);
    expect(init).toMatch(/case "\$node" in node2\|node3\) exec \/sbin\/init\."\$node"/);
    expect(readFileSync(join(dir, "sbin/init.node2"), "utf8")).toMatch(/echo t2 >\/bondc-node2\/bondc-probe/);
    expect(readFileSync(join(dir, "sbin/init.node3"), "utf8")).toMatch(/>>\/bondc-node3\/bondc-load/);
    // The stop file exists, empty, before the client first looks.
    expect(statSync(join(dir, "bondc-node2/bondc-stop")).size).toBe(0);
    expect(readlinkSync(join(dir, "bin/sh"))).toBe("/bin/busybox");
  });

  it("a writer told to stop reads the stop file before each line and leaves its count", () => {
    const init = rootInitScript({
      token: "t",
      load: { lines: 9, intervalMs: 50, steps: [], ping: false, untilStop: true },
    });
    expect(init).toMatch(/read s <\/bondc-stop 2>\/dev\/null && \[ "\$s" = stop \] && break/);
    expect(init).toMatch(/echo \$\(\(i - 1\)\) >\/bondc-load-done/);
    expect(() => rootInitScript({ token: "t", filesDir: "a/b" })).toThrow(/plain/);
  });
});

describe("the server VM's /init and per-run archive", () => {
  it("is a shell script dash can parse", () => {
    const file = join(tmp, "server-init.sh");
    writeFileSync(file, serverInitScript());
    execFileSync("dash", ["-n", file]);
  });

  it("carries the run's settings, exports, script and roots; refuses a setting that is not plain", async () => {
    const dir = join(tmp, "shared");
    const archive = await serverRunArchive({
      config: { clients: "node2", roots: "/srv/nfsroot", files_node2: "/srv/nfsroot/bondc-node2" },
      exports: "/srv/nfsroot *(rw,fsid=1)\n",
      script: "#!/bin/sh\n",
      roots: [dir],
    });
    const entries = new Map(readCpio(archive).map((e) => [e.name, e]));
    expect(entries.get("bondc/cluster.conf")!.data.toString()).toBe(
      'clients="node2"\nroots="/srv/nfsroot"\nfiles_node2="/srv/nfsroot/bondc-node2"\n',
    );
    expect(entries.get("usr/local/sbin/bondc-server")!.mode & 0o777).toBe(0o755);
    expect(entries.has("bondc/roots/0/sbin/init.node2")).toBe(true);
    await expect(
      serverRunArchive({ config: { clients: "$(reboot)" }, exports: "", script: "", roots: [] }),
    ).rejects.toThrow(/not plain/);
  });
});

/** A console as QEMU's runner would have collected it, one line every 10 ms. */
function consoleOf(lines: string[], durationMs = 9000): QemuResult {
  return {
    lines: lines.map((text, i) => ({ t: 1000 + i * 10, text })),
    console: lines.join("\n"),
    exitCode: null,
    signal: "SIGKILL",
    timedOut: false,
    aborted: true,
    durationMs,
    stderr: "",
    monitorLog: [],
    errors: [],
  };
}

const SERVER_CONSOLE = [
  "@@bondc:server-init t=1.00",
  "@@bondc:server-ready t=2.00",
  "@@bondc:script-start t=2.10 node2=0 node3=0",
  "@@bondc:script-line node2=0 node3=0 | bondc: server.bond:13: still waiting for: node2 node3",
  "@@bondc:script-line node2=4 node3=0 | bondc: server.bond:13: after 20 s these clients have not booted: node3",
  "@@bondc:script-end rc=1 t=25.00 node2=60 node3=0",
  "@@bondc:begin sysfs-net",
  "@@| iface=eth0 flags=0x1003 operstate=up address=52:54:00:12:34:01 carrier=1 master=",
  "@@| iface=eth1 flags=0x1002 operstate=down address=52:54:00:12:34:02 carrier= master=",
  "@@bondc:end sysfs-net",
  "@@bondc:begin addrs",
  "@@| 2: eth0    inet 10.0.2.2/24 brd 10.0.2.255 scope global eth0",
  "@@bondc:end addrs",
  "@@bondc:lines-after node=node2 before=61 now=101",
  "@@bondc:begin load:node2",
  ...Array.from({ length: 120 }, (_, i) => `@@| ${i + 1} ${(5 + i * 0.06 + (i >= 50 ? 1.2 : 0)).toFixed(2)}`),
  "@@bondc:end load:node2",
  "@@bondc:load-done node=node2 written=120 probe=bondc-abc",
  "@@bondc:server-end t=40.00",
];

function runs(server: string[], clients: ClusterRuns["clients"]): ClusterRuns {
  return {
    scenario: "test",
    server: consoleOf(server),
    serverNode: "node1",
    clients,
    absent: ["node3"],
    imageBytes: 6_000_000,
    netboot: false,
    serverAddress: "10.0.2.2",
    serverMacs: ["52:54:00:12:34:01", "52:54:00:12:34:02"],
    serverBootNic: "eth0",
    afterLines: 40,
  };
}

describe("the server's console, read back and judged", () => {
  const client = {
    node: "node2",
    address: "10.0.2.15",
    macs: ["52:54:00:12:34:11", "52:54:00:12:34:12"],
    server: "10.0.2.2",
    path: "/srv/nfsroot",
  };

  it("gives the script's lines with the clients' counts, its status, the server's NICs and every client's file", () => {
    const boot = observeCluster(runs(SERVER_CONSOLE, [client]));
    const s = boot.server;
    expect(s).toMatchObject({ reachedEnd: true, readyMs: 1010, linesAfter: { node2: { before: 61, now: 101 } } });
    expect(s.script).toMatchObject({ rc: 1, startCounts: { node2: 0, node3: 0 }, endCounts: { node2: 60, node3: 0 } });
    expect(s.script!.lines[1]).toMatchObject({
      counts: { node2: 4, node3: 0 },
      text: "bondc: server.bond:13: after 20 s these clients have not booted: node3",
    });
    expect(missingNamed(s.script!.lines)).toEqual(["node3"]);
    expect(bondingWindow(s.script!.lines)).toBeUndefined();
    expect(s.interfaces["eth0"]).toMatchObject({ up: true, ipv4: "10.0.2.2" });
    expect(s.bonds).toEqual({});
    expect(boot.clients[0]).toMatchObject({ written: 120, probeOnServer: "bondc-abc", root: "10.0.2.2:/srv/nfsroot" });
    expect(boot.clients[0]!.load).toMatchObject({ complete: true, longestGapMs: 1260, longestGapAfter: 50 });
  });

  it("judges a server that waited as its program says, and a client that never reported as failed", () => {
    const server = compile(
      readFileSync("test/boot/fixtures/cluster/server-deadline.bond", "utf8"),
      "test/boot/fixtures/cluster/server-deadline.bond",
    );
    const boot = observeCluster(runs(SERVER_CONSOLE, [client]));
    expect(judgeCluster(boot, { server, clients: new Map() })).toEqual([
      "node2: its NFS root's init never finished its report",
    ]);
    // The same console where the script named nobody and left eth0 without its address.
    const wrong = SERVER_CONSOLE.map((l) =>
      l.replace("have not booted: node3", "have not booted:").replace("inet 10.0.2.2/24", "inet 10.0.2.9/24"),
    );
    const judged = judgeCluster(observeCluster(runs(wrong, [])), { server, clients: new Map() });
    expect(judged).toEqual([
      "node1: its script names nobody as not booted, expected node3",
      "node1: eth0 no longer up with 10.0.2.2 (10.0.2.9/24)",
    ]);
  });
});

describe("bondc boot SERVER --client CLIENT: what it refuses before anything boots", () => {
  it.each([
    [["examples/cluster/server.bond", "--absent", "node3"], "bondc: --absent goes with --client (a cluster boot)"],
    [["examples/cluster/server.bond", "--netboot"], "bondc: --netboot goes with --client (a cluster boot)"],
    [
      ["examples/cluster/server.bond", "--client", "examples/cluster/client.bond", "--nics", "3"],
      "bondc: --nics is for one node's boot, not a cluster's",
    ],
    [
      ["examples/initramfs-active-backup.bond", "--client", "examples/cluster/client.bond"],
      "bondc: --client goes with a `target server` file; examples/initramfs-active-backup.bond is target initramfs",
    ],
    [
      ["examples/cluster/server.bond", "--client", "examples/cluster/client.bond", "--absent", "node9"],
      "bondc: --absent node9: not a client of examples/cluster/server.bond's inventory",
    ],
    // initramfs-active-backup bonds with node2's address: it is node2, and nobody is node3.
    [
      ["examples/cluster/server.bond", "--client", "examples/initramfs-active-backup.bond"],
      "bondc: no --client for node3; give each its file, or say --absent NODE for a node that never boots",
    ],
  ])("bondc boot %j: usage error, exit 2", (args, message) => {
    const r = bondc(["boot", ...args]);
    expect(r.stderr.trim().split("\n").at(-1)).toBe(message);
    expect(r.status).toBe(2);
  });
});
