import fc from "fast-check";
import {
  interfaceName,
  moduleName,
  moduleParameterName,
  moduleParameterValue,
  nfsOptions,
  nfsPath,
  nfsServer,
  violation,
  vlanId,
  type LiteralDomain,
  type Violation,
} from "../../src/semantic/domains/index.js";
import { bootEntryWordDomains, nfsRootToken } from "../../src/semantic/domains/boot-entry.js";

/*
 * Shared by the domain property tests: for each domain a .bond literal reaches, a generator of
 * values as the grammar can write them (inside and outside the domain), and the smallest valid
 * node that puts a batch of them where they are consumed.
 */

export interface Values {
  readonly nics: readonly string[];
  readonly modules: readonly { readonly name: string; readonly param: string; readonly value: string }[];
  readonly server: string;
  readonly path: string;
  /** The handoff's mount options, when the node sets them. */
  readonly options?: string;
  /** Bring bond0 up with eth0's discovered address and MAC instead of literals. */
  readonly discover?: boolean;
  /** VLANs on bond0 (`bond0.<id>`), each brought up; the first carries the address instead of bond0. */
  readonly vlans?: readonly string[];
}

/** A node that bonds eth0 and every NIC in `nics`, loads every module with its parameter, and hands off to server:path. */
export function nodeProgram(v: Values): string {
  const nics = ["eth0", ...v.nics].join(", ");
  const address = v.discover
    ? "{ address ip  netmask 255.255.255.0  hwaddr mac }"
    : "{ address 192.168.1.105  netmask 255.255.255.0 }";
  return [
    'target linuxrc { kernel "2.6.32"  tools net-tools  boot eth0 }',
    `iface ${nics}`,
    ...v.modules.map((m) => `load ${m.name} ${m.param}="${m.value}"`),
    ...(v.discover ? ["let ip = discover eth0.inet", "let mac = discover eth0.hwaddr"] : []),
    "load bonding mode=active-backup miimon=100",
    ...(v.vlans === undefined ? [`up bond0 ${address}`] : ["load 8021q", "up bond0 { }"]),
    `down ${nics}`,
    `enslave ${nics} to bond0`,
    ...(v.vlans ?? []).map((id, i) => `up bond0.${id} ${i === 0 ? address : "{ }"}`),
    "mount proc",
    `handoff nfs { server ${v.server}  path "${v.path}"${v.options === undefined ? "" : `  options "${v.options}"`} }`,
    "on failure fallback",
    "",
  ].join("\n");
}

export const baseValues: Values = { nics: ["eth1"], modules: [], server: "192.168.1.1", path: "/srv/nfsroot/node5" };

const pick = <T>(xs: readonly T[]): fc.Arbitrary<T> => fc.constantFrom(...xs);
const chars = (alphabet: string, min: number, max: number): fc.Arbitrary<string> =>
  fc.array(pick([...alphabet]), { minLength: min, maxLength: max }).map((cs) => cs.join(""));

const identChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_";
/** Identifier tails as the lexer reads them: word characters, joined by single `-` or `+`. */
const identTail = (maxParts: number, maxLength: number): fc.Arbitrary<string> =>
  fc
    .array(fc.tuple(pick(["-", "+", "-", "-"]), chars(identChars, 1, maxLength)), { maxLength: maxParts })
    .chain((parts) => chars(identChars, 0, maxLength).map((head) => head + parts.map(([j, p]) => j + p).join("")));

/** Interface names: a prefix no keyword or built-in name starts with, lengths around IFNAMSIZ. */
export const nicName: fc.Arbitrary<string> = identTail(2, 9).map((t) => `nic${t}`);
/** Module names: `+` joins are outside the domain, long names too. */
export const moduleWord: fc.Arbitrary<string> = identTail(3, 25).map((t) => `mod${t}`);
export const paramWord: fc.Arbitrary<string> = identTail(2, 8).map((t) => `p${t}`);

/** What a string literal can hold: anything but `"` and a newline, weighted towards the characters rules are about. */
const stringChar = fc.oneof(
  { weight: 12, arbitrary: pick([...identChars, "/", "/", ".", "-", "_", ":", "=", "@", "+", "~"]) },
  {
    weight: 3,
    arbitrary: pick([
      " ",
      ",",
      "%",
      "%s",
      "\\",
      "$",
      "$(x)",
      "`",
      "'",
      "\t",
      "!",
      "*",
      "?",
      "[",
      "#",
      ";",
      "&",
      "|",
      "<",
      ">",
      "(",
      ")",
      "{",
      "}",
    ]),
  },
  {
    weight: 1,
    arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 1 }).filter((c) => c !== '"' && c !== "\n"),
  },
);
export const stringContent = (min: number, max: number): fc.Arbitrary<string> =>
  fc.array(stringChar, { minLength: min, maxLength: max }).map((cs) => cs.join(""));
