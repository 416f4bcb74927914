// The line protocol between the harness's guest code (the NFS root's init, the coldplug stand-in)
// and the host's parser (observe.ts).
//
// Everything the harness learns arrives on the serial console, mixed with firmware noise and
// any kernel message loud enough to pass `quiet`. So every line that code emits on purpose starts with
// a prefix nothing else prints: `@@bondc:` for events, `@@| ` for the body of a section.

/** `@@bondc:<event> key=value…` — a point in time (the host timestamps it on arrival). */
export const EVENT = "@@bondc:";
/** Every line of a section body carries this prefix (added by sed in the guest). */
export const BODY = "@@| ";

export const SECTION_BEGIN = "begin";
export const SECTION_END = "end";

/** Events, in the order the guest emits them. */
export const EV = {
  /** Something the harness's guest code could not do (a driver that did not load). */
  warn: "warn",
  /** The end of a report: everything before it arrived. */
  done: "done",
  /** The harness's rdinit loaded the NIC drivers and is about to exec the /init under test. */
  firmware: "firmware",
  /** /sbin/init on the NFS root started (the /init under test reached its root). */
  rootInit: "root-init",
  /** The file written on / and read back: `probe wrote=0|1 read=CONTENT`. */
  probe: "probe",
  /** The writer on the NFS root started: `load-start lines=N t=UPTIME`. */
  loadStart: "load-start",
  /** The guest saw a NIC's carrier change: `link nic=eth0 carrier=0 active=eth1 t=UPTIME`. */
  link: "link",
  /** The guest gave up waiting for a carrier change: `link-timeout nic=eth0 carrier=0`. */
  linkTimeout: "link-timeout",
  /** The writer finished: `load-end rc=0 t=UPTIME`. */
  loadEnd: "load-end",
} as const;

/**
 * The shell functions a guest report script writes with: `mark EVENT…` and `section NAME CMD…`.
 * Section bodies get a prefix so the host can tell them from kernel messages on the console.
 */
export const reportFunctions: readonly string[] = [
  `mark() { echo "${EVENT}$*"; }`,
  `section() { name=$1; shift; echo "${EVENT}${SECTION_BEGIN} $name"; "$@" 2>&1 | sed 's/^/${BODY}/'; echo "${EVENT}${SECTION_END} $name"; }`,
];

/**
 * The end of every guest report: the kernel log, the done mark, and the power cut. `reboot -f`
 * because the legacy kernel has no ACPI to power off with; QEMU runs with -no-reboot, so a reboot
 * ends it on every kernel. It cuts the power at once, and whatever still sits in the serial driver's buffer (up to 4 KiB: the
 * tail of the report) is lost; seen under load. stty applies settings with tcsetattr(TCSADRAIN),
 * which returns only once the console output has gone out.
 */
export const reportEnd: readonly string[] = [
  "section dmesg dmesg",
  `mark ${EV.done}`,
  "stty onlcr </dev/console 2>/dev/null || sleep 1",
  "reboot -f",
  "sleep 5",
];

/**
 * The `sysfs-net` section both guests report: one line per interface, read from sysfs.
 * `carrier` cannot be read while an interface is down (EINVAL), hence its 2>/dev/null.
 */
export const sysfsNetSection: readonly string[] = [
  "sysfs_net() {",
  "  for d in /sys/class/net/*; do",
  '    [ -d "$d" ] || continue',
  '    m=; [ -e "$d/master" ] && m=$(basename "$(readlink "$d/master")")',
  '    echo "iface=${d##*/} flags=$(cat "$d/flags") operstate=$(cat "$d/operstate") address=$(cat "$d/address") carrier=$(cat "$d/carrier" 2>/dev/null) master=$m"',
  "  done",
  "}",
  "section sysfs-net sysfs_net",
];
