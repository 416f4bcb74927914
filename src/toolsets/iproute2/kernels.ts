import type { KernelRange } from "../../semantic/kernel.js";

/*
 * The kernels iproute2's bonding works on. `ip link add bond0 type bond mode … miimon …` hands
 * the options to the driver as IFLA_BOND_* netlink attributes, which drivers/net/bonding/
 * bond_netlink.c turns into option writes. Its first version (Jiri Pirko's "bonding: add netlink
 * support core", Linux 3.13) took only IFLA_BOND_MODE and IFLA_BOND_ACTIVE_SLAVE: bond_changelink()
 * in v3.13 reads those two attributes and nothing else, so miimon, primary or lacp_rate given to
 * `ip link add` were ignored. v3.14's bond_changelink() reads every option bondc knows (MIIMON,
 * UPDELAY, DOWNDELAY, USE_CARRIER, ARP_INTERVAL, ARP_IP_TARGET, ARP_VALIDATE, PRIMARY,
 * PACKETS_PER_SLAVE, AD_LACP_RATE, AD_SELECT, XMIT_HASH_POLICY, FAIL_OVER_MAC, …; Scott Feldman's
 * per-option netlink series). `ip link set … master` (IFLA_MASTER, ndo_add_slave) is older, 2.6.39.
 */
export const iproute2Kernels: KernelRange = {
  since: {
    version: "3.14",
    why: "it gives bonding options to `ip link add … type bond`, which the driver reads from netlink (IFLA_BOND_*) since 3.14",
    source:
      'drivers/net/bonding/bond_netlink.c: "bonding: add netlink support core" (3.13) reads only IFLA_BOND_MODE and IFLA_BOND_ACTIVE_SLAVE; bond_changelink() reads IFLA_BOND_MIIMON and the other options from v3.14 on',
    instead:
      "use `tools busybox`, which writes the options to sysfs (2.6.16 on), or `tools net-tools`, or name the kernel the node really boots",
  },
};
