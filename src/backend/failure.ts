import type { EnslaveAction, HandoffAction, NodeAction, Program, UpAction } from "../ir/ir.js";
import type { Value } from "../semantic/types.js";
import { blank, cmd, comment, mark, v, word, type Command, type Statement, type Word } from "../sh/ast.js";
import type { Target } from "../targets/target.js";
import { commands, type Toolset } from "../toolsets/toolset.js";
import { preludeMark } from "./source-map.js";

/** What the failure code needs of the generator. */
export interface FailureContext {
  readonly sourceName: string;
  readonly target: Target;
  readonly tools: Toolset;
  readonly valueWord: (value: Value) => Word;
}

/*
 * What the script does when a step fails, per the file's failure policy:
 *   fallback  undo the bonding (release slaves, take bonds down), put the boot NIC back with the
 *             address it booted with, and hand off anyway: the node boots unbonded but boots.
 *   shell     say what failed and start a console shell.
 *   halt      say what failed and stop there (the kernel must not go on to a root it cannot reach).
 * Every step's command is followed by `|| bondc_fail LINE 'what'`.
 */

const failFunction = "bondc_fail";
const haltFunction = "bondc_halt";
const fallbackFunction = "bondc_fallback";

export function failCall(line: number, what: string): Command {
  return cmd(failFunction, String(line), what);
}

const bootVar = (field: string) => `bondc_boot_${field}`;
export const enslavedFlag = (slave: string) => `bondc_enslaved_${slave.replace(/[^A-Za-z0-9_]/g, "_")}`;
export const upFlag = (iface: string) => `bondc_up_${iface.replace(/[^A-Za-z0-9_]/g, "_")}`;
export const procFlag = "bondc_proc_mounted";

/** Failure messages go to stderr, where the console shows them and harnesses look for complaints. */
function toStderr(c: Command): Command {
  return { ...c, redirect: { op: ">&", target: word("2") } };
}

function halt(): Statement[] {
  return [
    comment("Stop here: going on would leave the kernel waiting for a root it cannot reach."),
    {
      kind: "function",
      name: haltFunction,
      body: [
        toStderr(cmd("echo", word("bondc: boot stopped: ", v("1"), ". Fix the node and reboot."))),
        { kind: "forever", body: [cmd("sleep", "3600")] },
      ],
    },
  ];
}

/**
 * The runtime flags the fallback function reads: which slaves were enslaved, which bonds are up,
 * and (when there is a handoff to redo) whether /proc is mounted. Only these are initialised and
 * set, since a flag nobody reads is dead code that shellcheck rightly reports (SC2034).
 */
export function fallbackReads(program: Program): ReadonlySet<string> {
  if (program.policy.kind !== "fallback" || !program.bootInterface) return new Set();
  return new Set(
    program.actions.flatMap((a) =>
      a.kind === "enslave"
        ? [enslavedFlag(a.slave)]
        : a.kind === "up" && program.interfaces.get(a.iface)?.kind === "bond"
          ? [upFlag(a.iface)]
          : a.kind === "mount-proc"
            ? [procFlag]
            : [],
    ),
  );
}

/** The fallback's flags, initialised so that it never reads an unset variable. */
export function fallbackFlags(program: Program): Statement[] {
  return [...fallbackReads(program)].map((f): Statement => ({ kind: "assign", variable: f, value: word("") }));
}

/**
 * The address the file gives the node, when it is a constant: what the fallback puts on the boot
 * NIC when the firmware gave it none (an initramfs's NIC is unconfigured unless ip= ran).
 */
function fileAddress(program: Program): { address: string; netmask?: string } | undefined {
  for (const a of program.actions) {
    if (a.kind === "up" && program.interfaces.get(a.iface)?.kind === "bond" && a.address?.kind === "const") {
      return { address: a.address.text, ...(a.netmask?.kind === "const" ? { netmask: a.netmask.text } : {}) };
    }
  }
  return undefined;
}

/**
 * Snapshot of the boot NIC taken before anything changes, for the fallback to restore. Missing
 * fields are not fatal here: the file's own address stands in when there is one, and the
 * fallback itself refuses to run without an address.
 */
export function bootSnapshot(program: Program, sourceVar: string, tools: Toolset): Statement[] {
  const boot = program.bootInterface;
  if (program.policy.kind !== "fallback" || !boot) return [];
  const own = fileAddress(program);
  return [
    comment(`Remember how the firmware configured ${boot}, so a failed step can put it back.`),
    { kind: "assign", variable: sourceVar, value: { capture: tools.query(boot) }, orElse: cmd("true") },
    ...tools.readField(sourceVar, bootVar("inet"), "inet", {
      kind: "assign",
      variable: bootVar("inet"),
      value: word(""),
    }),
    ...tools.readField(sourceVar, bootVar("netmask"), "netmask", {
      kind: "assign",
      variable: bootVar("netmask"),
      value: word(""),
    }),
    ...(own
      ? [
          {
            kind: "if",
            test: [word("-z"), word(v(bootVar("inet")))],
            then: [
              { kind: "assign", variable: bootVar("inet"), value: word(own.address) },
              { kind: "assign", variable: bootVar("netmask"), value: word(own.netmask ?? "") },
            ],
          } satisfies Statement,
        ]
      : []),
  ];
}

