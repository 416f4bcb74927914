import type { DiagnosticBag } from "../../diagnostics/report.js";
import { formatIpv4, prefixLength } from "../../syntax/literals.js";
import type { InventoryNode, Located } from "./inventory.js";
import type { InventorySpec } from "./settings.js";

/*
 * The facts that hold across an inventory's rows: names, MACs and addresses are each the node's
 * own, the server's address belongs to the server, and every address lies in the cluster's
 * network. Each mistake is reported at the later cell, pointing back at the first.
 */

/** Reports every value already seen, keyed by `key`, with `report(first, again)`. */
function duplicates<T>(items: readonly T[], key: (item: T) => string, report: (first: T, again: T) => void): void {
  const seen = new Map<string, T>();
  for (const item of items) {
    const k = key(item);
    const first = seen.get(k);
    if (first === undefined) seen.set(k, item);
    else report(first, item);
  }
}

export function checkInventoryFacts(spec: InventorySpec, nodes: readonly InventoryNode[], bag: DiagnosticBag): void {
  duplicates(
    nodes,
    (n) => n.name.value.toLowerCase(),
    (first, again) =>
      bag.report("BOND0420", again.name.span, `the node name \`${again.name.value}\` is used twice`, {
        related: [{ span: first.name.span, message: "first used here" }],
        help: "give each node a name of its own",
      }),
  );
  const macs = nodes.flatMap((n) => n.macs.map((mac) => ({ mac, node: n })));
  duplicates(
    macs,
    (m) => m.mac.value,
    (first, again) =>
      bag.report("BOND0421", again.mac.span, `the MAC ${again.mac.value} is listed twice`, {
        label: `on ${again.node.name.value}`,
        related: [{ span: first.mac.span, message: `first listed on ${first.node.name.value}` }],
        notes: ["every NIC has a MAC of its own; the boot loader finds a node's entry by it"],
        help: "correct the MAC from the NIC's label or `ip link` on the node",
      }),
  );
  const server = nodes.find((n) => n.role === "server");
  for (const n of nodes) {
    if (server && n !== server && n.address.value === server.address.value) {
      bag.report("BOND0424", n.address.span, `${n.name.value} is given the server's address ${n.address.text}`, {
        label: "the server's address",
        related: [{ span: server.address.span, message: `the server, ${server.name.value}, has it` }],
        notes: ["the clients mount their roots from this address; a client that takes it cuts every other client off"],
        help: "give the client an address of its own",
      });
    }
  }
  duplicates(
    nodes.filter((n) => n.role !== "server" && n.address.value !== server?.address.value),
    (n) => String(n.address.value),
    (first, again) =>
      bag.report("BOND0422", again.address.span, `${again.name.value} has the address of ${first.name.value}`, {
        label: `${again.address.text} again`,
        related: [{ span: first.address.span, message: `${first.name.value} has ${first.address.text}` }],
        help: "give each node an address of its own",
      }),
  );
  checkSubnet(spec, nodes, bag);
}

function checkSubnet(spec: InventorySpec, nodes: readonly InventoryNode[], bag: DiagnosticBag): void {
  const network = spec.network?.number;
  const mask = spec.netmask?.number;
  if (network === undefined || mask === undefined) return;
  const base = and(network, mask);
  const broadcast = base + (2 ** 32 - 1 - mask);
  const cidr = `${formatIpv4(base)}/${prefixLength(mask) ?? formatIpv4(mask)}`;
  const outside = (a: Located<number>) => and(a.value, mask) !== base;
  for (const n of nodes) {
    const reserved = n.address.value === base || n.address.value === broadcast;
    if (!outside(n.address) && !reserved) continue;
    bag.report(
      "BOND0423",
      n.address.span,
      reserved
        ? `${n.name.value}'s address ${n.address.text} is the ${n.address.value === base ? "network" : "broadcast"} address of ${cidr}`
        : `${n.name.value}'s address ${n.address.text} is outside the cluster's network ${cidr}`,
      {
        label: reserved ? "not a host address" : "outside the network",
        related: [{ span: spec.network!.span, message: `the cluster's network is ${cidr}` }],
        help: `give the node an address from ${formatIpv4(base + 1)} to ${formatIpv4(broadcast - 1)}`,
      },
    );
  }
}

/** Bitwise AND of two addresses as unsigned 32-bit numbers. */
const and = (a: number, b: number): number => (a & b) >>> 0;
