// The guest's NFS server: nfs-ganesha (user space; the host kernel has no nfsd) and rpcbind,
// inside one private network + mount + PID namespace together with QEMU.
//
// `unshare --net --mount --pid --fork --kill-child --mount-proc` gives the runner script a
// network namespace with only `lo`, so every listener (rpcbind on 111, ganesha on 2049 and 20048)
// exists only in there, and QEMU's user-mode network (slirp), started in the same namespace,
// forwards the guest's connections to 10.0.2.2 to them on lo. Nothing listens on the host's
// network. Teardown needs no cleanup code: the runner execs QEMU, which becomes PID 1 of the
// namespace, and when PID 1 exits the kernel kills every other process in it (rpcbind, ganesha).
// If the harness kills `unshare` (timeout, abort), --kill-child SIGKILLs QEMU, with the same
// effect. rpcbind and ganesha hold the harness's stderr pipe, so the harness's "QEMU has exited
// and its output is closed" event comes only after they are gone as well. The tmpfs mounts (/run,
// ganesha's state folder /var/lib/nfs/ganesha) exist only in the private mount namespace and
// vanish with it, so the server touches none of the host's files: rpcbind's unix socket
// /run/rpcbind.sock on a shared /run would even join two boots' servers across their network
// namespaces. Facts and the config are from shared/notes/nfs-root.md.

import { writeFile } from "node:fs/promises";
import { join } from "node:path";

/** The server as the guest sees it: QEMU's user-network gateway. */
export const NFS_SERVER_IP = "10.0.2.2";
export const NFS_PORT = 2049;
export const MOUNT_PORT = 20048;
/**
 * Options busybox's `mount -t nfs` hands to the kernel as they are (it has no mount.nfs helper,
 * so `addr=` must be given; nolock because ganesha runs without NLM).
 */
export const NFS_MOUNT_OPTIONS = `nfsvers=3,proto=tcp,port=${NFS_PORT},mountport=${MOUNT_PORT},mountproto=tcp,nolock,addr=${NFS_SERVER_IP}`;

/** The line ganesha logs once it serves (at NIV_EVENT). */
export const GANESHA_READY = "NFS SERVER INITIALIZED";
/** Prefix of the runner's own lines on stderr. */
export const RUNNER_PREFIX = "bondc-netns:";
/** Runner exit codes of its own (QEMU's exit code passes through otherwise). */
export const RUNNER_EXIT = { namespace: 96, server: 97 } as const;

export interface NfsExport {
  /** Absolute host folder to serve (ganesha's `Path`). */
  dir: string;
  /**
   * The path the guest mounts (`10.0.2.2:<as>`), e.g. a handoff's `path "/srv/nfsroot/node5"`.
   * ganesha's NFSv3 MNT looks up `Path`; with `Mount_Path_Pseudo` it looks up `Pseudo`, so any
   * path can be served without creating it on the host. Default: `dir` itself.
   */
  as?: string;
}

/** Paths the `as` of an export may take: absolute, plain characters (it lands in a config file). */
const EXPORT_PATH = /^\/[A-Za-z0-9._\-/]*$/;

/** The ganesha config: NFSv3 over TCP only, fixed ports, one RW export without root squash. */
export function ganeshaConfig(exp: NfsExport): string {
  const as = exp.as ?? exp.dir;
  for (const p of [exp.dir, as]) {
    if (!EXPORT_PATH.test(p) || p.includes(".."))
      throw new Error(`NFS export path must be absolute and plain: ${JSON.stringify(p)}`);
  }
  // No Bind_addr: in a namespace with only lo, ganesha's getaddrinfo(AI_ADDRCONFIG) finds no
  // address for 127.0.0.1 and refuses to start ("No IP address found").
  return [
    "NFS_CORE_PARAM {",
    `  NFS_Port = ${NFS_PORT};`,
    `  MNT_Port = ${MOUNT_PORT};`,
    "  Enable_NLM = false;",
    "  Enable_RQUOTA = false;",
    "  Enable_UDP = false;",
    "  Protocols = 3;",
    ...(as !== exp.dir ? ["  Mount_Path_Pseudo = true;"] : []),
    "}",
    "EXPORT {",
    "  Export_Id = 1;",
    `  Path = ${exp.dir};`,
    `  Pseudo = ${as};`,
    "  Access_Type = RW;",
    "  Squash = No_Root_Squash;",
    "  Protocols = 3;",
    "  Transports = TCP;",
    "  SecType = sys;",
    "  FSAL { Name = VFS; }",
    "}",
    "",
  ].join("\n");
}

