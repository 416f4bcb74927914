// The NFS root's own /sbin/init: what the node runs once the /init under test has mounted its
// root over NFS and switch_root'ed. It reports what it sees over the console in the marker
// protocol (markers.ts; parsed by observe.ts `observeRoot`), optionally writes to its root while
// the host cuts links (failover under load), and powers off.
//
// It runs as PID 1 under stock busybox (applets by name are fine here: nothing shadows them),
// with whatever /proc, /sys and /dev the /init under test moved into the root; it mounts any of
// them that are missing so that the report does not depend on the script under test.

import { EV, reportEnd, reportFunctions, sysfsNetSection } from "./markers.js";

/** Guest paths on the NFS root, relative to / (the host finds them in the export folder). */
export const PROBE_FILE = "bondc-probe";
export const LOAD_FILE = "bondc-load";
/** How often the root's init pings the NFS server during a failover run (busybox ping -i 0.2). */
export const PING_INTERVAL_MS = 200;
/** A writer with `untilStop` ends once this file holds `stop` (the cluster's server writes it). */
export const STOP_FILE = "bondc-stop";
/** ... and then writes how many lines it appended here. */
export const DONE_FILE = "bondc-load-done";

export interface LoadPlan {
  /** Lines to append to /bondc-load, numbered from 1. */
  lines: number;
  /** Pause between two appends, ms. */
  intervalMs: number;
  /** Link changes the host makes while the writer runs, in order; the guest waits for each. */
  steps: readonly LinkStep[];
  /**
   * Ping the NFS server every PING_INTERVAL_MS while the writer runs; false where the run is
   * judged by its lines alone (the two-VM cluster boot, whose server copies them). The load-start
   * mark then says `ping=0`.
   */
  ping: boolean;
  /**
   * Write until /bondc-stop says `stop` (`lines` is then only a cap), and leave the count in
   * /bondc-load-done: in the two-VM cluster boot the writer must outlast the server's bonding, whose
   * moment depends on the other guests, so the server VM, not a count, ends it.
   */
  untilStop?: boolean;
}

export interface LinkStep {
  /** QEMU NIC (nic0 = the guest's eth0, nic1 = eth1). */
  nic: "nic0" | "nic1";
  link: "on" | "off";
}

export interface RootInitOptions {
  /** Written to /bondc-probe and read back; the host compares it with the export's copy. */
  token: string;
  load?: LoadPlan;
  /**
   * The folder of the files above, relative to / (default / itself): nodes that share one root
   * (a cluster whose clients all mount one path) each keep theirs apart (nfs-root.ts).
   */
  filesDir?: string;
}

export const guestNic = (nic: LinkStep["nic"]) => (nic === "nic0" ? "eth0" : "eth1");

/**
 * What a guest reports of its network: links, addresses, routes, every interface from sysfs, and
 * every bond's /proc/net/bonding file and sysfs options (parsed by observeRoot). The cluster's
 * server VM reports the same after its bonding script (server-init.ts).
 */
export const networkReport: readonly string[] = [
  "section links ip -o link",
  "section addrs ip -o addr",
  "section routes ip route",
  ...sysfsNetSection,
  "bond_sysfs() {",
  "  for f in /sys/class/net/$1/bonding/*; do",
  '    [ -f "$f" ] || continue',
  "    echo \"${f##*/}=$(cat \"$f\" 2>/dev/null | tr '\\n' ' ')\"",
  "  done",
  "}",
  "for p in /proc/net/bonding/*; do",
  '  [ -e "$p" ] || continue',
  "  b=${p##*/}",
  '  section "bond-proc:$b" cat "$p"',
  '  section "bond-sysfs:$b" bond_sysfs "$b"',
  "done",
];

export function rootInitScript(o: RootInitOptions): string {
  if (!/^[A-Za-z0-9-]+$/.test(o.token)) throw new Error(`probe token must be plain: ${JSON.stringify(o.token)}`);
  if (o.filesDir !== undefined && !/^[A-Za-z0-9._-]+$/.test(o.filesDir))
    throw new Error(`the files' folder must be one plain name: ${JSON.stringify(o.filesDir)}`);
  const at = (file: string) => (o.filesDir ? `/${o.filesDir}/${file}` : `/${file}`);
  const L: string[] = [
    "#!/bin/sh",
    "# /sbin/init of the NFS root served by bondc's boot harness (src/boot/root-init.ts).",
    "export PATH=/sbin:/bin:/usr/sbin:/usr/bin",
    ...reportFunctions,
    // Guest time for the load's lines and events: /proc/uptime, read by the shell (no fork).
    'now() { read up idle </proc/uptime; echo "$up"; }',
    "[ -e /proc/self ] || mount -t proc proc /proc",
    "[ -d /sys/class ] || mount -t sysfs sysfs /sys",
    "[ -e /dev/null ] || mount -t devtmpfs devtmpfs /dev",
    "cd /",
    `mark ${EV.rootInit} pid=$$ t=$(now)`,
    "section root-mounts cat /proc/mounts",
    // Which device / is on (major:minor): a disk root shows in /proc/mounts as /dev/root.
    "section root-mountinfo cat /proc/self/mountinfo",
    ...networkReport,
    // A file on /, written and read back through the NFS client; the host reads its own copy.
    `wrote=0; echo ${o.token} >${at(PROBE_FILE)} && sync && wrote=1`,
    `read=$(cat ${at(PROBE_FILE)} 2>/dev/null)`,
    `mark ${EV.probe} wrote=$wrote read=$read`,
  ];
  if (o.load) L.push(...load(o.load, at));
  L.push(...reportEnd);
  return `${L.join("\n")}\n`;
}

