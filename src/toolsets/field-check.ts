import type { DiscoverField } from "../semantic/types.js";
import { glob, v, word, type Statement } from "../sh/ast.js";

/*
 * Whether a value read out of a tool's output is well-formed, with nothing but `case`: a MAC is six
 * pairs of hex digits, an IPv4 value four octets from 0 to 255. Every toolset's field reader ends
 * with this, whatever it read the value from (ifconfig, ip addr).
 */

const hex = "[0-9A-Fa-f][0-9A-Fa-f]";
const macPattern = [glob([hex, hex, hex, hex, hex, hex].join(":"))];
const any = glob("*");
/** Once only digits and dots are left, three digits in a row are one whole octet unless four are. */
const badOctets = [
  "*[0-9][0-9][0-9][0-9]*",
  "*[3-9][0-9][0-9]*",
  "*2[6-9][0-9]*",
  "*25[6-9]*",
  "0[0-9]*",
  "*.0[0-9]*",
].map((p) => [glob(p)]);

/** A `case` that runs `fail` unless the variable `target` holds a well-formed `field`. */
export function checkField(target: string, field: DiscoverField, fail: Statement): Statement {
  if (field === "hwaddr")
    return {
      kind: "case",
      subject: word(v(target)),
      arms: [
        { patterns: [macPattern], body: [] },
        { patterns: [[any]], body: [fail] },
      ],
    };
  return {
    kind: "case",
    subject: word(v(target)),
    // Rule out the empty string, stray dots, more than four octets, octets above 255 (a run of
    // four digits, or three from 256 up) and leading zeros before accepting a.b.c.d.
    arms: [
      {
        patterns: [[""], [glob(".*")], [glob("*.")], [glob("*..*")], [glob("*.*.*.*.*")], ...badOctets],
        body: [fail],
      },
      { patterns: [[glob("*.*.*.*")]], body: [] },
      { patterns: [[any]], body: [fail] },
    ],
  };
}
