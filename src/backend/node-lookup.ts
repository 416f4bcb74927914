import type { NodeAction } from "../ir/ir.js";
import { NODE_PARAMETER } from "../semantic/inventory/inventory.js";
import { cmd, glob, v, word, type Command, type Statement } from "../sh/ast.js";
import type { Client } from "../targets/target.js";

/*
 * How one image finds the node it boots (docs/cluster.md, "One image for every client"): the
 * node's name comes from its own boot entry, `bondc.node=NAME` on the kernel command line, read
 * from /proc/cmdline with the `read` builtin; its values come from a `case` over the inventory's
 * clients, which the script holds. A `case` of 10,000 arms costs busybox sh about 25 ms to parse
 * and match, against about 330 ms for a `while read` over the same rows (measured in the
 * sandbox; docs/cluster.md), and it needs no program and no file beside the script.
 *
 * The name is checked before use, as a discovered value is: empty (no bondc.node=), outside the
 * node-name domain (letters, digits, `-`, neither first nor last), or not in the table, the script
 * says which and fails with the program's failure policy.
 */

/** The variables every lookup shares: the command line, and the node's name once found. */
export const CMDLINE = "bondc_cmdline";
export const NODE_NAME = "bondc_node";

const toStderr = (c: Command): Command => ({ ...c, redirect: { op: ">&", target: word("2") } });

/** The name from /proc/cmdline: the last `bondc.node=` word, as the kernel lets a later parameter win. */
function readName(): Statement[] {
  const marker = ` ${NODE_PARAMETER}=`;
  return [
    { kind: "assign", variable: CMDLINE, value: word("") },
    { ...cmd("read", "-r", CMDLINE), redirect: { op: "<", target: word("/proc/cmdline") }, orElse: cmd(":") },
    // A space before the first word, so ` bondc.node=` matches a whole parameter only.
    { kind: "assign", variable: NODE_NAME, value: word(" ", v(CMDLINE)) },
    {
      kind: "case",
      subject: word(v(NODE_NAME)),
      arms: [
        {
          patterns: [[glob("*"), marker, glob("*")]],
          body: [
            { kind: "assign", variable: NODE_NAME, value: word(v(NODE_NAME, "##", [glob("*"), marker])) },
            { kind: "assign", variable: NODE_NAME, value: word(v(NODE_NAME, "%%", [" ", glob("*")])) },
          ],
        },
        { patterns: [[glob("*")]], body: [{ kind: "assign", variable: NODE_NAME, value: word("") }] },
      ],
    },
  ];
}

/** The node-name domain's rules a `case` can check (the table's exact match bounds the length). */
function checkName(say: string, fail: Command): Statement {
  return {
    kind: "case",
    subject: word(v(NODE_NAME)),
    arms: [
      {
        patterns: [[""]],
        body: [
          toStderr(
            cmd("echo", `${say}no ${NODE_PARAMETER}=NAME on the kernel command line: the boot entry names the node`),
          ),
          fail,
        ],
      },
      {
        patterns: [[glob("-*")], [glob("*-")], [glob("*[!A-Za-z0-9-]*")]],
        body: [
          toStderr(
            cmd(
              "echo",
              word(`${say}${NODE_PARAMETER}=`, v(NODE_NAME), " is not a node name (letters, digits and inner hyphens)"),
            ),
          ),
          fail,
        ],
      },
    ],
  };
}

/**
 * The lookup of `action.field` into `variable`: the name read and checked, then the table, whose
 * last arm reports a name the inventory does not list.
 */
export function nodeLookup(
  action: NodeAction,
  variable: string,
  clients: readonly Client[],
  say: string,
  fail: Command,
): Statement[] {
  return [
    ...readName(),
    checkName(say, fail),
    {
      kind: "case",
      subject: word(v(NODE_NAME)),
      arms: [
        ...clients.map((c) => ({
          patterns: [[c.name]],
          body: [{ kind: "assign" as const, variable, value: word(c[action.field]) }],
        })),
        {
          patterns: [[glob("*")]],
          body: [
            toStderr(
              cmd(
                "echo",
                word(`${say}this node, `, v(NODE_NAME), ", is not a client in the inventory bondc compiled in"),
              ),
            ),
            fail,
          ],
        },
      ],
    },
    cmd("echo", word(`${say}this node is `, v(NODE_NAME), `, ${action.field} `, v(variable))),
  ];
}
