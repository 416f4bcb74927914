import { formatIpv4, prefixLength } from "../syntax/literals.js";
import type { UpAction } from "../ir/ir.js";
import type { Value } from "../semantic/types.js";
import { interfaceUses } from "../ir/uses.js";
import type { CheckContext } from "./context.js";

/*
 * Address consistency: what can be proven from compile-time values (address, netmask, broadcast),
 * and the MAC the bond ends up with compared with the boot NIC's.
 */

function num(v: Value | undefined): number | undefined {
  return v?.kind === "const" ? v.number : undefined;
}

export function checkConsistency(ctx: CheckContext): void {
  ctx.eachOf("up", (action) => checkSubnet(ctx, action));
  checkBondMac(ctx);
}

function checkSubnet(ctx: CheckContext, action: UpAction): void {
  const address = num(action.address);
  const mask = num(action.netmask);
  if (address === undefined || mask === undefined) return;
  const bits = prefixLength(mask) ?? 32;
  const hostMask = 2 ** 32 - 1 - mask;
  const network = address - (address % (hostMask + 1));
  const broadcast = network + hostMask;
  if (bits <= 30 && (address === network || address === broadcast)) {
    const which = address === network ? "network" : "broadcast";
    ctx.bag.report(
      "BOND0402",
      action.address!.span,
      `${formatIpv4(address)} is the ${which} address of ${formatIpv4(network)}/${bits}`,
      {
        label: `the ${which} address, not a host`,
        help: `use a host address from ${formatIpv4(network + 1)} to ${formatIpv4(broadcast - 1)}`,
      },
    );
    return;
  }
  const given = num(action.broadcast);
  if (given !== undefined && given !== broadcast) {
    ctx.bag.report(
      "BOND0401",
      action.broadcast!.span,
      `the broadcast address of ${formatIpv4(address)}/${bits} is ${formatIpv4(broadcast)}, not ${formatIpv4(given)}`,
      {
        label: "does not match address and netmask",
        related: [
          { span: action.address!.span, message: "address" },
          { span: action.netmask!.span, message: "netmask" },
        ],
        help: `write broadcast ${formatIpv4(broadcast)}, or leave it out and it is computed from the address and netmask`,
        fixes: [
          {
            title: `Change to ${formatIpv4(broadcast)}`,
            edits: [{ span: action.broadcast!.span, newText: formatIpv4(broadcast) }],
          },
        ],
      },
    );
  }
}

function checkBondMac(ctx: CheckContext): void {
  const boot = ctx.program.bootInterface;
  if (!boot) return;
  const uses = interfaceUses(ctx.program.actions);
  // The MAC matters on the bond that takes the boot NIC's place; a second bond (a storage
  // network, say) is known by no server as the node, and its first slave's MAC is right for it.
  const takesBootPlace = (bond: string) => uses(bond).slavesAdded.some((e) => e.slave === boot);
  const bonds = [...ctx.program.bonds.keys()];
  for (const bond of bonds.some(takesBootPlace) ? bonds.filter(takesBootPlace) : bonds) {
    const up = uses(bond).ups[0];
    if (!up) continue;
    const mac = up.hwaddr;
    if (mac?.kind === "discovered" && mac.iface !== boot) {
      const read = ctx.program.actions.find((a) => a.kind === "discover" && a.id === mac.id);
      ctx.bag.report("BOND0403", mac.span, `${bond} takes ${mac.iface}'s MAC, not the boot NIC ${boot}'s`, {
        label: `read from ${mac.iface}`,
        related: read ? [{ span: read.span, message: `read from ${mac.iface} here` }] : [],
        notes: ["the DHCP/BOOTP and NFS servers know the node by the MAC it booted with"],
        help: `use ${boot}'s MAC: let mac = discover ${boot}.hwaddr`,
      });
    } else if (!mac && !up.erroneous.includes("hwaddr")) {
      const first = uses(bond).slavesAdded[0];
      if (first?.kind === "enslave" && first.slave !== boot) {
        ctx.bag.report(
          "BOND0403",
          ctx.here(up),
          `${bond} will take its first slave ${first.slave}'s MAC, not the boot NIC ${boot}'s`,
          {
            label: "no hwaddr set",
            related: [{ span: ctx.here(first), message: `${first.slave} is enslaved first` }],
            notes: ["without hwaddr a bond takes the MAC of its first slave"],
            help: `set hwaddr to ${boot}'s MAC, or enslave ${boot} first`,
          },
        );
      }
    }
  }
}
