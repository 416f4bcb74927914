// The /init of the cluster's server VM (boot-cluster.ts): the running server the `server` target's
// script is written for, reporting over its console in the marker protocol (markers.ts).
//
// It brings the machine to where the seed's step 4 starts: the server's address on its unbonded
// boot NIC eth0 (eth1 down), the kernel's nfsd serving every booted client's root from a tmpfs of
// its own (Debian's rpcbind, rpc.mountd and rpc.nfsd, as shared/notes/nfs-root.md measured them),
// then it runs the generated script unchanged (`sh SCRIPT`) and watches the clients' roots from
// the server's side: before and after every line the script prints, how many lines each client
// has written (its /bondc-load, local files here), so the report shows where in the clients'
// writing the bonding happened. After the script it reports its network as the clients' roots do,
// waits until each client wrote `after_lines` more lines, tells the writers to stop (/bondc-stop),
// prints every client's file as the server has it, and keeps serving until the host powers it off:
// a client still finishing its report needs its root.
//
// What varies with the run comes in a second archive (server-image.ts): /bondc/cluster.conf (shell
// variables: `roots`, the exported paths; `clients`; `files_NODE`, the folder of each client's
// files on its root), /etc/exports, the script, and the roots under /bondc/roots/0, 1, ….

import { EVENT, reportFunctions } from "./markers.js";
import { networkReport, DONE_FILE, LOAD_FILE, PROBE_FILE, STOP_FILE } from "./root-init.js";
import { NIC_DRIVERS } from "./init-initramfs.js";

/** The server VM's events, in the order it emits them. */
export const SERVER_EV = {
  /** `server-init t=UPTIME`: the server VM's /init started. */
  init: "server-init",
  /** `server-fail step=WHAT`: the server could not be set up; it stops. */
  fail: "server-fail",
  /** `server-ready t=UPTIME`: nfsd serves every root; the host starts the first clients. */
  ready: "server-ready",
  /** `script-start t=UPTIME node2=N …`: the generated script starts (N: lines on that client's root). */
  scriptStart: "script-start",
  /** `script-line node2=N … | TEXT`: a line the script printed, and the clients' counts then. */
  scriptLine: "script-line",
  /** `script-end rc=RC t=UPTIME node2=N …`. */
  scriptEnd: "script-end",
  /** `lines-after node=NAME before=N now=M`: the client went on writing after the script. */
  linesAfter: "lines-after",
  /** `load-done node=NAME written=N probe=TOKEN`: the client's writer stopped; its file follows in section load:NAME. */
  loadDone: "load-done",
  /** `server-end`: the report is complete; the server keeps serving. */
  end: "server-end",
} as const;

/** Where the per-run archive puts things (server-image.ts writes them). */
export const SERVER_FILES = {
  config: "bondc/cluster.conf",
  roots: "bondc/roots",
  script: "usr/local/sbin/bondc-server",
  /** A network boot's files (`bondc build`'s output for the clients), served over HTTP. */
  boot: "bondc/boot",
  dhcp: "etc/udhcpd.conf",
} as const;

/** A node's name as cluster.conf's variables spell it (`files_NODE`): `-` is `_` there. */
export const shellKey = (node: string): string => node.replace(/-/g, "_");

