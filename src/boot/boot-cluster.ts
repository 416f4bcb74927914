// The seed's step 4 in QEMU: a server VM serving its clients' NFS roots from the kernel's nfsd,
// clients booting onto them over their own bonds, and the server's generated script waiting for
// them and then bonding the server while the clients go on writing to their roots.
//
// Every VM runs under TCG inside one private network namespace with only `lo` (netns.ts): the
// server VM's hub listens on one socket link per client (127.0.0.1:PORT), each client's hub
// connects to its own; there is no user network, so no frame goes anywhere else. The server VM
// (server-image.ts, server-init.ts) starts first; each client starts once the server serves or,
// with `after`, once another client's root is being written to (events, not timers), so the
// cluster boots one node after another as a real one does. Each client boots the image
// `bondc build` makes for its program (as bootInit does), with its NICs' MACs from the inventory
// and `bondc.node=NAME` on its command line, onto a root of its own made by the harness's root
// builder with a writer that runs until the server says stop. The host powers the server off once
// its report is complete and every client has ended its own.

import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CompileResult } from "../api/compile.js";
import { IMAGE_FILES, KERNEL_FILE, planOf } from "../image/build.js";
import type { HandoffAction } from "../ir/ir.js";
import { resolveKernel } from "../image/kernel.js";
import { fetchBusybox } from "../image/packages.js";
import { HarnessLimit } from "./harness.js";
import { hostOn, netmaskOf, sameNetwork } from "./ipv4.js";
import { bootEntries, clusterBootNodes } from "../bootloader/index.js";
import { IPXE_DISPATCH } from "../bootloader/ipxe.js";
import { NODE_PARAMETER, type InventoryNode } from "../semantic/inventory/inventory.js";
import { buildInitInitramfs, type InitInitramfs } from "./init-initramfs.js";
import { EV, EVENT, SECTION_END } from "./markers.js";
import { checkBootHost, type NfsBootOptions } from "./nfs-boot.js";
import { buildSharedNfsRoot, nodeFilesDir } from "./nfs-root.js";
import { openPrivateNetwork } from "./netns.js";
import { DEFAULT_APPEND, runQemu, type QemuResult } from "./qemu.js";
import { buildServerImage, serverRunArchive } from "./server-image.js";
import { SERVER_EV, shellKey } from "./server-init.js";
import { observeCluster, type ClusterBoot } from "./cluster-observe.js";

/** The first socket link's port; client i gets FIRST_PORT + i (the namespace is private). */
const FIRST_PORT = 10_001;

export interface ClusterClient {
  /** Its inventory name (`bondc.node=NAME` on its command line). */
  node: string;
  /** Its `target initramfs` program. */
  compiled: CompileResult;
  /** Start once this client's root is being written to; default once the server serves. */
  after?: string;
}

export interface ClusterScenario {
  name?: string;
  /** The server's `target server` program; its inventory names the cluster's nodes. */
  server: CompileResult;
  /** The clients that boot (the inventory's others never do). */
  clients: readonly ClusterClient[];
  /**
   * When the server VM runs its script: "now" (as soon as it serves, default), or
   * "after-writes" (once every booted client writes, so its wait is for the others only).
   */
  start?: "now" | "after-writes";
  /** Lines each client writes after the script before the server stops the writers; default 40. */
  afterLines?: number;
  /** Pause between two lines of a client's writer, ms; default 50. */
  intervalMs?: number;
  /** Whole-run limit of every VM, ms; default 600000. */
  timeoutMs?: number;
  memoryMb?: number;
  /**
   * The clients boot from the server VM over the network (eth0's iPXE ROM, the server's udhcpd
   * and httpd serving what `bondc build` writes for them: boot.ipxe, each client's entry with
   * bondc.node=NAME, the kernel and the one image) instead of QEMU's -kernel/-initrd. Every
   * booted client must run the same program (the cluster's one image).
   */
  netboot?: boolean;
}

/** The clients' writers stop long before this many lines; it only bounds a runaway one. */
const LINE_CAP = 100_000;

