import fc from "fast-check";
import { examples } from "../support/repo.js";

/*
 * Generators of .bond-ish text for the property tests: raw strings, soups of the language's own
 * tokens (which reach far deeper into the parser and checker than random characters), and
 * small edits of the real examples (which mostly stay valid enough to reach code generation).
 */

const words = [
  // keywords
  "target",
  "import",
  "proc",
  "let",
  "iface",
  "discover",
  "load",
  "up",
  "down",
  "enslave",
  "to",
  "mount",
  "handoff",
  "on",
  "failure",
  "true",
  "false",
  // punctuation
  "{",
  "}",
  "(",
  ")",
  ",",
  ":",
  "=",
  ".",
  // names the language gives meaning to
  "linuxrc",
  "kernel",
  "tools",
  "boot",
  "net-tools",
  "eth0",
  "eth1",
  "eth2",
  "bond0",
  "bond1",
  "lo",
  "bonding",
  "proc",
  "nfs",
  "server",
  "path",
  "address",
  "netmask",
  "broadcast",
  "hwaddr",
  "inet",
  "mode",
  "miimon",
  "updelay",
  "downdelay",
  "primary",
  "arp_ip_target",
  "lacp_rate",
  "fallback",
  "shell",
  "halt",
  "interface",
  "mac",
  "ipv4",
  "module",
  "int",
  "string",
  "bool",
  "rootdev",
  "x",
  "ip",
  "mask",
  "lacp_pair",
  "handoff_nfs_root",
  // literals, good and bad
  "10.0.2.15",
  "10.0.2.2",
  "255.255.255.0",
  "192.168.1.255",
  "/24",
  "/33",
  "52:54:00:12:34:56",
  "00:90:27:E0:30:51",
  "52:54",
  "1.2.3",
  "999.1.1.1",
  "802.3ad",
  "balance-rr",
  "active-backup",
  "balance-alb",
  "layer3+4",
  "0",
  "100",
  "4294967296",
  '"2.2.14"',
  '"2.4.37"',
  '"4.19"',
  '"/srv/nfsroot"',
  '"/dev/sda1"',
  '"/dev/nope"',
  '"std/profiles"',
  '"std/bonding"',
  '"std/nope"',
  '"./prop.bond"',
  '"./lacp-stdlib.bond"',
  '""',
  '"unterminated',
  // comments, directives and shell-isms
  "# note",
  "# bondc:allow BOND0507",
  "# bondc:allow BOND9999",
  "# bondc:allow",
  "$",
  "$ip",
  ";",
  "|",
  "`",
  "\\",
  "'",
];

const separators = [" ", " ", " ", "\n", "\n", "", "\t", "\r\n", "  "];

/** Arbitrary sequences of the language's tokens with arbitrary spacing. */
export const tokenSoup: fc.Arbitrary<string> = fc
  .array(fc.tuple(fc.constantFrom(...words), fc.constantFrom(...separators)), { maxLength: 80 })
  .map((parts) => parts.map(([w, s]) => w + s).join(""));

/** Any text at all: full Unicode, control characters, lone surrogates. */
export const anyText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: "binary", maxLength: 300 }),
  fc.string({ unit: "binary-ascii", maxLength: 300 }),
  fc.string({ maxLength: 300 }),
);

type Edit = (text: string, a: number, b: number, extra: string) => string;

const lineEdit =
  (f: (lines: string[], i: number, j: number, extra: string) => void): Edit =>
  (text, a, b, extra) => {
    const lines = text.split("\n");
    f(lines, a % lines.length, b % lines.length, extra);
    return lines.join("\n");
  };

const charEdit =
  (f: (text: string, i: number, j: number, extra: string) => string): Edit =>
  (text, a, b, extra) =>
    f(text, a % (text.length + 1), b % (text.length + 1), extra);

/** The edits a person makes while typing: whole lines and single characters moved, lost or doubled. */
const edits: Record<string, Edit> = {
  deleteLine: lineEdit((l, i) => void l.splice(i, 1)),
  insertLine: lineEdit((l, i, _, extra) => void l.splice(i, 0, extra)),
  duplicateLine: lineEdit((l, i) => void l.splice(i, 0, l[i]!)),
  swapLines: lineEdit((l, i, j) => void ([l[i], l[j]] = [l[j]!, l[i]!])),
  deleteChar: charEdit((t, i) => t.slice(0, i) + t.slice(i + 1)),
  insertChar: charEdit((t, i, _, extra) => t.slice(0, i) + extra.slice(0, 1) + t.slice(i)),
  duplicateChar: charEdit((t, i) => t.slice(0, i) + t.slice(i, i + 1) + t.slice(i)),
  swapChars: charEdit((t, i, j) => {
    if (i === j || i >= t.length || j >= t.length) return t;
    const [lo, hi] = i < j ? [i, j] : [j, i];
    return t.slice(0, lo) + t[hi] + t.slice(lo + 1, hi) + t[lo] + t.slice(hi + 1);
  }),
};

/** One edit: which kind, where (taken modulo the text's size) and what text it brings. */
export const editStep = fc.tuple(
  fc.constantFrom(...Object.keys(edits)),
  fc.nat(),
  fc.nat(),
  fc.oneof(fc.constantFrom(...words), tokenSoup, fc.string({ maxLength: 3 })),
);

export type EditStep = [string, number, number, string];

export function applyEdit(text: string, [name, a, b, extra]: EditStep): string {
  return edits[name]!(text, a, b, extra);
}

export interface Mutant {
  readonly example: string;
  /** Next to the example, so its relative imports resolve the same way. */
  readonly path: string;
  readonly text: string;
  readonly edits: readonly string[];
}

/** An example after one to five edits; carries the edit list so a failure says how it was made. */
export const mutatedExample: fc.Arbitrary<Mutant> = fc
  .tuple(fc.constantFrom(...examples()), fc.array(editStep, { minLength: 1, maxLength: 5 }))
  .map(([e, steps]) => ({
    example: e.name,
    path: e.path,
    text: steps.reduce(applyEdit, e.text),
    edits: steps.map(([name, a, b]) => `${name}(${a},${b})`),
  }));
