import { join } from "node:path";
import { repoRoot } from "./repo.js";

/**
 * The seed's two linuxrc scripts (SEED_DIR), verbatim except for their line breaks, which the
 * seed's text lost (it is one line); test/seed/fixtures.test.ts checks them against the seed. The sandbox, behaviour and QEMU boot tests all run these. Note the seed's sed patterns have single spaces; whether the original had
 * the real padding is unknowable from the flattened text, and we take the seed as written.
 */

/** "Quick start" linuxrc: fixed address and MAC. */
export const QUICKSTART = `#!/bin/bash
/sbin/insmod bonding
/sbin/ifconfig bond0 192.168.1.105 hw ether 00:90:27:E0:30:51 netmask 255.255.255.0 broadcast 192.168.1.255 up
/sbin/ifconfig eth0 down
/sbin/ifconfig eth1 down
/sbin/ifenslave bond0 eth0
/sbin/ifenslave bond0 eth1
mount -n -t proc proc /proc
echo 0x00ff > /proc/sys/kernel/real-root-dev
`;

/** "More general form": discovers eth0's MAC and the IP address from ifconfig's output. */
export const GENERAL_FORM = `#!/bin/bash
#hwadds=\`/sbin/ifconfig | grep eth0 | awk '{print $5}'\`
hwadds=\`/sbin/ifconfig | /bin/grep eth0 | /bin/sed -e 's/eth0 Link encap:Ethernet HWaddr //' \`
echo $hwadds
ipadds=\`/sbin/ifconfig | /bin/grep "inet addr" | /bin/sed -e 's/inet addr://' | /bin/sed -e 's/ Bcast:192.168.1.255 Mask:255.255.255.0//' \`
echo $ipadds
/sbin/insmod bonding
/sbin/ifconfig bond0 $ipadds hw ether $hwadds netmask 255.255.255.0 broadcast 192.168.1.255 up
/sbin/ifconfig eth0 down
/sbin/ifconfig eth1 down
/sbin/ifenslave bond0 eth0
/sbin/ifenslave bond0 eth1
mount -n -t proc proc /proc
echo 0x00ff > /proc/sys/kernel/real-root-dev
`;

/** The seed's text: every checkout, CI's fresh clone included, has shared/ beside it. */
export const SEED_DIR = join(repoRoot, "..", "shared", "seed");