export async function bootCluster(scenario: ClusterScenario, options: NfsBootOptions = {}): Promise<ClusterBoot> {
  const name = scenario.name ?? "cluster";
  const nodes = scenario.server.inventories.flatMap((i) => i.nodes);
  const serverNode = nodes.find((n) => n.role === "server");
  if (scenario.server.script === undefined || scenario.server.program.target.name !== "server")
    throw new HarnessLimit(`${scenario.server.source.path}: a cluster boot needs a compiled \`target server\` program`);
  if (!serverNode)
    throw new HarnessLimit(`${scenario.server.source.path}: its inventory has no server row to give the server VM`);
  const clients = scenario.clients.map((c) => clientPlan(c, nodes, serverNode.address.text));
  const progress = options.onProgress;
  // No NFS server on the host: it runs in the server VM.
  await checkBootHost(
    options,
    ["unshare", "nsenter"],
    "a cluster boot needs root (its VMs' private network namespace)",
  );
  const kernel = await resolveKernel(options.kernel, options.modulesDir, {
    cacheDir: options.cacheDir,
    onProgress: progress,
  });
  const busybox = options.busybox ?? (await fetchBusybox({ cacheDir: options.cacheDir, onProgress: progress }));
  const packages = { cacheDir: options.cacheDir, onProgress: progress };
  const base = await buildServerImage({ kernel, busybox, packages });
  const serverMacs = serverNode.macs.map((m) => m.value.toLowerCase());
  const bootNic = scenario.server.program.bootInterface ?? "eth0";
  const afterLines = scenario.afterLines ?? 40;

  const work = await mkdtemp(join(options.tmpDir ?? tmpdir(), "bondc-cluster-"));
  const net = await openPrivateNetwork();
  try {
    const config: Record<string, string> = {
      clients: clients.map((c) => c.node).join(" "),
      address: serverNode.address.text,
      netmask: inventoryNetmask(scenario.server),
      boot_nic: bootNic,
      start: scenario.start ?? "now",
      after_lines: String(afterLines),
    };
    // One root a path: clients that mount the same path (one image for every node) share it.
    const paths = [...new Set(clients.map((c) => c.path))];
    const roots: string[] = [];
    for (const [i, path] of paths.entries()) {
      const dir = join(work, "roots", String(i));
      await mkdir(dir, { recursive: true });
      // No pings: the server's copy of the lines is the witness here, and the server moves its own
      // address while they run.
      const load = { lines: LINE_CAP, intervalMs: scenario.intervalMs ?? 50, steps: [], ping: false, untilStop: true };
      const nodes = Object.fromEntries(
        clients
          .filter((c) => c.path === path)
          .map((c) => [c.node, { token: `bondc-${randomBytes(6).toString("hex")}`, load }]),
      );
      await buildSharedNfsRoot({ dir, busybox, nodes });
      roots.push(dir);
    }
    config["roots"] = paths.join(" ");
    for (const c of clients) config[`files_${shellKey(c.node)}`] = `${c.path}/${nodeFilesDir(c.node)}`;
    // As measured in shared/notes/nfs-root.md; a tmpfs needs an fsid to be exported.
    const exports = paths.map((p, i) => `${p} *(rw,fsid=${i + 1},insecure,no_root_squash,no_subtree_check,sync)\n`);
    const clientImages = await Promise.all(
      scenario.clients.map((c) =>
        buildInitInitramfs({ plan: planOf(c.compiled), kernel, busybox, bondingModule: true, nicDrivers: "preloaded" }),
      ),
    );
    const netboot = scenario.netboot
      ? await netbootFiles(scenario, clientImages[0], kernel.path, {
          node: serverNode,
          nodes,
          netmask: config["netmask"]!,
        })
      : undefined;
    if (netboot) config["netboot"] = "1";
    const run = await serverRunArchive({
      config,
      exports: exports.join(""),
      script: scenario.server.script,
      roots,
      ...(netboot ? { netboot } : {}),
    });

    const timeoutMs = scenario.timeoutMs ?? 600_000;
    const memoryMb = scenario.memoryMb ?? 256;
    const common = { nics: 2, timeoutMs, qemu: options.qemu, wrapper: net.wrapper };
    const serverStop = new AbortController();
    const clientStop = new AbortController();
    const abortAll = () => {
      serverStop.abort();
      clientStop.abort();
    };
    options.signal?.addEventListener("abort", abortAll, { once: true });
    const clientRuns = new Map<string, Promise<QemuResult>>();
    let settled = 0;
    let serverEnded = false;
    const maybePowerOff = () => {
      if (serverEnded && settled === clientRuns.size && clientRuns.size === clients.length) serverStop.abort();
    };
    const startClients = (after: string | undefined) => {
      for (const [i, c] of clients.entries()) {
        if (c.after !== after || clientRuns.has(c.node)) continue;
        progress?.(`starting client ${c.node} (${c.macs.join(" ")}, root ${c.server}:${c.path})…`);
        const image = clientImages[i]!;
        const started = runQemu({
          ...common,
          ...(netboot
            ? { netboot: "links" as const }
            : {
                kernel: kernel.path,
                initrd: image.gzip,
                append: `${DEFAULT_APPEND}${image.rdinit ? ` rdinit=${image.rdinit}` : ""} ${NODE_PARAMETER}=${c.node}`,
              }),
          memoryMb,
          macs: c.macs,
          links: [`connect=127.0.0.1:${FIRST_PORT + i}`],
          signal: clientStop.signal,
          onLine(line) {
            options.onConsole?.(`[${c.node}] ${line}`);
            if (line.includes(`${EVENT}${EV.loadStart}`)) startClients(c.node);
          },
        });
        clientRuns.set(c.node, started);
        const done = () => {
          settled++;
          maybePowerOff();
        };
        started.then(done, done);
      }
    };

    progress?.(
      `booting scenario ${name}: the server VM ${serverNode.name.value} (${(base.bytes.length / 1e6).toFixed(1)} MB image)…`,
    );
    let server: QemuResult;
    try {
      server = await runQemu({
        ...common,
        kernel: kernel.path,
        // A network boot's kernel and image unpack into the server's rootfs as well.
        memoryMb: netboot ? Math.max(memoryMb, 512) : memoryMb,
        initrd: Buffer.concat([base.bytes, run]),
        append: DEFAULT_APPEND,
        macs: serverMacs,
        links: clients.map((_, i) => `listen=127.0.0.1:${FIRST_PORT + i}`),
        signal: serverStop.signal,
        onLine(line) {
          options.onConsole?.(`[${serverNode.name.value}] ${line}`);
          if (line.includes(`${EVENT}${SERVER_EV.ready}`)) startClients(undefined);
          // A server that could not set itself up says so and waits: its report ends after dmesg.
          else if (line.includes(`${EVENT}${SECTION_END} dmesg`)) serverStop.abort();
          else if (line.includes(`${EVENT}${SERVER_EV.end}`)) {
            serverEnded = true;
            maybePowerOff();
          }
        },
      });
    } finally {
      // A server that stopped early leaves its clients' roots unreachable: they would only hang.
      clientStop.abort();
      options.signal?.removeEventListener("abort", abortAll);
    }
    const clientResults = new Map<string, QemuResult>();
    for (const [node, p] of clientRuns) clientResults.set(node, await p);
    return observeCluster({
      scenario: name,
      server,
      serverNode: serverNode.name.value,
      clients: clients.map((c) => ({ ...c, run: clientResults.get(c.node) })),
      absent: nodes
        .filter((n) => n.role === "client" && !clients.some((c) => c.node === n.name.value))
        .map((n) => n.name.value),
      imageBytes: base.bytes.length,
      netboot: netboot !== undefined,
      serverAddress: serverNode.address.text,
      serverMacs,
      serverBootNic: bootNic,
      afterLines,
    });
  } finally {
    net.close();
    await rm(work, { recursive: true, force: true });
  }
}

