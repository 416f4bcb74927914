// The boot scenarios `bondc boot --scenario NAME` offers, and the boot tests use: the firmware
// state everybody expects, and the faults a /linuxrc must survive. One job: the named list.

import type { InitScenario } from "./boot-init.js";
import type { BootScenario } from "./scenario.js";

export interface NamedScenario {
  readonly summary: string;
  readonly scenario: BootScenario;
}

export const namedScenarios: Readonly<Record<string, NamedScenario>> = {
  default: {
    summary: "eth0 up as 10.0.2.15/24 (as PXE left it), eth1 present but down, bonding.ko in the initrd",
    scenario: { name: "default" },
  },
  failover: {
    summary: "default, then nic0's link is cut while the guest pings 10.0.2.2 through the bond",
    scenario: { name: "failover", failover: { cut: "nic0" } },
  },
  "no-bonding": {
    summary: "the initrd was built without bonding.ko: insmod bonding fails",
    scenario: { name: "no-bonding", bondingModule: false },
  },
  "no-eth1": {
    summary: "the second NIC is missing (dead card, unplugged): only eth0 exists",
    scenario: { name: "no-eth1", eth1: "absent" },
  },
  "refuse-eth1": {
    summary: "the bonding driver refuses to enslave eth1 (ifenslave fails for it)",
    scenario: { name: "refuse-eth1", refuseEnslave: ["eth1"] },
  },
  "lo-up": {
    summary: "default, but the firmware also brought lo up as 127.0.0.1",
    scenario: { name: "lo-up", loopbackUp: true },
  },
};

/**
 * The same names for an initramfs boot (bootCompiledInit): there is no firmware state before
 * /init, so only the faults and the failover carry over. Failover is the write load on the NFS
 * root with nic0 cut, restored, and nic1 cut.
 */
export const namedInitScenarios: Readonly<
  Record<string, { readonly summary: string; readonly scenario: InitScenario }>
> = {
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
    scenario: { name: "no-bonding", bondingModule: false },
  },
  "no-eth1": {
    summary: "the second NIC is missing (dead card, unplugged): only eth0 exists",
    scenario: { name: "no-eth1", eth1: "absent" },
  },
};