/** The server VM's /init (the same for every run: what varies is in cluster.conf). */
export function serverInitScript(): string {
  const ev = SERVER_EV;
  return `${[
    "#!/bin/sh",
    "# /init of the cluster's server VM, bondc's boot harness (src/boot/server-init.ts).",
    "export PATH=/sbin:/bin:/usr/sbin:/usr/bin",
    ...reportFunctions,
    'now() { read up idle </proc/uptime; echo "$up"; }',
    // Stop without a panic (PID 1 must not exit): say what failed and leave the console to the host.
    `fail() { mark ${ev.fail} step="$*"; section ps ps; section dmesg dmesg; while :; do sleep 3600; done; }`,
    "mount -t proc proc /proc",
    "mount -t sysfs sysfs /sys",
    "mount -t devtmpfs devtmpfs /dev",
    "mount -t tmpfs -o mode=0755 tmpfs /run",
    `mark ${ev.init} t=$(now)`,
    `. /${SERVER_FILES.config} || fail "reading /${SERVER_FILES.config}"`,
    // The NICs' drivers (what udev's coldplug does on a distribution's initramfs), then wait for both NICs.
    `for m in ${NIC_DRIVERS.join(" ")}; do modprobe $m || fail "modprobe $m"; done`,
    "n=0",
    "until [ -e /sys/class/net/eth0 ] && [ -e /sys/class/net/eth1 ]; do",
    '  [ $n -ge 100 ] && fail "eth0 and eth1 did not appear"',
    "  usleep 100000; n=$((n + 1))",
    "done",
    "ifconfig lo 127.0.0.1 up",
    // The state the server's script starts from: the server's address on its unbonded boot NIC.
    'ifconfig "$boot_nic" "$address" netmask "$netmask" up || fail "ifconfig $boot_nic"',
    // The kernel's NFS server: nfsd pulls in sunrpc, grace, lockd, nfs_acl and auth_rpcgss.
    'modprobe nfsd || fail "modprobe nfsd"',
    'mount -t nfsd nfsd /proc/fs/nfsd || fail "mount nfsd"',
    // Each root on a tmpfs of its own (ramfs cannot be exported; /etc/exports gives each an fsid).
    "i=0",
    "for r in $roots; do",
    '  mkdir -p "$r" && mount -t tmpfs -o mode=0755 tmpfs "$r" || fail "tmpfs on $r"',
    `  cp -a /${SERVER_FILES.roots}/$i/. "$r/" || fail "copying the root $r"`,
    "  i=$((i + 1))",
    "done",
    "mkdir -p /run/rpcbind /var/lib/nfs",
    'exportfs -ra || fail "exportfs"',
    "rpcbind -w -f </dev/null &",
    "n=0",
    "until rpcinfo -p 127.0.0.1 >/dev/null 2>&1; do",
    '  [ $n -ge 100 ] && fail "rpcbind does not answer: $(rpcinfo -p 127.0.0.1 2>&1 | tail -n 1)"',
    "  usleep 100000; n=$((n + 1))",
    "done",
    "rpc.mountd -F -p 20048 -N 4 </dev/null &",
    'rpc.nfsd -p 2049 -N 4 4 || fail "rpc.nfsd"',
    // A network boot: busybox's udhcpd answers eth0's iPXE with boot.ipxe's URL, httpd serves it.
    'if [ -n "$netboot" ]; then',
    `  touch /run/udhcpd.leases && udhcpd /${SERVER_FILES.dhcp} || fail "udhcpd"`,
    `  httpd -p 80 -h /${SERVER_FILES.boot} || fail "httpd"`,
    "fi",
    `mark ${ev.ready} t=$(now)`,
    // Lines each booted client has on its root now (0 before its writer starts), as "node2=N …".
    `files() { eval "f=\\$files_$(echo "$1" | tr - _)"; }`,
    `lines() { files "$1"; n=0; [ -f "$f/${LOAD_FILE}" ] && n=$(wc -l <"$f/${LOAD_FILE}"); echo $n; }`,
    'counts() { for c in $clients; do printf "%s=%s " "$c" "$(lines "$c")"; done; }',
    // start=after-writes: the script waits only for the clients that never boot (every booted one writes first).
    'if [ "$start" = after-writes ]; then',
    "  for c in $clients; do",
    "    n=0",
    '    until [ "$(lines "$c")" -gt 0 ] || [ $n -ge 1500 ]; do usleep 200000; n=$((n + 1)); done',
    "  done",
    "fi",
    `mark ${ev.scriptStart} t=$(now) $(counts)`,
    `{ sh /${SERVER_FILES.script}; echo $? >/run/bondc-rc; } 2>&1 | while IFS= read -r l; do`,
    `  echo "${EVENT}${ev.scriptLine} $(counts)| $l"`,
    "done",
    `mark ${ev.scriptEnd} rc=$(cat /run/bondc-rc) t=$(now) $(counts)`,
    ...networkReport,
    // Every booted client goes on writing after the script: over the bond, or over eth0 still.
    "for c in $clients; do",
    '  before=$(lines "$c")',
    "  n=0",
    '  until [ "$(lines "$c")" -ge $((before + after_lines)) ] || [ $n -ge 1500 ]; do usleep 200000; n=$((n + 1)); done',
    `  mark ${ev.linesAfter} node=$c before=$before now=$(lines "$c")`,
    "done",
    "for c in $clients; do",
    '  files "$c"',
    `  echo stop >"$f/${STOP_FILE}"`,
    "done",
    "for c in $clients; do",
    '  files "$c"',
    "  n=0",
    `  until [ -s "$f/${DONE_FILE}" ] || [ $n -ge 600 ]; do usleep 200000; n=$((n + 1)); done`,
    `  section "load:$c" cat "$f/${LOAD_FILE}"`,
    `  mark ${ev.loadDone} node=$c written=$(cat "$f/${DONE_FILE}" 2>/dev/null) probe=$(cat "$f/${PROBE_FILE}" 2>/dev/null)`,
    "done",
    `mark ${ev.end} t=$(now)`,
    "while :; do sleep 3600; done",
  ].join("\n")}\n`;
}
