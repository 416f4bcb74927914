import type { Inventory } from "../semantic/inventory/inventory.js";
import type { Check, CheckContext } from "./context.js";

/*
 * A client program that finds its node at boot (`discover node.address`) needs clients to find:
 * with none in the inventory, the script's table is empty and every node that boots the image
 * stops at the lookup. The boot targets list this among their cluster checks.
 */
export function clientsToFind(inventories: readonly Inventory[]): Check {
  return (ctx: CheckContext) => {
    const lookup = ctx.program.actions.find((a) => a.kind === "node");
    // With no inventory at all, BOND0135 has said so at the expression; a row left out for a
    // mistake may be the client, and that mistake is reported already (one mistake, one message).
    if (!lookup || inventories.length === 0 || inventories.some((i) => !i.complete)) return;
    if (inventories.some((i) => i.nodes.some((n) => n.role === "client"))) return;
    ctx.bag.report("BOND0138", ctx.here(lookup), "the inventory lists no client for this node to be", {
      label: "every node booting this image would stop here",
      related: ctx.callLabels(lookup),
      notes: ["the script holds the inventory's clients; a node finds its row among them by bondc.node=NAME"],
      help: "add the clients to the inventory, with role client",
    });
  };
}