/** Host numbers the server's udhcpd lends to the clients' iPXE (none may be a node's address). */
const DHCP_POOL = { first: 200, last: 209 };

/**
 * What the clients fetch from the server VM, as `bondc build` writes it for the one client image:
 * the image (with the harness's coldplug appended, as for every boot), the kernel, and each booted
 * client's entries (clusterBootNodes: found by its first MAC, bondc.node=NAME on its command line,
 * the coldplug's rdinit= first); plus udhcpd's config, which names boot.ipxe by URL.
 */
async function netbootFiles(
  scenario: ClusterScenario,
  image: InitInitramfs | undefined,
  kernelPath: string,
  site: { node: InventoryNode; nodes: readonly InventoryNode[]; netmask: string },
): Promise<{ files: Map<string, Buffer | string>; dhcp: string }> {
  const program = scenario.clients[0]?.compiled;
  if (!program || !image || scenario.clients.some((c) => c.compiled.script !== program.script))
    throw new HarnessLimit("a network boot serves one image: every booted client must run the same program");
  const server = site.node.address.text;
  const rows = scenario.clients.map((c) => site.nodes.find((n) => n.name.value === c.node)!);
  const nodes = clusterBootNodes(program.program, rows, {
    kernel: KERNEL_FILE,
    initrd: IMAGE_FILES.initramfs,
    append: [...DEFAULT_APPEND.split(" "), ...(image.rdinit ? [`rdinit=${image.rdinit}`] : [])],
  });
  const files = new Map<string, Buffer | string>([
    [KERNEL_FILE, await readFile(kernelPath)],
    [IMAGE_FILES.initramfs, image.gzip],
  ]);
  for (const f of bootEntries(nodes)) files.set(f.path, f.content);
  const first = hostOn(server, site.netmask, DHCP_POOL.first);
  const last = hostOn(server, site.netmask, DHCP_POOL.last);
  const taken = site.nodes.filter((n) => {
    const host = Number(n.address.text.split(".").pop());
    return sameNetwork(n.address.text, server, site.netmask) && host >= DHCP_POOL.first && host <= DHCP_POOL.last;
  });
  if (taken.length)
    throw new HarnessLimit(
      `the server's DHCP pool ${first}-${last} holds ${taken.map((n) => n.name.value).join(", ")}`,
    );
  const dhcp = [
    `start ${first}`,
    `end ${last}`,
    `interface ${scenario.server.program.bootInterface ?? "eth0"}`,
    `siaddr ${server}`,
    `boot_file http://${server}/${IPXE_DISPATCH}`,
    `option subnet ${site.netmask}`,
    "lease_file /run/udhcpd.leases",
    "",
  ].join("\n");
  return { files, dhcp };
}

