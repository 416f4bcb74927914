import type { Check, CheckContext } from "../../checks/context.js";
import type { Action, Program } from "../../ir/ir.js";

/*
 * What the cluster's server must not do while its clients depend on it: hand a root over (it is
 * a running system), bond before its clients have booted, or take its boot NIC (the one carrying
 * the address every client mounts its root from) down before a bond carries that address.
 */

function noHandoff(ctx: CheckContext): void {
  ctx.eachOf("handoff", (action) =>
    ctx.bag.report("BOND0330", ctx.here(action), "a server program hands no root over", {
      label: "the server is already running from its own root",
      related: ctx.callLabels(action),
      help: "remove the handoff; the script ends once the server's NICs are bonded",
    }),
  );
}

/**
 * Whether an address on `iface` is carried by a bond: the bond itself, or a VLAN on it
 * (`bond0.100`), whose frames leave through the bond's slaves.
 */
export function onABond(program: Program, iface: string): boolean {
  const decl = program.interfaces.get(iface);
  if (decl?.kind === "bond") return true;
  return decl?.kind === "vlan" && decl.vlan !== undefined && onABond(program, decl.vlan.parent);
}

/** The steps that move the server's address from its boot NIC to the bond. */
function bonds(ctx: CheckContext, action: Action): boolean {
  if (action.kind === "enslave" || action.kind === "down") return true;
  return action.kind === "up" && ctx.program.interfaces.get(action.iface)?.kind === "bond";
}

function waitBeforeBonding(ctx: CheckContext): void {
  const i = ctx.program.actions.findIndex((a) => bonds(ctx, a));
  const first = ctx.program.actions[i];
  if (!first || ctx.states[i]!.clientsWaitedAt) return;
  const wait = ctx.findLater(i, (a) => a.kind === "wait-clients");
  ctx.bag.report("BOND0332", ctx.here(first), "the server bonds before waiting for its clients", {
    label: "a client booting now loses its server's address half way",
    related: [
      ...(wait ? [{ span: ctx.here(wait), message: "the wait comes only here" }] : []),
      ...ctx.callLabels(first),
    ],
    notes: ["bonding with clients missing is an explicit choice: `wait clients { then bond }`, which the script logs"],
    help: wait ? "move `wait clients` before the first bonding step" : "add `wait clients { deadline 600 }` before it",
  });
}

function bootNicKeptUntilBonded(ctx: CheckContext): void {
  const boot = ctx.program.bootInterface;
  if (!boot) return;
  ctx.eachOf("down", (action, i) => {
    if (action.iface !== boot) return;
    const carried = [...ctx.states[i]!.ifaces.values()].some(
      (s) => onABond(ctx.program, s.name) && s.power === "up" && s.address !== undefined,
    );
    if (carried) return;
    const bondUp = ctx.findLater(i, (a) => a.kind === "up" && onABond(ctx.program, a.iface) && a.address !== undefined);
    ctx.bag.report("BOND0331", ctx.here(action), `${boot} is taken down before a bond carries the server's address`, {
      label: `the clients' NFS roots are mounted from ${boot}'s address`,
      related: [
        ...(bondUp ? [{ span: ctx.here(bondUp), message: "the bond takes the address only here" }] : []),
        ...ctx.callLabels(action),
      ],
      help: "bring the bond up with the server's address first, then take the NIC down and enslave it",
    });
  });
}

/** The server is one known node: its address is a literal the inventory holds it to (BOND0425). */
function noNodeLookup(ctx: CheckContext): void {
  ctx.eachOf("node", (action) =>
    ctx.bag.report("BOND0137", ctx.here(action), "the server's program reads `discover node`", {
      label: "only the clients' one image looks its node up at boot",
      related: ctx.callLabels(action),
      notes: ["every client mounts its root from the server's address, so it is written out, not found"],
      help: "write the server's address from the inventory as a literal",
    }),
  );
}

export const serverChecks: readonly Check[] = [noHandoff, waitBeforeBonding, bootNicKeptUntilBonded, noNodeLookup];
