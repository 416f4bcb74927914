// The seed's step 4 in QEMU (issue 12): a server VM serving its clients' NFS roots from the kernel's
// nfsd, clients booting onto them over their own bonds, and the server's generated script waiting
// for them, then bonding the server while they write to their roots (boot-cluster.ts). Figures
// (lines, the longest stall, where the bonding fell in each client's writing) are logged, never
// asserted beyond "every line, in order, no stall past STALL_LIMIT_MS".
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compile, type CompileResult } from "../../src/api/compile.js";
import { bootCluster, type ClusterClient } from "../../src/boot/boot-cluster.js";
import type { ClusterBoot } from "../../src/boot/cluster-observe.js";
import { bondingWindow, formatClusterVerdict, judgeCluster } from "../../src/boot/cluster-verdict.js";
import { buildServerImage } from "../../src/boot/server-image.js";
import { resolveKernel } from "../../src/image/kernel.js";
import { fetchBusybox } from "../../src/image/packages.js";
import { prepareBoots } from "./prepare.js";
import { readCpio } from "./cpio-reader.js";

const CLUSTER_TEST_MS = 900_000;
const timings: { scenario: string; serverMs: number; readyMs?: number; scriptMs?: number }[] = [];
prepareBoots(timings);

const FIXTURES = "test/boot/fixtures/cluster";
/** The cluster's one client image (examples/cluster/client.bond): each node finds its row by bondc.node=NAME. */
const CLIENT = "examples/cluster/client.bond";

function compiled(path: string): CompileResult {
  const r = compile(readFileSync(path, "utf8"), path);
  expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return r;
}

async function boot(
  name: string,
  serverFile: string,
  clients: ClusterClient[],
  start: "now" | "after-writes",
  netboot = false,
): Promise<{ boot: ClusterBoot; mismatches: string[] }> {
  const server = compiled(serverFile);
  const r = await bootCluster(
    { name, server, clients, start, netboot, timeoutMs: 600_000 },
    {
      onProgress: (m) => console.log(`[cluster] ${m}`),
    },
  );
  const mismatches = judgeCluster(r, { server, clients: new Map(clients.map((c) => [c.node, c.compiled])) });
  console.log(formatClusterVerdict(serverFile, r, mismatches));
  const s = r.server;
  timings.push({
    scenario: name,
    serverMs: s.totalMs,
    ...(s.readyMs !== undefined ? { readyMs: s.readyMs } : {}),
    ...(s.script?.endMs !== undefined ? { scriptMs: s.script.endMs - s.script.startMs } : {}),
  });
  return { boot: r, mismatches };
}

describe("the server VM's image", () => {
  it("is the same bytes twice, with Debian's NFS server, nfsd and bonding, and no file from the run", async () => {
    const inputs = { kernel: await resolveKernel(undefined, undefined), busybox: await fetchBusybox() };
    const [a, b] = [await buildServerImage(inputs), await buildServerImage(inputs)];
    expect(a.bytes.equals(b.bytes)).toBe(true);
    const names = new Set(readCpio(a.bytes).map((e) => e.name));
    for (const path of ["init", "sbin/rpcbind", "usr/sbin/rpc.mountd", "usr/sbin/rpc.nfsd", "usr/sbin/exportfs"])
      expect(names).toContain(path);
    const modules = [...names].filter((n) => n.endsWith(".ko")).map((n) => n.split("/").pop());
    expect(modules).toEqual(
      expect.arrayContaining(["nfsd.ko", "sunrpc.ko", "lockd.ko", "bonding.ko", "virtio_net.ko"]),
    );
    expect([...names].some((n) => n.startsWith("bondc/"))).toBe(false);
    console.log(`[cluster] server image ${a.bytes.length} bytes, ${names.size} entries`);
  });
});

describe.sequential("a cluster: the server VM serves the clients' roots and bonds once they have booted", () => {
  it(
    "everything should be all right: node2 and node3 boot from the server one after the other, the server waits for both, bonds, and no line is lost",
    async () => {
      const { boot: r, mismatches } = await boot(
        "all-right",
        "examples/cluster/server.bond",
        [
          { node: "node2", compiled: compiled(CLIENT) },
          // node3 starts once node2 writes: the server's bonding then falls inside node2's writing.
          { node: "node3", compiled: compiled(CLIENT), after: "node2" },
        ],
        "now",
        // The clients boot from the server VM: iPXE, its udhcpd and httpd, bondc build's entries.
        true,
      );
      expect(mismatches).toEqual([]);
      expect(r.netboot).toBe(true);
      for (const c of r.clients) {
        const console = c.boot!.initConsole;
        expect(console.some((l) => l.includes(`${c.macs[0]!.replace(/:/g, "-")}.ipxe... ok`))).toBe(true);
        // The entry's command line named the node, and the one image found its row by it.
        expect(console).toContain(`bondc: client.bond:13: this node is ${c.node}, address ${c.address}`);
      }
      const lines = r.server.script!.lines.map((l) => l.text);
      // The script waited (it started before any client answered), then bonded.
      expect(lines).toContain("bondc: server.bond:13: still waiting for: node2 node3");
      expect(lines).toContain("bondc: server.bond:13: every client answers");
      expect(r.server.bonds["bond0"]).toMatchObject({
        mode: "active-backup",
        slaves: ["eth0", "eth1"],
        ipv4: "10.0.2.2",
        mac: "52:54:00:12:34:01",
      });
      // node2 had written lines before the server began to bond and went on writing after it.
      const window = bondingWindow(r.server.script!.lines)!;
      expect(window.first.counts["node2"]).toBeGreaterThan(0);
      expect(r.server.linesAfter["node2"]!.now).toBeGreaterThan(window.last.counts["node2"]!);
      for (const c of r.clients) {
        expect(c.load).toMatchObject({ complete: true, inOrder: true, missing: [] });
        expect(c.load!.received).toBe(c.written);
      }
    },
    CLUSTER_TEST_MS,
  );

  it(
    "a client that never boots: the server's script waits to its deadline, names node3, exits 1 and touches no NIC; node2's root keeps working",
    async () => {
      const { boot: r, mismatches } = await boot(
        "node3-never-boots",
        `${FIXTURES}/server-deadline.bond`,
        [{ node: "node2", compiled: compiled(CLIENT) }],
        "after-writes",
      );
      expect(mismatches).toEqual([]);
      expect(r.absent).toEqual(["node3"]);
      expect(r.server.script!.rc).toBe(1);
      expect(r.server.script!.lines.map((l) => l.text)).toContain(
        "bondc: server-deadline.bond:12: after 20 s these clients have not booted: node3",
      );
      expect(r.server.bonds).toEqual({});
      expect(r.server.interfaces["eth0"]).toMatchObject({ up: true, ipv4: "10.0.2.2", addresses: ["10.0.2.2/24"] });
      expect(r.server.interfaces["eth1"]?.up).toBe(false);
      // node2 was writing while the script waited, and went on after it gave up.
      expect(r.server.script!.startCounts["node2"]).toBeGreaterThan(0);
      const after = r.server.linesAfter["node2"]!;
      expect(after.now).toBeGreaterThan(after.before);
      expect(r.clients[0]!.load).toMatchObject({ complete: true, inOrder: true, missing: [] });
    },
    CLUSTER_TEST_MS,
  );
});
