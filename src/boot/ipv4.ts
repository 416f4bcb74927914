// The little IPv4 arithmetic the harness needs to place a node on a network and to say which
// broadcast the kernel derives: over the language's own literal parsers (syntax/literals.ts).

import { formatIpv4, parseIpv4, parseNetmask } from "../syntax/literals.js";

function address(text: string): number {
  const p = parseIpv4(text);
  if (!p.ok) throw new Error(`${JSON.stringify(text)} is not an IPv4 address: ${p.problem}`);
  return p.value;
}

/** Dotted (`255.255.255.0`) or prefix (`/24`) netmask → its value and prefix length. */
export function netmaskOf(text: string): { value: number; prefix: number; dotted: string } {
  const p = parseNetmask(text);
  if (!p.ok) throw new Error(`${JSON.stringify(text)} is not a netmask: ${p.problem}`);
  return { ...p.value, dotted: formatIpv4(p.value.value) };
}

/** address | ~netmask, as the kernel derives it when nobody sets a broadcast. */
export function broadcastOf(ip: string, netmask: string): string {
  return formatIpv4((address(ip) | (~netmaskOf(netmask).value >>> 0)) >>> 0);
}

/** Host number `n` of the network `ip` is on (n = 2: x.y.z.2 on a /24). */
export function hostOn(ip: string, netmask: string, n: number): string {
  return formatIpv4(((address(ip) & netmaskOf(netmask).value) | n) >>> 0);
}

/** True when both addresses are on one network of that netmask. */
export function sameNetwork(a: string, b: string, netmask: string): boolean {
  const m = netmaskOf(netmask).value;
  return (address(a) & m) >>> 0 === (address(b) & m) >>> 0;
}
