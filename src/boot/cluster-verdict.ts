// Judging a cluster boot (boot-cluster.ts) and printing it as `bondc boot` prints a single node's:
// rows of what the VMs reported, then ✓ or ✗ with every difference from what the programs and the
// inventory say should happen.
//
// The server: its script ends with 0 and the server bonded (its bonds as predicted, with its own
// address and the inventory's MAC of its boot NIC, the slaves without addresses), or, when an
// inventory client never booted and the wait's `then` is fail, it ends with 1, names exactly the
// clients that never booted and leaves every NIC as it was (the address on the boot NIC, no bond).
// Every booted client: its root over NFS from the server, its bonds as predicted with the
// inventory's address and MAC, its probe file and every line it wrote on the server VM's side, in
// order, none lost, no stall past STALL_LIMIT_MS, and still writing after the server's script.

import type { CompileResult } from "../api/compile.js";
import { IPXE_DISPATCH } from "../bootloader/ipxe.js";
import type { PredictedBond } from "../analysis/end-state.js";
import { predictEndState } from "../api/predict.js";
import type { WaitClientsAction } from "../ir/ir.js";
import type { ClientResult, ClusterBoot, ScriptLine } from "./cluster-observe.js";
import { compareBond as compareSingleBond, STALL_LIMIT_MS } from "./compare.js";
import type { BondState, InterfaceState } from "./observe.js";

export interface ClusterPrograms {
  server: CompileResult;
  /** Each booted client's program, by node name. */
  clients: ReadonlyMap<string, CompileResult>;
}

/** The differences from what should have happened; empty when everything did. */
export function judgeCluster(boot: ClusterBoot, programs: ClusterPrograms): string[] {
  const out: string[] = [];
  const s = boot.server;
  const name = s.node;
  if (s.fail) out.push(`${name}: the server VM could not be set up: ${s.fail}`);
  if (!s.reachedEnd) out.push(`${name}: the server VM's report never ended`);
  const wait = programs.server.program.actions.find((a): a is WaitClientsAction => a.kind === "wait-clients");
  const bonds = wait?.then === "fail" && boot.absent.length > 0 ? false : true;
  const rc = s.script?.rc;
  if (rc === undefined) out.push(`${name}: its script never ended`);
  else if (rc !== (bonds ? 0 : 1)) out.push(`${name}: its script exited ${rc}, expected ${bonds ? 0 : 1}`);
  const serverVm = { macs: boot.serverMacs, address: boot.serverAddress };
  if (bonds) {
    for (const b of predictEndState(programs.server).bonds)
      out.push(...compareBond(name, b, s.bonds[b.name], s.interfaces, serverVm));
  } else {
    const named = missingNamed(s.script?.lines ?? []);
    if (named.join(" ") !== [...boot.absent].sort().join(" "))
      out.push(
        `${name}: its script names ${named.join(" ") || "nobody"} as not booted, expected ${boot.absent.join(" ")}`,
      );
    if (Object.keys(s.bonds).length)
      out.push(`${name}: bonded (${Object.keys(s.bonds).join(", ")}) though it was to wait`);
    const nic = s.interfaces[boot.serverBootNic];
    if (!nic?.up || nic.ipv4 !== boot.serverAddress)
      out.push(
        `${name}: ${boot.serverBootNic} no longer up with ${boot.serverAddress} (${nic?.addresses.join(" ") || "no address"})`,
      );
  }
  for (const c of boot.clients) out.push(...judgeClient(c, programs.clients.get(c.node), boot));
  return out;
}

function judgeClient(c: ClientResult, program: CompileResult | undefined, boot: ClusterBoot): string[] {
  const out: string[] = [];
  const o = c.boot;
  if (!o?.reachedRoot) return [`${c.node}: its NFS root's init never finished its report`];
  // Booted from the server VM: its NIC's iPXE fetched the dispatcher, which chained to its entry.
  if (boot.netboot && !o.initConsole.some((l) => l.includes(IPXE_DISPATCH)))
    out.push(`${c.node}: its iPXE never fetched ${IPXE_DISPATCH} from the server`);
  if (o.root?.type !== "nfs" || o.root.source !== c.root)
    out.push(
      `${c.node}: / is ${o.root ? `${o.root.type} from ${o.root.source}` : "not reported"}, expected nfs from ${c.root}`,
    );
  if (program)
    for (const b of predictEndState(program).bonds)
      out.push(...compareBond(c.node, b, o.bonds[b.name], o.interfaces, { macs: c.macs, address: c.address }));
  const bond = Object.values(o.bonds)[0];
  if (bond && bond.ipv4 !== c.address)
    out.push(`${c.node}: its bond carries ${bond.ipv4 ?? "no address"}, the inventory says ${c.address}`);
  if (!o.probe.wrote || o.probe.readBack === undefined || o.probe.readBack !== c.probeOnServer)
    out.push(
      `${c.node}: the file written on / read back ${o.probe.readBack ?? "nothing"}, the server has ${c.probeOnServer ?? "nothing"}`,
    );
  const load = c.load;
  if (!load || c.written === undefined) return [...out, `${c.node}: the server never saw its writer end`];
  if (load.missing.length)
    out.push(
      `${c.node}: ${load.missing.length} of ${c.written} lines lost, first ${load.missing.slice(0, 5).join(", ")}`,
    );
  else if (!load.inOrder) out.push(`${c.node}: its lines reached the server out of order`);
  if (load.longestGapMs > STALL_LIMIT_MS)
    out.push(
      `${c.node}: its root stalled ${load.longestGapMs} ms after line ${load.longestGapAfter} (threshold ${STALL_LIMIT_MS} ms)`,
    );
  const after = boot.server.linesAfter[c.node];
  if (!after || after.now - after.before < boot.afterLines)
    out.push(
      `${c.node}: wrote ${after ? after.now - after.before : 0} lines after the server's script, expected ${boot.afterLines}`,
    );
  return out;
}

