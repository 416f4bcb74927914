// The boot scenarios `bondc boot --scenario NAME` offers, and the boot tests use, for each target:
// the boot everybody expects, failover under load on the NFS root, and the faults a node's script
// must survive. One job: the named lists.

import type { InitScenario } from "./boot-init.js";
import type { LegacyScenario } from "./boot-legacy.js";

/** How late the server-late scenario's NFS server starts: well past the node's first mount attempt. */
export const SERVER_LATE_S = 20;

/**
 * The largest MTU the enslave-refused scenario's eth1 allows: below the bond's 1500, so the
 * bonding driver's dev_set_mtu() on it fails and the kernel refuses the slave (a real refusal:
 * nothing in the guest is changed, the NIC is one that cannot carry full-size frames).
 */
export const REFUSING_MTU = 1400;

export interface NamedScenario<S> {
  readonly summary: string;
  readonly scenario: S;
}

/** The same fault on both targets: both boot the same virtio NICs, and the kernel refuses the same way. */
const enslaveRefused = {
  summary: `eth1 cannot carry the bond's 1500-byte MTU (its device allows ${REFUSING_MTU}): the kernel refuses to enslave it`,
  scenario: { name: "enslave-refused", hostMtus: [undefined, REFUSING_MTU], fault: "eth1 refused as a slave" },
} as const satisfies NamedScenario<LegacyScenario & InitScenario>;

/** `target linuxrc`: the image initrd on the legacy kernel, which mounts the NFS root itself. */
export const namedLegacyScenarios: Readonly<Record<string, NamedScenario<LegacyScenario>>> = {
  default: {
    summary: "the kernel's ip= gives eth0 the node's address (as BOOTP did), then runs /linuxrc; eth1 present",
    scenario: { name: "default" },
  },
  failover: {
    summary:
      "default; the NFS root's init writes a line every 20 ms while nic0's link is cut, restored, and nic1's cut",
    scenario: { name: "failover", load: {} },
  },
  "no-eth1": {
    summary: "the second NIC is missing (dead card, unplugged): only eth0 exists",
    scenario: { name: "no-eth1", nics: 1, fault: "eth1 missing" },
  },
  "server-late": {
    summary: `the NFS server starts ${SERVER_LATE_S} s after the node: the kernel's nfsroot mount must retry until it answers`,
    scenario: { name: "server-late", serverLateS: SERVER_LATE_S },
  },
  "enslave-refused": enslaveRefused,
};

/**
 * `target initramfs`: there is no firmware state before /init, so only the faults and the
 * failover carry over. Failover is the write load on the NFS root with nic0 cut, restored, and
 * nic1 cut.
 */
export const namedInitScenarios: Readonly<Record<string, NamedScenario<InitScenario>>> = {
  default: {
    summary: "two NICs, the NIC drivers loaded before /init (coldplug), bonding.ko in the initramfs",
    scenario: { name: "default" },
  },
  failover: {
    summary:
      "default; the NFS root's init writes a line every 20 ms while nic0's link is cut, restored, and nic1's cut",
    scenario: { name: "failover", load: {} },
  },
  "no-bonding": {
    summary: "the initramfs was built without bonding.ko: modprobe bonding fails",
    scenario: { name: "no-bonding", bondingModule: false, fault: "bonding.ko missing" },
  },
  "no-eth1": {
    summary: "the second NIC is missing (dead card, unplugged): only eth0 exists",
    scenario: { name: "no-eth1", eth1: "absent", fault: "eth1 missing" },
  },
  "server-late": {
    summary: `the NFS server starts ${SERVER_LATE_S} s after the node: /init's NFS mount must retry until it answers`,
    scenario: { name: "server-late", serverLateS: SERVER_LATE_S },
  },
  "enslave-refused": enslaveRefused,
};