/** Paths mostly absolute, sometimes not, sometimes over NFS_MAXPATHLEN. */
export const pathContent: fc.Arbitrary<string> = fc.oneof(
  { weight: 8, arbitrary: stringContent(0, 40).map((s) => `/${s}`) },
  { weight: 1, arbitrary: stringContent(0, 12) },
  { weight: 1, arbitrary: fc.integer({ min: 1000, max: 1100 }).map((n) => `/${"a".repeat(n)}`) },
);
/** VLAN ids as the lexer reads them after `bond0.`: digits, with leading zeros and ids past 4094. */
export const vlanDigits: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 5000 }).map(String) },
  { weight: 2, arbitrary: chars("0123456789", 1, 5) },
  { weight: 1, arbitrary: pick(["0", "1", "4094", "4095", "0100", "00"]) },
);
export const ipv4Text: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((o) => o.join(".")),
  pick(["0.0.0.0", "255.255.255.255", "127.0.0.1", "224.0.0.1", "239.255.255.255", "10.0.2.2"]),
);

/** NFS mount options: mostly well-formed lists, with the characters the rules are about. */
export const optionsContent: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .array(fc.tuple(chars("abcdefghijklmnopqrstuvwxyz_-", 1, 8), fc.option(stringContent(0, 8))), {
        minLength: 1,
        maxLength: 5,
      })
      .map((items) => items.map(([k, v]) => (v === null ? k : `${k}=${v}`)).join(",")),
  },
  { weight: 1, arbitrary: stringContent(0, 20) },
  { weight: 1, arbitrary: pick(["addr=10.0.2.2", "nfsvers=3,addr=1.2.3.4", "a,,b", ",", "x=%s"]) },
);

/**
 * Where the handoff's values also go: `nfsroot=server:path,options` in every boot entry. The first
 * rule of a boot-entry format the token breaks, once the values keep their own domains.
 */
export function bootEntryRefusal(v: Values): Violation | undefined {
  const token = nfsRootToken(v.server, v.path, v.options);
  for (const domain of bootEntryWordDomains) {
    const found = violation(domain, token);
    if (found) return found;
  }
  return undefined;
}

/** One value of one literal domain, placed in the base node. */
export interface Case {
  readonly domain: LiteralDomain;
  readonly value: string;
  readonly values: Values;
}

const moduleCase = (m: Values["modules"][number], domain: LiteralDomain, value: string): Case => ({
  domain,
  value,
  values: { ...baseValues, modules: [m] },
});

export const cases: readonly { readonly domain: LiteralDomain; readonly arbitrary: fc.Arbitrary<Case> }[] = [
  {
    domain: interfaceName,
    arbitrary: nicName.map((value) => ({ domain: interfaceName, value, values: { ...baseValues, nics: [value] } })),
  },
  {
    domain: moduleName,
    arbitrary: moduleWord.map((value) => moduleCase({ name: value, param: "p", value: "1" }, moduleName, value)),
  },
  {
    domain: moduleParameterName,
    arbitrary: paramWord.map((value) =>
      moduleCase({ name: "e1000", param: value, value: "1" }, moduleParameterName, value),
    ),
  },
  {
    domain: moduleParameterValue,
    arbitrary: stringContent(0, 30).map((value) =>
      moduleCase({ name: "e1000", param: "p", value }, moduleParameterValue, value),
    ),
  },
  {
    domain: nfsServer,
    arbitrary: ipv4Text.map((value) => ({ domain: nfsServer, value, values: { ...baseValues, server: value } })),
  },
  {
    domain: nfsPath,
    arbitrary: pathContent.map((value) => ({ domain: nfsPath, value, values: { ...baseValues, path: value } })),
  },
  {
    domain: vlanId,
    arbitrary: vlanDigits.map((value) => ({ domain: vlanId, value, values: { ...baseValues, vlans: [value] } })),
  },
  {
    domain: nfsOptions,
    arbitrary: optionsContent.map((value) => ({
      domain: nfsOptions,
      value,
      values: { ...baseValues, options: value },
    })),
  },
];
