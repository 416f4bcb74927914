import type { Check, CheckContext } from "../../checks/context.js";
import type { Inventory } from "../../semantic/inventory/inventory.js";
import { onABond } from "./checks.js";

/*
 * The server's program against the cluster's inventory: its wait needs clients to ask, and its
 * bond must carry the address the inventory gives the server, the one every client mounts its
 * root from.
 */

function clientsToWaitFor(inventories: readonly Inventory[]): Check {
  return (ctx: CheckContext) => {
    const wait = ctx.program.actions.find((a) => a.kind === "wait-clients");
    if (!wait) return;
    const clients = inventories.flatMap((i) => i.nodes.filter((n) => n.role === "client"));
    if (clients.length > 0) return;
    ctx.bag.report(
      "BOND0134",
      ctx.here(wait),
      inventories.length === 0 ? "there is no inventory to wait for" : "the inventory lists no client",
      {
        label: "this wait would end at once, having asked nobody",
        notes: ["the server learns its clients from the cluster's inventory (docs/cluster.md)"],
        help:
          inventories.length === 0
            ? 'import the cluster\'s inventory: import "inventory.bond"'
            : "add the clients to the inventory, with role client",
      },
    );
  };
}

function bondCarriesServerAddress(inventories: readonly Inventory[]): Check {
  return (ctx: CheckContext) => {
    const server = inventories.flatMap((i) => i.nodes).find((n) => n.role === "server");
    if (!server) return;
    for (const action of ctx.program.actions) {
      if (action.kind !== "up" || !onABond(ctx.program, action.iface)) continue;
      const address = action.address;
      if (address?.kind !== "const" || address.number === undefined || address.number === server.address.value)
        continue;
      ctx.bag.report(
        "BOND0425",
        address.span,
        `${action.iface} is given ${address.text}, but the inventory gives the server ${server.address.text}`,
        {
          label: "not the server's address",
          related: [{ span: server.address.span, message: `${server.name.value}, the server, has it` }],
          notes: ["every client mounts its root from the inventory's server address; the bond must carry it on"],
          help: `give ${action.iface} the address ${server.address.text}`,
        },
      );
    }
  };
}

/** The server's checks that read the cluster's inventories. */
export function serverClusterChecks(inventories: readonly Inventory[]): Check[] {
  return [clientsToWaitFor(inventories), bondCarriesServerAddress(inventories)];
}
