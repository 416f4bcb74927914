// The line protocol between the guest's /init and the host's parser (observe.ts).
//
// Everything the harness learns arrives on the serial console, mixed with firmware noise and
// any kernel message loud enough to pass `quiet`. So every line /init emits on purpose starts with
// a prefix nothing else prints: `@@bondc:` for events, `@@| ` for the body of a section.

/** `@@bondc:<event> key=value…` — a point in time (the host timestamps it on arrival). */
export const EVENT = "@@bondc:";
/** Every line of a section body carries this prefix (added by sed in the guest). */
export const BODY = "@@| ";

export const SECTION_BEGIN = "begin";
export const SECTION_END = "end";

/** Events, in the order /init emits them. */
export const EV = {
  initStart: "init-start",
  warn: "warn",
  linuxrcStart: "linuxrc-start",
  linuxrcEnd: "linuxrc-end",
  failoverReady: "failover-ready",
  failoverLinkDown: "failover-link-down",
  failoverEnd: "failover-end",
  done: "done",
} as const;

/** Section names; each is `begin NAME` … body … `end NAME`. */
export const SECTIONS = [
  "pre-links",
  "pre-addrs",
  "linuxrc-stdout",
  "linuxrc-stderr",
  "proc-bonding",
  "links",
  "addrs",
  "routes",
  "ifconfig",
  "sysfs-net",
  "bond-sysfs",
  "kernel-sys",
  "ping",
  "failover-bonding",
  "dmesg",
] as const;
