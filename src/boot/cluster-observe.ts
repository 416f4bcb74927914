// Reading a cluster boot's consoles (boot-cluster.ts): what the server VM reported (server-init.ts:
// its script's lines with the clients' line counts at each, the script's exit status, its network
// afterwards, every client's file as the server has it) and what each client's NFS root reported
// (observeRoot, as for a single node). Pure parsing, no I/O.

import { checkLoad, type LoadOnServer } from "./nfs-boot.js";
import { observeRoot, parseConsole, type BondState, type InterfaceState, type RootObservation } from "./observe.js";
import type { QemuResult } from "./qemu.js";
import { SERVER_EV } from "./server-init.js";

/** How many lines each booted client had on its root, by name. */
export type LineCounts = Record<string, number>;

export interface ScriptLine {
  /** Milliseconds since the server VM's QEMU started, when the line reached the host. */
  tMs: number;
  counts: LineCounts;
  text: string;
}

export interface ServerObservation {
  node: string;
  /** The server VM's report is complete (`server-end`). */
  reachedEnd: boolean;
  /** The step the server VM could not set up, when it stopped. */
  fail?: string;
  /** QEMU start to nfsd serving every root. */
  readyMs?: number;
  script?: {
    startMs: number;
    startCounts: LineCounts;
    lines: ScriptLine[];
    /** Exit status; undefined when the script never ended. */
    rc?: number;
    endMs?: number;
    endCounts?: LineCounts;
  };
  /** The server's network after its script, as the clients' roots report theirs. */
  interfaces: Record<string, InterfaceState>;
  bonds: Record<string, BondState>;
  /** Each client's lines when the script ended and when the server stopped its writer. */
  linesAfter: Record<string, { before: number; now: number }>;
  totalMs: number;
  /** The console's last lines, for a failed run. */
  tail: string[];
}

export interface ClientResult {
  node: string;
  /** Its inventory address and MACs (eth0 first). */
  address: string;
  macs: readonly string[];
  /** `server:path` its /init mounts. */
  root: string;
  /** What its NFS root's own init reported; undefined when the client was never started. */
  boot?: RootObservation;
  /** Its load file as the server VM printed it, checked against the count its writer left. */
  load?: LoadOnServer;
  written?: number;
  /** Its probe file as the server has it. */
  probeOnServer?: string;
}

export interface ClusterBoot {
  scenario: string;
  server: ServerObservation;
  clients: ClientResult[];
  /** The inventory's clients that were not booted. */
  absent: string[];
  /** The server VM's image without what the run adds, gzip'd bytes. */
  imageBytes: number;
  /** The clients booted from the server VM over the network (iPXE), not from QEMU's -kernel. */
  netboot: boolean;
  /** The server's inventory row and boot NIC. */
  serverAddress: string;
  serverMacs: readonly string[];
  serverBootNic: string;
  /** Lines every client was to write after the server's script. */
  afterLines: number;
}

export interface ClusterRuns extends Omit<ClusterBoot, "server" | "clients"> {
  scenario: string;
  server: QemuResult;
  serverNode: string;
  clients: readonly {
    node: string;
    address: string;
    macs: readonly string[];
    server: string;
    path: string;
    run?: QemuResult;
  }[];
}

export function observeCluster(input: ClusterRuns): ClusterBoot {
  const { events, sections } = parseConsole(input.server.lines);
  const ev = (name: string) => events.find((e) => e.name === name);
  const net = observeRoot({ scenario: input.scenario, lines: input.server.lines, totalMs: input.server.durationMs });
  const server: ServerObservation = {
    node: input.serverNode,
    reachedEnd: ev(SERVER_EV.end) !== undefined,
    interfaces: net.interfaces,
    bonds: net.bonds,
    linesAfter: {},
    totalMs: input.server.durationMs,
    tail: input.server.lines.slice(-40).map((l) => l.text),
  };
  const fail = ev(SERVER_EV.fail);
  if (fail) server.fail = fail.fields["step"] ?? fail.text;
  const ready = ev(SERVER_EV.ready);
  if (ready) server.readyMs = ready.t;
  const start = ev(SERVER_EV.scriptStart);
  if (start) {
    const end = ev(SERVER_EV.scriptEnd);
    server.script = {
      startMs: start.t,
      startCounts: countsOf(start.fields),
      lines: events
        .filter((e) => e.name === SERVER_EV.scriptLine)
        .map((e) => {
          const bar = e.text.indexOf("| ");
          const counts = bar < 0 ? "" : e.text.slice(0, bar);
          return { tMs: e.t, counts: countsOf(fieldsOfWords(counts)), text: bar < 0 ? e.text : e.text.slice(bar + 2) };
        }),
    };
    if (end) {
      server.script.rc = Number(end.fields["rc"]);
      server.script.endMs = end.t;
      server.script.endCounts = countsOf(end.fields);
    }
  }
  for (const e of events.filter((x) => x.name === SERVER_EV.linesAfter))
    server.linesAfter[e.fields["node"] ?? ""] = { before: Number(e.fields["before"]), now: Number(e.fields["now"]) };

  const clients = input.clients.map((c): ClientResult => {
    const out: ClientResult = { node: c.node, address: c.address, macs: c.macs, root: `${c.server}:${c.path}` };
    if (c.run) out.boot = observeRoot({ scenario: c.node, lines: c.run.lines, totalMs: c.run.durationMs });
    const done = events.find((e) => e.name === SERVER_EV.loadDone && e.fields["node"] === c.node);
    if (done) {
      const written = Number(done.fields["written"]);
      if (Number.isInteger(written)) {
        out.written = written;
        out.load = checkLoad(sections[`load:${c.node}`] ?? "", written);
      }
      if (done.fields["probe"]) out.probeOnServer = done.fields["probe"];
    }
    return out;
  });
  const { server: _run, serverNode: _node, clients: _clients, ...rest } = input;
  return { ...rest, server, clients };
}

/** The `NAME=N` fields that are counts (every other field, such as t= or rc=, is left out). */
function countsOf(fields: Record<string, string>): LineCounts {
  const out: LineCounts = {};
  for (const [k, v] of Object.entries(fields)) if (k !== "t" && k !== "rc" && /^\d+$/.test(v)) out[k] = Number(v);
  return out;
}

function fieldsOfWords(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const w of text.split(/\s+/)) {
    const eq = w.indexOf("=");
    if (eq > 0) out[w.slice(0, eq)] = w.slice(eq + 1);
  }
  return out;
}
