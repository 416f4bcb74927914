import type { Program } from "../ir/ir.js";
import { NODE_PARAMETER, type InventoryNode } from "../semantic/inventory/inventory.js";
import { bootNode, type NodeInput } from "./cmdline.js";
import type { BootNode } from "./node.js";

/*
 * The boot entries of the cluster's one client image (docs/cluster.md): one node per client of
 * the inventory, found by the boot loader by its first MAC (the NIC it boots from), and named on
 * its kernel command line as `bondc.node=NAME`, which the image's /init reads to find its own row.
 * The unbonded fallback carries the node's own address (`ip=`), as a single node's does.
 */

/** True for a program that finds its node at boot: the one image of a cluster's clients. */
export const findsItsNode = (program: Program): boolean => program.actions.some((a) => a.kind === "node");

/** Every client's boot node, in inventory order; throws BootEntryError as bootNode does. */
export function clusterBootNodes(
  program: Program,
  clients: readonly InventoryNode[],
  input: Omit<NodeInput, "name" | "mac" | "address">,
): BootNode[] {
  return clients.map((c) =>
    bootNode(program, {
      ...input,
      name: c.name.value,
      mac: c.macs[0]!.value,
      address: c.address.text,
      append: [...(input.append ?? []), `${NODE_PARAMETER}=${c.name.value}`],
    }),
  );
}