/**
 * Runs as PID 1 of the private namespaces: `runner.sh WORKDIR DELAY COMMAND...`. Brings lo up,
 * gives rpcbind and ganesha private state folders, starts rpcbind and waits until it answers,
 * starts ganesha and waits until its log says it serves (or it dies, or 30 s pass), then execs
 * COMMAND (QEMU). With DELAY > 0 (seconds) the server is late: COMMAND starts at once and the
 * server DELAY seconds later, in the background (its failure then shows as a boot that never
 * reaches its root, with the runner's message). Its own messages go to stderr prefixed
 * `bondc-netns:`; ganesha's log stays in WORKDIR/ganesha.log.
 */
export const NAMESPACE_RUNNER = `#!/bin/sh
# bondc boot harness: NFS server + QEMU in one private network namespace (src/boot/nfs-server.ts)
set -u
PATH=$PATH:/usr/sbin:/sbin
work=$1
delay=$2
shift 2
say() { echo "${RUNNER_PREFIX} $*" >&2; }
ip link set lo up || { say "cannot bring lo up in the namespace"; exit ${RUNNER_EXIT.namespace}; }
# A private /run: rpcbind's socket and lock (/run/rpcbind.sock, /run/rpcbind.lock) and ganesha's
# /run/ganesha live right in /run, and a unix socket on the host's /run would be shared by every
# namespace (two boots at once would register with each other's rpcbind).
for d in /run /var/lib/nfs/ganesha; do
  mkdir -p "$d" && mount -t tmpfs -o mode=0755 tmpfs "$d" || { say "cannot mount a private tmpfs on $d"; exit ${RUNNER_EXIT.namespace}; }
done
mkdir -p /run/rpcbind
# ganesha registers NFS and MNT with rpcbind as it starts and gives up if rpcbind is not answering
# yet ("Cannot register NFS V3 on TCP"): wait until rpcbind answers a query (rpcinfo, from the
# rpcbind package).
# wait_for NAME PID LOG CMD...: until CMD succeeds (NAME is ready), for 30 s at most, while PID
# lives; otherwise say so, show LOG's last lines and give up.
wait_for() {
  name=$1 pid=$2 log=$3
  shift 3
  n=0
  until "$@"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      say "$name exited before it was ready; its log:"
      tail -n 15 "$log" >&2
      exit ${RUNNER_EXIT.server}
    fi
    if [ "$n" -ge 300 ]; then
      say "$name was not ready within 30 s"
      exit ${RUNNER_EXIT.server}
    fi
    sleep 0.1
    n=$((n + 1))
  done
}
rpcbind_answers() { rpcinfo -p 127.0.0.1 >/dev/null 2>&1; }
ganesha_serves() { grep -q "${GANESHA_READY}" "$work/ganesha.log" 2>/dev/null; }
serve() {
  # Both keep the runner's stderr (the harness's pipe) open on purpose: the harness sees the pipe
  # close only once every process holding it has died, so "QEMU closed" means "server gone too".
  rpcbind -f </dev/null >"$work/rpcbind.log" &
  rpid=$!
  wait_for rpcbind "$rpid" "$work/rpcbind.log" rpcbind_answers
  ganesha.nfsd -F -f "$work/ganesha.conf" -L "$work/ganesha.log" -p "$work/ganesha.pid" -N NIV_EVENT </dev/null >>"$work/ganesha.log" &
  gpid=$!
  wait_for ganesha.nfsd "$gpid" "$work/ganesha.log" ganesha_serves
  say "nfs-ready"
}
if [ "$delay" -gt 0 ]; then
  say "nfs-late $delay"
  (sleep "$delay" && serve) &
else
  serve
fi
exec "$@"
`;

export interface NamespaceCommand {
  command: string;
  /** Arguments before the wrapped program's own command line. */
  args: string[];
}

/**
 * Writes the ganesha config and the runner into `work` (a private temp folder) and returns the
 * command prefix that runs a program (QEMU) inside the namespace next to the server.
 */
export async function prepareNfsNamespace(
  work: string,
  exp: NfsExport,
  /** The server starts this many seconds after QEMU (the server-late fault); 0: before QEMU. */
  lateSeconds = 0,
): Promise<NamespaceCommand> {
  if (!Number.isInteger(lateSeconds) || lateSeconds < 0 || lateSeconds > 600)
    throw new Error(`the server's delay must be 0 to 600 whole seconds, not ${lateSeconds}`);
  await writeFile(join(work, "ganesha.conf"), ganeshaConfig(exp));
  const runner = join(work, "runner.sh");
  await writeFile(runner, NAMESPACE_RUNNER, { mode: 0o755 });
  return {
    command: "unshare",
    args: [
      "--net",
      "--mount",
      "--pid",
      "--fork",
      "--kill-child",
      "--mount-proc",
      "/bin/sh",
      runner,
      work,
      String(lateSeconds),
    ],
  };
}

/** The runner's `bondc-netns:` lines from a stderr capture. */
export function runnerMessages(stderr: string): string[] {
  return stderr
    .split("\n")
    .filter((l) => l.startsWith(RUNNER_PREFIX))
    .map((l) => l.slice(RUNNER_PREFIX.length).trim());
}