/**
 * Appends numbered lines (`N UPTIME`) to /bondc-load, open/append/close each, in the background;
 * meanwhile waits for each link change the host makes (the host reacts to the previous marker)
 * and reports it with the active slave of every bond; then waits for the writer.
 */
function load(p: LoadPlan, at: (file: string) => string): string[] {
  if (!Number.isInteger(p.lines) || p.lines < 1 || !Number.isInteger(p.intervalMs) || p.intervalMs < 0) {
    throw new Error(`load plan needs whole positive numbers: ${JSON.stringify(p)}`);
  }
  const L = [
    `rm -f ${at(LOAD_FILE)} ${at(DONE_FILE)}`,
    "writer() {",
    "  i=1",
    `  while [ $i -le ${p.lines} ]; do`,
    // Opening the file each time makes the NFS client ask the server for its attributes
    // (close-to-open consistency), so the server's `stop` is seen at the next line.
    ...(p.untilStop ? [`    read s <${at(STOP_FILE)} 2>/dev/null && [ "$s" = stop ] && break`] : []),
    "    read up idle </proc/uptime",
    `    echo "$i $up" >>${at(LOAD_FILE)}`,
    `    usleep ${p.intervalMs * 1000}`,
    "    i=$((i + 1))",
    "  done",
    ...(p.untilStop ? [`  echo $((i - 1)) >${at(DONE_FILE)}`] : []),
    "}",
    'actives() { for b in /sys/class/net/*/bonding/active_slave; do [ -e "$b" ] && printf \'%s \' "$(cat "$b")"; done; }',
    // Up to 20 s per change: the host's monitor command, then miimon, then this poll (0.05 s).
    "wait_carrier() {",
    "  n=0",
    '  while [ "$(cat /sys/class/net/$1/carrier 2>/dev/null)" != "$2" ]; do',
    `    [ $n -ge 400 ] && { mark ${EV.linkTimeout} nic=$1 carrier=$2 t=$(now); return 1; }`,
    "    usleep 50000; n=$((n + 1))",
    "  done",
    // Give miimon (≤ 0.1 s in the plans used) time to act before reporting the active slave.
    "  usleep 300000",
    `  mark ${EV.link} nic=$1 carrier=$2 t=$(now) active=$(actives)`,
    "}",
    // Pings to the NFS server (the source of the / mount) every 0.2 s for as long as the writer
    // runs: a second witness of the failover, beside the lines. busybox ping prints its
    // statistics on SIGINT.
    ...(p.ping
      ? [
          `srv=; while read -r src mnt rest; do [ "$mnt" = / ] && srv=\${src%%:*}; done </proc/mounts`,
          `ping -q -i ${PING_INTERVAL_MS / 1000} "$srv" >/tmp/bondc-ping 2>&1 &`,
          "ppid=$!",
        ]
      : []),
    "writer &",
    "wpid=$!",
    // A few lines before the first cut, so that the load is running when it happens.
    "usleep 500000",
    `mark ${EV.loadStart} lines=${p.lines} ping=${p.ping ? 1 : 0} t=$(now) active=$(actives)`,
  ];
  for (const s of p.steps) L.push(`wait_carrier ${guestNic(s.nic)} ${s.link === "on" ? 1 : 0}`);
  L.push(
    "wait $wpid",
    "rc=$?",
    ...(p.ping ? ["kill -INT $ppid; wait $ppid"] : []),
    `mark ${EV.loadEnd} rc=$rc t=$(now) active=$(actives)`,
    ...(p.ping ? ["section ping cat /tmp/bondc-ping"] : []),
    "for p in /proc/net/bonding/*; do",
    '  [ -e "$p" ] && section "bond-proc-after:${p##*/}" cat "$p"',
    "done",
  );
  return L;
}
