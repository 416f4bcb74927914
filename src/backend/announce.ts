import type { BondConfig } from "../ir/ir.js";
import { comment, type Statement } from "../sh/ast.js";

/*
 * What a server's script says where its toolset has no program for a gratuitous ARP (net-tools and
 * iproute2: iproute2 has none of its own; arping is iputils' or busybox's). The script does not
 * invent one: the bonding driver's own notification is all there is, and the comment says what it
 * does for this bond (docs/cluster.md, "Announcing the move").
 */
export function driverAnnouncement(tools: string, carrier: string, bond: BondConfig | undefined): Statement[] {
  const lines = [
    `No gratuitous ARP from this script: the ${tools} toolset has no program for one.`,
    ...(bond?.mode === "active-backup"
      ? [
          `The bonding driver announces ${carrier}'s address itself: in active-backup it sends num_grat_arp`,
          "(default 1) gratuitous ARPs for the bond's and its VLANs' addresses each time a slave becomes",
          "active (a failover, or an enslave into a bond with no active slave); an address added after",
          "that is announced at the next change only (Documentation/networking/bonding.rst).",
        ]
      : [
          `In ${bond?.mode ?? "this"} mode the bonding driver sends none either: neighbours learn the move when`,
          "their ARP entries for this address expire, or from the server's next ARP request.",
        ]),
  ];
  return lines.map(comment);
}
