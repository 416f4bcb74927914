import type { DiscoverField } from "../../semantic/types.js";
import { glob, v, word, type Statement } from "../../sh/ast.js";
import { checkField } from "../field-check.js";

/*
 * Reading a field out of `ifconfig IFACE` output with nothing but parameter expansion: no grep,
 * sed or awk, so discovery costs exactly one process (the ifconfig) per interface, however many
 * fields are read. The seed's general form spends 14 processes and still breaks on real output.
 *
 * The three dialects it must read (see shared/notes/real-kernel.md):
 *   net-tools 1.60 and busybox:  "HWaddr 00:90:27:E0:30:51", "inet addr:192.168.1.105",
 *                                "Bcast:192.168.1.255", "Mask:255.255.255.0", padded with spaces
 *   net-tools 2.x:               "ether 00:90:27:e0:30:51", "inet 192.168.1.105",
 *                                "netmask 255.255.255.0", "broadcast 192.168.1.255"
 * Asking for one interface means lo's 127.0.0.1 can never be picked up, and "inet " (with the
 * space) never matches "inet6".
 */

const markers: Record<DiscoverField, readonly [string, string]> = {
  hwaddr: ["HWaddr ", "ether "],
  inet: ["inet addr:", "inet "],
  netmask: ["Mask:", "netmask "],
  broadcast: ["Bcast:", "broadcast "],
};

const any = glob("*");

/**
 * Statements that set `target` to `field` read from the ifconfig output held in `source`, and
 * run `fail` when it is not there or not well-formed.
 */
export function extractField(source: string, target: string, field: DiscoverField, fail: Statement): Statement[] {
  const [old, modern] = markers[field];
  const valueChars = field === "hwaddr" ? "[!0-9A-Fa-f:]" : "[!0-9.]";
  return [
    {
      kind: "case",
      subject: word(v(source)),
      arms: [
        {
          patterns: [[any, old, any]],
          body: [{ kind: "assign", variable: target, value: word(v(source, "#", [any, old])) }],
        },
        {
          patterns: [[any, modern, any]],
          body: [{ kind: "assign", variable: target, value: word(v(source, "#", [any, modern])) }],
        },
        { patterns: [[any]], body: [{ kind: "assign", variable: target, value: word("") }] },
      ],
    },
    // Cut everything from the first character that cannot be part of the value.
    { kind: "assign", variable: target, value: word(v(target, "%%", [glob(valueChars), any])) },
    checkField(target, field, fail),
  ];
}
