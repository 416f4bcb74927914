import type { WaitClientsAction } from "../../ir/ir.js";
import { cmd, v, word, type Command, type Statement } from "../../sh/ast.js";
import type { Client } from "../target.js";

/*
 * How the server knows its clients have booted: each answers a ping on its own address, which
 * only the client's bond carries once its /init has bonded and mounted its root (docs/cluster.md).
 * Asking is enough: a client needs nothing from the server's script, and a client that never
 * boots is named by the inventory. The deadline is wall-clock time (date +%s), because a round of
 * pings to missing clients takes up to a second each.
 */

const missing = "bondc_missing";
const addMissing = "bondc_missing_add";
const now = "bondc_now";
const until = "bondc_until";

const toStderr = (c: Command): Command => ({ ...c, redirect: { op: ">&", target: word("2") } });

/** The wait: ping every client once a second until all answer or the deadline passes, then report. */
export function waitForClients(
  action: WaitClientsAction,
  clients: readonly Client[],
  say: string,
  onFail: (what: string) => Command,
): Statement[] {
  const names = clients.map((c) => c.name).join(" ");
  const report =
    action.then === "bond"
      ? toStderr(
          cmd(
            "echo",
            word(
              `${say}bonding anyway, as \`then bond\` says, with these clients missing after ${action.deadline} s:`,
              v(missing),
            ),
          ),
        )
      : toStderr(cmd("echo", word(`${say}after ${action.deadline} s these clients have not booted:`, v(missing))));
  return [
    {
      kind: "function",
      name: addMissing,
      body: [{ kind: "assign", variable: missing, value: word(v(missing), " ", v("1")) }],
    },
    cmd("echo", `${say}waiting up to ${action.deadline} s for ${clients.length} clients: ${names}`),
    { kind: "assign", variable: now, value: { capture: cmd("date", "+%s") }, orElse: onFail("reading the clock") },
    { kind: "assign", variable: until, value: { sum: { variable: now, add: action.deadline } } },
    {
      kind: "forever",
      body: [
        { kind: "assign", variable: missing, value: word("") },
        ...clients.map((c): Statement => ({
          ...cmd("ping", "-c", "1", "-W", "1", c.address),
          redirect: { op: ">", target: word("/dev/null") },
          orElse: cmd(addMissing, c.name),
        })),
        { kind: "if", test: [word("-z"), word(v(missing))], then: [cmd("break")] },
        { kind: "assign", variable: now, value: { capture: cmd("date", "+%s") }, orElse: onFail("reading the clock") },
        { kind: "if", test: [word(v(now)), word("-ge"), word(v(until))], then: [cmd("break")] },
        cmd("echo", word(`${say}still waiting for:`, v(missing))),
        cmd("sleep", "1"),
      ],
    },
    {
      kind: "if",
      test: [word("-n"), word(v(missing))],
      then: action.then === "bond" ? [report] : [report, cmd("exit", "1")],
    },
    {
      kind: "if",
      test: [word("-z"), word(v(missing))],
      then: [cmd("echo", `${say}every client answers`)],
    },
  ];
}
