import type { DiscoverField } from "../../semantic/types.js";
import { glob, v, word, type Statement } from "../../sh/ast.js";
import { checkField } from "../field-check.js";

/*
 * Reading a field out of `ip addr show dev IFACE` with nothing but parameter expansion, as the
 * ifconfig reader does: one process per interface, however many fields are read. What iproute2
 * prints (the same from 3.x to 6.x):
 *
 *   2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc pfifo_fast state UP …
 *       link/ether 52:54:00:12:34:56 brd ff:ff:ff:ff:ff:ff
 *       inet 10.0.2.15/24 brd 10.0.2.255 scope global eth0
 *
 * The netmask is a prefix length after the address, so it is turned into the dotted form every
 * toolset's steps take; the broadcast is the `brd` of the inet line, not the link's
 * ff:ff:ff:ff:ff:ff, so the inet line is cut at its ` scope ` before looking for it.
 * "inet " (with the space) never matches "inet6".
 */

const any = glob("*");

/** Sets `target` to what follows `marker` in `source`, or to the empty string when it is not there. */
function after(source: string, target: string, marker: string): Statement {
  return {
    kind: "case",
    subject: word(v(source)),
    arms: [
      {
        patterns: [[any, marker, any]],
        body: [{ kind: "assign", variable: target, value: word(v(source, "#", [any, marker])) }],
      },
      { patterns: [[any]], body: [{ kind: "assign", variable: target, value: word("") }] },
    ],
  };
}

const cut = (target: string, keep: string): Statement => ({
  kind: "assign",
  variable: target,
  value: word(v(target, "%%", [glob(`[!${keep}]`), any])),
});

/** 255.255.255.0 for 24: the dotted netmask of a prefix length. */
export function prefixMask(length: number): string {
  const bits = length === 0 ? 0 : (0xffffffff << (32 - length)) >>> 0;
  return [24, 16, 8, 0].map((shift) => (bits >>> shift) & 0xff).join(".");
}

/** Every prefix length ip can print, each to its dotted netmask; anything else fails. */
function maskOf(target: string, fail: Statement): Statement {
  return {
    kind: "case",
    subject: word(v(target)),
    arms: [
      ...Array.from({ length: 33 }, (_, n) => ({
        patterns: [[String(n)]],
        body: [{ kind: "assign" as const, variable: target, value: word(prefixMask(n)) }],
      })),
      { patterns: [[any]], body: [fail] },
    ],
  };
}

/**
 * Statements that set `target` to `field` read from the `ip addr show` output held in `source`,
 * and run `fail` when it is not there or not well-formed.
 */
export function extractIpField(source: string, target: string, field: DiscoverField, fail: Statement): Statement[] {
  switch (field) {
    case "hwaddr":
      return [after(source, target, "link/ether "), cut(target, "0-9A-Fa-f:"), checkField(target, field, fail)];
    case "inet":
      return [after(source, target, "inet "), cut(target, "0-9."), checkField(target, field, fail)];
    case "netmask":
      return [after(source, target, "inet "), cut(target, "0-9./"), after(target, target, "/"), maskOf(target, fail)];
    case "broadcast":
      return [
        after(source, target, "inet "),
        { kind: "assign", variable: target, value: word(v(target, "%%", [" scope ", any])) },
        after(target, target, " brd "),
        cut(target, "0-9."),
        checkField(target, field, fail),
      ];
  }
}