/** What the harness needs of a booted client: its inventory row and the root its handoff mounts. */
export interface ClientPlan {
  node: string;
  after?: string;
  /** Its inventory address, which its bond must carry. */
  address: string;
  /** Its NICs' MACs, lower case, eth0 first. */
  macs: string[];
  server: string;
  path: string;
}

function clientPlan(
  c: ClusterClient,
  nodes: CompileResult["inventories"][number]["nodes"],
  server: string,
): ClientPlan {
  const file = c.compiled.source.path;
  const row = nodes.find((n) => n.name.value === c.node && n.role === "client");
  if (!row) throw new HarnessLimit(`${c.node} is not a client of the server's inventory`);
  if (c.compiled.script === undefined || c.compiled.program.target.name !== "initramfs")
    throw new HarnessLimit(`${file}: a cluster's client is a compiled \`target initramfs\` program`);
  const handoff = c.compiled.program.actions.find((a): a is HandoffAction => a.kind === "handoff");
  const nfsServer = handoff?.nfsServer?.kind === "const" ? handoff.nfsServer.text : undefined;
  const path = handoff?.nfsPath?.kind === "const" ? handoff.nfsPath.text : undefined;
  if (!nfsServer || !path) throw new HarnessLimit(`${file}: no NFS handoff with a constant server and path to serve`);
  if (nfsServer !== server)
    throw new HarnessLimit(`${file}: mounts its root from ${nfsServer}, but the inventory's server is ${server}`);
  if (!/^\/[A-Za-z0-9._/-]+$/.test(path) || path.includes(".."))
    throw new HarnessLimit(`${file}: the root's path ${JSON.stringify(path)} is not plain`);
  return {
    node: c.node,
    ...(c.after !== undefined ? { after: c.after } : {}),
    address: row.address.text,
    macs: row.macs.map((m) => m.value.toLowerCase()),
    server,
    path,
  };
}

/** The netmask of the server's inventory network, dotted (/24 when the inventory names none). */
function inventoryNetmask(server: CompileResult): string {
  return netmaskOf(server.inventories[0]?.spec.netmask?.text ?? "/24").dotted;
}
