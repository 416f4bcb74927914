/*
 * Parsing and validation of the literal forms the language has: IPv4 addresses, netmasks (dotted
 * or /prefix) and MAC addresses. Each parser returns either the value or a sentence saying what is
 * wrong with the text, which the caller turns into a diagnostic with the right code.
 */

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

export function parseIpv4(text: string): Parsed<number> {
  const slash = text.indexOf("/");
  if (slash >= 0) return { ok: false, problem: `an address takes no prefix length: \`${text.slice(slash)}\` belongs in the netmask` };
  const parts = text.split(".");
  if (parts.length !== 4) return { ok: false, problem: `an IPv4 address has 4 octets, \`${text}\` has ${parts.length}` };
  let value = 0;
  for (const part of parts) {
    if (part.length > 1 && part.startsWith("0")) {
      return { ok: false, problem: `octet \`${part}\` has a leading zero, which some tools read as octal` };
    }
    const octet = Number(part);
    if (!/^\d+$/.test(part) || octet > 255) return { ok: false, problem: `octet \`${part}\` is not between 0 and 255` };
    value = value * 256 + octet;
  }
  return { ok: true, value };
}

export function formatIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join(".");
}

/** Number of leading one bits, or undefined when the ones are not contiguous. */
export function prefixLength(mask: number): number | undefined {
  let bits = 0;
  while (bits < 32 && Math.floor(mask / 2 ** (31 - bits)) % 2 === 1) bits++;
  const expected = bits === 0 ? 0 : (2 ** 32 - 2 ** (32 - bits));
  return mask === expected ? bits : undefined;
}

export function maskFromPrefix(bits: number): number {
  return bits === 0 ? 0 : 2 ** 32 - 2 ** (32 - bits);
}

export interface Netmask {
  readonly value: number;
  readonly prefix: number;
}

/** A netmask from `255.255.255.0` or `/24`. */
export function parseNetmask(text: string): Parsed<Netmask> {
  if (text.startsWith("/")) {
    const bits = Number(text.slice(1));
    if (!Number.isInteger(bits) || bits > 32) return { ok: false, problem: `/${text.slice(1)} is not a prefix length from 0 to 32` };
    return { ok: true, value: { value: maskFromPrefix(bits), prefix: bits } };
  }
  const ip = parseIpv4(text);
  if (!ip.ok) return ip;
  const prefix = prefixLength(ip.value);
  if (prefix === undefined) {
    return { ok: false, problem: `the one bits of \`${text}\` are not contiguous` };
  }
  return { ok: true, value: { value: ip.value, prefix } };
}

/** The nearest valid netmasks to a non-contiguous one: the masks with as many one bits, and with its leading ones. */
export function suggestNetmask(mask: number): string {
  let ones = 0;
  for (let b = 0; b < 32; b++) if (Math.floor(mask / 2 ** b) % 2 === 1) ones++;
  return formatIpv4(maskFromPrefix(ones));
}

/** How a MAC address is written, for the help of every message about a malformed one. */
export const macForm = "write six two-digit hex octets separated by colons: 00:90:27:E0:30:51";

export function parseMac(text: string): Parsed<number[]> {
  if (!text.includes(":") && text.includes("-")) return { ok: false, problem: "its octets are separated by dashes; .bond writes them with colons, as ifconfig does" };
  const parts = text.split(":");
  if (parts.length !== 6) return { ok: false, problem: `a MAC address has 6 octets, \`${text}\` has ${parts.length}` };
  const octets: number[] = [];
  for (const part of parts) {
    if (!/^[0-9A-Fa-f]{2}$/.test(part)) return { ok: false, problem: `\`${part}\` is not two hexadecimal digits` };
    octets.push(parseInt(part, 16));
  }
  return { ok: true, value: octets };
}

/** Why a MAC cannot be an interface's own address, or undefined when it is a unicast address. */
export function nonUnicastReason(octets: readonly number[]): string | undefined {
  if (octets.every((o) => o === 0)) return "it is all zeros";
  if (octets.every((o) => o === 255)) return "it is the broadcast address";
  if (((octets[0] ?? 0) & 1) === 1) return "its first octet is odd, which makes it a multicast address";
  return undefined;
}

/**
 * Edit distance for "did you mean" suggestions, counting a swap of two neighbouring letters as
 * one edit (optimal string alignment), since `eht1` for `eth1` is the typo people actually make.
 */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * Suggestions cost at most this many edit distances: a file with thousands of names and
 * thousands of unknown ones must not turn "did you mean" into quadratic work.
 */
const maxCandidatesCompared = 2000;

/** The candidate closest to `word`, if it is close enough to be a plausible typo. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  const limit = Math.max(1, Math.floor(word.length / 3));
  let compared = 0;
  for (const c of candidates) {
    // A length difference beyond the limit already rules the candidate out.
    if (Math.abs(c.length - word.length) > limit) continue;
    if (++compared > maxCandidatesCompared) break;
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= limit ? best : undefined;
}

/*
 * Words admins bring from other tools, for names edit distance cannot connect: ifconfig's output
 * labels (HWaddr, ether, inet addr, Mask, Bcast), Debian's interfaces(5) (hwaddress, address) and
 * iproute2 (brd). Each maps to the .bond words it may mean; the candidates decide which applies.
 */
const habits: Readonly<Record<string, readonly string[]>> = {
  ether: ["hwaddr"],
  hwaddress: ["hwaddr"],
  mac: ["hwaddr"],
  addr: ["address", "inet"],
  ip: ["address", "inet"],
  inet: ["address"],
  address: ["inet"],
  mask: ["netmask"],
  bcast: ["broadcast"],
  brd: ["broadcast"],
};

/** Like `closest`, but a habit from another tool (`ether` for hwaddr) wins over spelling. */
export function suggestName(word: string, candidates: readonly string[]): string | undefined {
  const meant = Object.hasOwn(habits, word.toLowerCase()) ? habits[word.toLowerCase()]!.find((w) => candidates.includes(w)) : undefined;
  return meant ?? closest(word, candidates);
}