/**
 * A bond as predicted, judged as a single node's (compare.ts) on a VM whose NICs have the
 * inventory's MACs and whose own row has `address`; plus, for every slave, no address of its own.
 */
function compareBond(
  node: string,
  want: PredictedBond,
  seen: BondState | undefined,
  interfaces: Record<string, InterfaceState>,
  vm: { macs: readonly string[]; address: string },
): string[] {
  const guest = {
    firmware: () => ({ up: false }),
    macOf: (i: string) => inventoryMac(vm.macs, i),
    node: { address: vm.address },
  };
  const out = compareSingleBond(want, seen, guest).map((d) => `${node} ${d}`);
  for (const slave of seen ? want.slaves : []) {
    const nic = interfaces[slave];
    if (nic?.addresses.length)
      out.push(`${node} ${slave}: a slave of ${want.name} with an address of its own (${nic.addresses.join(" ")})`);
  }
  return out;
}

/** The inventory's MAC of ethN (the VM's NICs get the row's MACs in order). */
function inventoryMac(macs: readonly string[], iface: string): string | undefined {
  const m = /^eth(\d+)$/.exec(iface);
  return m ? macs[Number(m[1])] : undefined;
}

/** The nodes the script's report names as missing at its deadline, sorted. */
export function missingNamed(lines: readonly ScriptLine[]): string[] {
  for (const l of lines) {
    const m = /(?:have not booted|clients missing after \d+ s):\s*(.*)$/.exec(l.text);
    if (m) return (m[1] ?? "").split(/\s+/).filter(Boolean).sort();
  }
  return [];
}

/** The script's lines from the end of its wait to its end: where the server bonded. */
export function bondingWindow(lines: readonly ScriptLine[]): { first: ScriptLine; last: ScriptLine } | undefined {
  const waited = lines.findIndex((l) => / every client answers| bonding anyway/.test(l.text));
  const first = lines[waited + 1];
  const last = lines[lines.length - 1];
  return waited >= 0 && first && last ? { first, last } : undefined;
}

/** The report `bondc boot` prints for a cluster. */
export function formatClusterVerdict(title: string, boot: ClusterBoot, mismatches: readonly string[]): string {
  const rows: [string, string][] = [];
  const s = boot.server;
  const sec = (ms: number | undefined) => (ms === undefined ? "-" : `${(ms / 1000).toFixed(1)} s`);
  rows.push([
    s.node,
    `server VM (${(boot.imageBytes / 1e6).toFixed(1)} MB image): nfsd serving at ${sec(s.readyMs)}; script from ${sec(s.script?.startMs)} to ${sec(s.script?.endMs)}, exit ${s.script?.rc ?? "none"}`,
  ]);
  const named = missingNamed(s.script?.lines ?? []);
  if (named.length) rows.push(["", `its script names as not booted: ${named.join(" ")}`]);
  for (const [name, b] of Object.entries(s.bonds))
    rows.push([
      "",
      `${name} ${b.up ? "up" : "DOWN"}, ${b.mode}, slaves ${b.slaves.join(" ") || "none"}, MAC ${b.mac}, IPv4 ${b.ipv4 ?? "none"}`,
    ]);
  if (!Object.keys(s.bonds).length) {
    const nic = s.interfaces[boot.serverBootNic];
    rows.push([
      "",
      `no bond; ${boot.serverBootNic} ${nic?.up ? "up" : "DOWN"} with ${nic?.addresses.join(" ") || "no address"}`,
    ]);
  }
  const window = bondingWindow(s.script?.lines ?? []);
  for (const c of boot.clients) {
    const o = c.boot;
    const bond = o ? Object.entries(o.bonds)[0] : undefined;
    rows.push([
      c.node,
      o?.reachedRoot
        ? `${boot.netboot ? "network boot from the server (iPXE, DHCP, HTTP); " : ""}root ${o.root?.type} from ${o.root?.source}; ${bond ? `${bond[0]} ${bond[1].ipv4 ?? "no address"} MAC ${bond[1].mac}, slaves ${bond[1].slaves.join(" ")}` : "no bond"}; root's init at ${sec(o.timings.rootInitMs)}`
        : "never reached its NFS root",
    ]);
    const l = c.load;
    if (l && c.written !== undefined) {
      const span = window
        ? `; ${window.first.counts[c.node] ?? 0} written when the server began to bond, ${window.last.counts[c.node] ?? 0} when it had`
        : "";
      const after = s.linesAfter[c.node];
      rows.push([
        "",
        `${l.received}/${c.written} lines on the server${l.complete ? ", in order" : `, ${l.missing.length} missing`}${span}; ${after ? after.now - after.before : 0} after the script`,
      ]);
      rows.push(["", `longest stall ${l.longestGapMs} ms, after line ${l.longestGapAfter}`]);
    }
  }
  if (boot.absent.length) rows.push(["never booted", boot.absent.join(" ")]);
  if (mismatches.length === 0) rows.push(["verdict", "✓ the cluster did what its programs and inventory say"]);
  else {
    rows.push(["verdict", `✗ ${mismatches.length} difference(s):`]);
    for (const m of mismatches) rows.push(["", `- ${m}`]);
  }
  const width = Math.max(...rows.map(([k]) => k.length));
  return (
    [
      `bondc boot ${title} (scenario ${boot.scenario})`,
      ...rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`.trimEnd()),
    ].join("\n") + "\n"
  );
}