/**
 * Once the node's own address is found in the inventory (`discover node.address`), it stands in
 * for a boot NIC the firmware left without one, as a literal bond address does in bootSnapshot.
 */
export function nodeAddressFallback(program: Program, action: NodeAction, variable: string): Statement[] {
  if (program.policy.kind !== "fallback" || !program.bootInterface) return [];
  const up = program.actions.find(
    (a): a is UpAction =>
      a.kind === "up" && program.interfaces.get(a.iface)?.kind === "bond" && a.address !== undefined,
  );
  if (up?.address?.kind !== "node" || up.address.id !== action.id) return [];
  const netmask = up.netmask?.kind === "const" ? up.netmask.text : "";
  return [
    {
      kind: "if",
      test: [word("-z"), word(v(bootVar("inet")))],
      then: [
        { kind: "assign", variable: bootVar("inet"), value: word(v(variable)) },
        { kind: "assign", variable: bootVar("netmask"), value: word(netmask) },
      ],
    },
  ];
}

export function failureFunctions(program: Program, fc: FailureContext): Statement[] {
  // Under `shell` nothing stops the boot, so the halt function would be dead code there.
  const policy = program.policy.kind;
  const out: Statement[] = policy === "shell" ? [] : [...halt(), blank];
  const announce = toStderr(cmd("echo", word(`bondc: ${fc.sourceName}:`, v("1"), ": ", v("2"), " failed")));
  if (policy === "fallback" && program.bootInterface) {
    out.push(...fallback(program, program.bootInterface, fc), blank);
    out.push({ kind: "function", name: failFunction, body: [announce, cmd(fallbackFunction)] });
  } else if (policy === "shell") {
    out.push({
      kind: "function",
      name: failFunction,
      body: [
        announce,
        toStderr(cmd("echo", "bondc: starting a console shell; the node will not boot on its own")),
        cmd("exec", "/bin/sh"),
      ],
    });
  } else {
    out.push({ kind: "function", name: failFunction, body: [announce, cmd(haltFunction, word(v("2"), " failed"))] });
  }
  return out;
}

function fallback(program: Program, boot: string, fc: FailureContext): Statement[] {
  const { tools } = fc;
  const body: Statement[] = [
    {
      kind: "if",
      test: [word("-z"), word(v(bootVar("inet")))],
      then: [cmd(haltFunction, `cannot fall back: ${boot} had no IPv4 address at boot`)],
    },
    toStderr(
      cmd("echo", word(`bondc: falling back to ${boot} with `, v(bootVar("inet")), " so the NFS root stays reachable")),
    ),
  ];
  for (const a of program.actions.filter((a): a is EnslaveAction => a.kind === "enslave")) {
    body.push({
      kind: "if",
      test: [word("-n"), word(v(enslavedFlag(a.slave)))],
      then: [tools.release(a.bond, a.slave)],
    });
  }
  const bonds = [
    ...new Set(
      program.actions.flatMap((a) =>
        a.kind === "up" && program.interfaces.get(a.iface)?.kind === "bond" ? [a.iface] : [],
      ),
    ),
  ];
  for (const bond of bonds)
    body.push({ kind: "if", test: [word("-n"), word(v(upFlag(bond)))], then: [...commands(tools.down(bond, false))] });
  const address = word(v(bootVar("inet")));
  const netmask = word(v(bootVar("netmask")));
  for (const restore of commands(tools.up(boot, { address, netmask })))
    body.push({ ...restore, orElse: cmd(haltFunction, `cannot restore ${boot}`) });
  const gateway = program.actions.find((a): a is UpAction => a.kind === "up" && a.gateway !== undefined)?.gateway;
  if (gateway?.kind === "const")
    body.push({
      ...tools.route(word(gateway.text)),
      orElse: cmd(haltFunction, `cannot route through ${gateway.text}`),
    });
  const handoff = program.actions.find((a): a is HandoffAction => a.kind === "handoff");
  if (handoff) {
    // Only a target whose file mounts /proc itself (linuxrc) may reach here with it unmounted.
    if (program.actions.some((a) => a.kind === "mount-proc")) {
      body.push({
        kind: "if",
        test: [word("-z"), word(v(procFlag))],
        then: [{ ...tools.mountProc(), orElse: cmd(haltFunction, "cannot mount /proc") }],
      });
    }
    const carrier = { iface: boot, address, netmask };
    // The fallback repeats the handoff: those lines belong to the handoff statement.
    body.push(mark(program.actions.indexOf(handoff)));
    body.push(
      ...fc.target.handoff(handoff, carrier, fc.valueWord, () => cmd(haltFunction, "cannot hand the root over")),
    );
    body.push(mark(preludeMark));
  }
  body.push(cmd("exit", String(fc.target.fallbackExit ?? 0)));
  return [
    comment(`Undo the bonding and boot unbonded through ${boot}, as the firmware left it.`),
    { kind: "function", name: fallbackFunction, body },
  ];
}
