import type { Label } from "../diagnostics/diagnostic.js";
import type {
  Action,
  DiscoverAction,
  EnslaveAction,
  HandoffAction,
  LoadModuleAction,
  Program,
  UpAction,
} from "../ir/ir.js";
import type { CheckContext } from "./context.js";
import { insertLineBefore, moveStatement } from "./fixes.js";
import type { IfaceState } from "../analysis/iface-state.js";
import { describePower, type BootState } from "../analysis/state.js";

/*
 * Ordering checks: a typestate walk over the boot actions. Each action is compared with the state
 * the node is in just before it; errors say what that state is and point at the step that should
 * have come first (or where the state changed).
 */

export function checkOrdering(ctx: CheckContext): void {
  const { actions } = ctx.program;
  actions.forEach((action, i) => {
    const before = ctx.states[i]!;
    // After a final handoff (switch_root) nothing runs: that is the target's to say
    // (targets/<name>/checks.ts). After a real-root-dev write the script goes on as before.
    if (before.handedOffAt && ctx.handoffEndsScript && action.kind !== "discover") return;
    switch (action.kind) {
      case "load":
        return checkLoad(ctx, action, before);
      case "up":
        return checkUp(ctx, action, i, before);
      case "down":
        return checkDown(ctx, action, i, before);
      case "enslave":
        return checkEnslave(ctx, action, i, before);
      case "discover":
        return checkDiscover(ctx, action, i, before);
      case "mount-proc":
        if (before.procMountedAt) {
          ctx.bag.report("BOND0314", ctx.here(action), "/proc is already mounted", {
            related: [{ span: before.procMountedAt, message: "mounted here" }],
            help: "remove this mount",
          });
        }
        return;
      case "handoff":
        return checkHandoff(ctx, action, i);
    }
  });
}

function iface(state: BootState, name: string): IfaceState | undefined {
  return state.ifaces.get(name);
}

function checkLoad(ctx: CheckContext, action: Extract<Action, { kind: "load" }>, before: BootState): void {
  const first = before.modules.get(action.module);
  if (first) {
    ctx.bag.report("BOND0311", ctx.here(action), `the module ${action.module} is already loaded`, {
      related: [{ span: first, message: "loaded here" }],
      notes: ['loading a module that is loaded fails ("File exists")'],
      help: "load it once, with all its parameters",
    });
  }
}

/**
 * BOND0301 when `name`, in state `s` before action i, is a bond whose module is not loaded,
 * BOND0514 when the module is loaded but created fewer bonds than `name` needs; returns whether
 * it reported. The callers look each interface up once (thousands of steps, several checks each).
 */
function requireBondExists(
  ctx: CheckContext,
  action: Action,
  i: number,
  s: IfaceState | undefined,
  name: string,
  doing: string,
): boolean {
  if (!s || s.kind !== "bond" || s.exists) return false;
  const loaded = ctx.program.actions
    .slice(0, i)
    .find((a): a is LoadModuleAction => a.kind === "load" && a.module === "bonding");
  if (loaded) {
    // One message per missing bond, at its first step after the load.
    const first = ctx.program.actions.findIndex((a, j) => j > ctx.program.actions.indexOf(loaded) && names(a, name));
    if (first === i) reportBeyondMaxBonds(ctx, action, loaded, name, doing);
    return true;
  }
  const laterLoad = ctx.findLater(i, (a) => a.kind === "load" && a.module === "bonding");
  const related: Label[] = laterLoad
    ? [{ span: ctx.here(laterLoad), message: "the bonding module is loaded only here" }]
    : [];
  const fixes = laterLoad
    ? ctx.fix(laterLoad, (lines) =>
        moveStatement(lines, laterLoad.span, action.span, "before", `Move \`load bonding\` before this step`),
      )
    : ctx.fix(action, (lines) =>
        insertLineBefore(lines, action.span, "load bonding", "Insert `load bonding` before this step"),
      );
  ctx.bag.report("BOND0301", ctx.here(action), `${name} is ${doing} before the bonding module is loaded`, {
    label: `${name} does not exist yet`,
    related: [...related, ...ctx.callLabels(action)],
    notes: [`loading the bonding module is what creates ${name}; until then it does not exist ("No such device")`],
    help: laterLoad ? "move `load bonding` before this step" : "add `load bonding` before this step",
    fixes,
  });
  return true;
}

/** Whether `a` works on the interface `name`. */
function names(a: Action, name: string): boolean {
  switch (a.kind) {
    case "up":
    case "down":
    case "discover":
      return a.iface === name;
    case "enslave":
      return a.bond === name || a.slave === name;
    default:
      return false;
  }
}

/** How many bonds the program names: bond0 .. bondN-1 need max_bonds=N. */
function bondsNeeded(ctx: CheckContext): number {
  const numbers = [...ctx.program.interfaces.values()]
    .filter((d) => d.kind === "bond")
    .map((d) => Number(d.name.slice("bond".length)));
  return Math.max(1, ...numbers.map((n) => n + 1));
}

/** BOND0514: the module is loaded, but its max_bonds did not create `name`. */
function reportBeyondMaxBonds(
  ctx: CheckContext,
  action: Action,
  load: LoadModuleAction,
  name: string,
  doing: string,
): void {
  const param = load.params.find((p) => p.name === "max_bonds");
  const value = param?.values[0];
  const created = value?.kind === "const" ? Number(value.text) : 1;
  const needed = bondsNeeded(ctx);
  const setting = `max_bonds=${needed}`;
  const title = param ? `Raise max_bonds to ${needed}` : `Add \`${setting}\` to \`load bonding\``;
  ctx.bag.report(
    "BOND0514",
    ctx.here(action),
    `${name} is ${doing}, but loading bonding created only ${created === 1 ? "bond0" : `bond0 to bond${created - 1}`}`,
    {
      label: `${name} does not exist`,
      related: [
        {
          span: param?.span ?? ctx.here(load),
          message: param ? `max_bonds=${created} here` : "loaded without max_bonds (1 bond)",
        },
        ...ctx.callLabels(action),
      ],
      notes: [
        `the bonding module creates bond0 to bond(max_bonds-1) when it is loaded, and max_bonds defaults to 1; ${name} needs max_bonds=${Number(name.slice("bond".length)) + 1} or more`,
      ],
      help: param ? `raise it: ${setting}` : `load it with ${setting}: load bonding … ${setting}`,
      fixes: ctx.fix(load, (lines) => ({
        title,
        edits: [
          param
            ? { span: param.span, newText: setting }
            : { span: lines.span(load.span.file, load.span.end, load.span.end), newText: ` ${setting}` },
        ],
      })),
    },
  );
}

function requireNotSlave(
  ctx: CheckContext,
  action: Action,
  s: IfaceState | undefined,
  name: string,
  doing: string,
): boolean {
  if (!s?.master) return false;
  ctx.bag.report("BOND0313", ctx.here(action), `${name} is ${doing} while it is enslaved to ${s.master}`, {
    label: `${name} belongs to ${s.master}`,
    related: [...(s.changedAt ? [{ span: s.changedAt, message: `enslaved here` }] : []), ...ctx.callLabels(action)],
    notes: ["the bond owns its slaves; changing one breaks the bond's link through it"],
    help: `configure ${s.master} instead`,
  });
  return true;
}

function checkUp(ctx: CheckContext, action: UpAction, i: number, before: BootState): void {
  const s = iface(before, action.iface);
  if (requireBondExists(ctx, action, i, s, action.iface, "configured")) return;
  if (requireNotSlave(ctx, action, s, action.iface, "configured")) return;
  // A bond under a VLAN that carries the address needs none of its own.
  if (s?.kind === "bond" && !action.address && !action.erroneous.includes("address") && !s.address) {
    if (vlanParents(ctx.program).has(action.iface)) return;
    const carrier = [...before.ifaces.values()].find((o) => o.kind === "bond" && o.name !== action.iface && o.address);
    ctx.bag.report("BOND0315", ctx.here(action), `${action.iface} is brought up without an address`, {
      label: "no address",
      related: ctx.callLabels(action),
      // A second bond does not take the node's address: that is the first bond's.
      notes: [
        carrier
          ? `a bond carries only the address it is given; ${carrier.name} already has the node's`
          : "the bond takes over the node's address; without one nothing reaches the NFS server",
      ],
      help: carrier
        ? `give it an address of its own: up ${action.iface} { address …  netmask … }`
        : `give it the boot interface's address: up ${action.iface} { address ip  netmask mask }`,
    });
  }
}

/**
 * The interfaces that have a VLAN on them, once per program: asking every interface for every
 * `up` made checking quadratic in the size of a site description.
 */
const vlanParentsOf = new WeakMap<Program, ReadonlySet<string>>();
function vlanParents(program: Program): ReadonlySet<string> {
  let parents = vlanParentsOf.get(program);
  if (!parents) {
    parents = new Set([...program.interfaces.values()].flatMap((d) => (d.vlan ? [d.vlan.parent] : [])));
    vlanParentsOf.set(program, parents);
  }
  return parents;
}

function checkDown(ctx: CheckContext, action: Extract<Action, { kind: "down" }>, i: number, before: BootState): void {
  const s = iface(before, action.iface);
  if (requireBondExists(ctx, action, i, s, action.iface, "taken down")) return;
  requireNotSlave(ctx, action, s, action.iface, "taken down");
}

/**
 * The bond and the slave an enslave works on, when the generic rules let it through (a bond
 * that exists, a NIC that is no one's slave yet): the point where a toolset's own rules about
 * enslaving (toolsets/<name>/checks.ts, built from checks/enslave.ts) take over.
 */
export function enslaveable(
  ctx: CheckContext,
  i: number,
): { action: EnslaveAction; bond: IfaceState; slave: IfaceState } | undefined {
  const action = ctx.program.actions[i];
  if (action?.kind !== "enslave") return undefined;
  const before = ctx.states[i]!;
  if (before.handedOffAt && ctx.handoffEndsScript) return undefined;
  const bond = iface(before, action.bond);
  const slave = iface(before, action.slave);
  if (bond?.kind !== "bond" || !bond.exists || slave?.kind !== "nic" || action.slave === action.bond || slave.master)
    return undefined;
  return { action, bond, slave };
}

function checkEnslave(ctx: CheckContext, action: EnslaveAction, i: number, before: BootState): void {
  const bond = iface(before, action.bond);
  const slave = iface(before, action.slave);
  const here = ctx.here(action);
  if (bond?.kind !== "bond") {
    ctx.bag.report("BOND0309", here, `${action.bond} is not a bond, so nothing can be enslaved to it`, {
      related: ctx.callLabels(action),
      help: "enslave to a bond: enslave eth0, eth1 to bond0",
    });
    return;
  }
  if (action.slave === action.bond || slave?.kind !== "nic") {
    const what =
      action.slave === action.bond
        ? "a bond cannot be enslaved to itself"
        : slave?.kind === "loopback"
          ? "lo is the loopback interface"
          : `${action.slave} is a bond`;
    ctx.bag.report("BOND0309", here, `${action.slave} cannot be a slave of ${action.bond}`, {
      label: what,
      related: ctx.callLabels(action),
      help: "enslave physical NICs (eth0, eth1, …)",
    });
    return;
  }
  if (requireBondExists(ctx, action, i, bond, action.bond, "given slaves")) return;
  // Whether the bond must be up first is the enslaving tool's rule (checks/enslave.ts).
  if (slave.master) {
    ctx.bag.report("BOND0308", here, `${action.slave} is already enslaved to ${slave.master}`, {
      related: [
        ...(slave.changedAt ? [{ span: slave.changedAt, message: "enslaved here first" }] : []),
        ...ctx.callLabels(action),
      ],
      notes: ["a NIC belongs to one bond, once"],
      help: "enslave it in one place only",
    });
    return;
  }
  // A NIC known to be up. One whose state is unknown is the enslaving tool's to judge.
  if (slave.power === "up") reportSlaveUp(ctx, action, slave);
}

/** BOND0303 for a slave that is (or, `assumed`, may be) up when it is enslaved. */
export function reportSlaveUp(
  ctx: CheckContext,
  action: EnslaveAction,
  slave: IfaceState,
  assumed?: { readonly refusal: string },
): void {
  const label = assumed
    ? `bondc cannot know ${action.slave} is down here`
    : slave.upAt
      ? "it is up"
      : "it is up: the boot firmware configured it";
  const notes = assumed
    ? [
        `an assumption: the kernel leaves a NIC nothing configured before this script down, but nothing in this file takes ${action.slave} down, and whatever ran before this script may have brought it up`,
        assumed.refusal,
      ]
    : [
        'the kernel refuses to enslave an interface that is up (EPERM, "Device can not be enslaved while up"); a tool that takes it down first (ifenslave) leaves it its address, beside the bond\'s',
      ];
  ctx.bag.report(
    "BOND0303",
    ctx.here(action),
    assumed ? `${action.slave} is enslaved without being taken down` : `${action.slave} is enslaved while it is up`,
    {
      label,
      related: [
        ...(slave.upAt ? [{ span: slave.upAt, message: `${action.slave} is brought up here` }] : []),
        ...ctx.callLabels(action),
      ],
      notes,
      help: `take it down first: down ${action.slave}`,
      fixes: ctx.fix(action, (lines) =>
        insertLineBefore(
          lines,
          action.span,
          `down ${action.slave}`,
          `Insert \`down ${action.slave}\` before the enslave`,
        ),
      ),
    },
  );
}

function checkDiscover(ctx: CheckContext, action: DiscoverAction, i: number, before: BootState): void {
  const s = iface(before, action.iface);
  if (requireBondExists(ctx, action, i, s, action.iface, "read")) return;
  if (!s || !s.changedAt || (s.power === "up" && !s.master)) return;
  const what = s.master ? `enslaved to ${s.master}` : "down";
  const went = s.master ? `was enslaved to ${s.master}` : "went down";
  // The fix moves the read before the interface's first change, not its latest.
  const changedAt =
    ctx.states
      .slice(0, i + 1)
      .map((st) => st.ifaces.get(action.iface)?.changedAt)
      .find((at) => at !== undefined) ?? s.changedAt;
  // Only a `let x = discover …` line of the user's own can be moved whole without changing anything else.
  const movable =
    changedAt.file === ctx.program.file && /^\s*let\s.*=\s*discover\s/.test(ctx.lines.lineText(action.span.line));
  ctx.bag.report("BOND0304", ctx.here(action), `${action.iface}'s ${action.field} is read after it ${went}`, {
    label: `${action.iface} is ${what} here`,
    related: [{ span: s.changedAt, message: `${action.iface} ${went} here` }, ...ctx.callLabels(action)],
    notes: ["what the interface reports now is no longer what the boot firmware gave it"],
    help: "discover it before the first step that changes the interface",
    fixes: movable
      ? ctx.fix(action, (lines) =>
          moveStatement(
            lines,
            action.span,
            changedAt,
            "before",
            `Move the discover before \`${lines.lineText(changedAt.line).trim()}\``,
          ),
        )
      : [],
  });
}

function carries(s: IfaceState): boolean {
  if (!s.exists || s.kind === "loopback" || s.master || s.power === "down") return false;
  // A bond up without an address is BOND0315's to report; one root cause, one error.
  if (s.kind === "bond") return s.power === "up" && s.slaves.length > 0;
  return s.firmware || (s.power === "up" && s.address !== undefined);
}

function checkHandoff(ctx: CheckContext, action: HandoffAction, i: number): void {
  if (action.root.kind !== "nfs") return;
  // The root is mounted at a final handoff, or (real-root-dev) once the script has exited.
  const atMount = ctx.stateAtRootMount(i);
  for (const s of atMount.ifaces.values()) if (carries(s)) return;
  const related: Label[] = [];
  for (const s of atMount.ifaces.values()) {
    if (s.changedAt && s.kind !== "loopback")
      related.push({
        span: s.changedAt,
        message: `${s.name}: ${describePower(s)}${s.kind === "bond" && s.slaves.length === 0 ? ", no slaves" : ""}`,
      });
  }
  const when = ctx.handoffEndsScript ? "at the handoff" : "when the script ends and the kernel mounts the root";
  ctx.bag.report("BOND0306", ctx.here(action), `${when} nothing carries the node's address`, {
    label: "the NFS root would be unreachable",
    related: [...related, ...ctx.callLabels(action)],
    notes: ['the kernel would hang at "VFS: Mounting root over NFS"'],
    help: "bring a bond up with the node's address and enslave at least one NIC before the root is mounted",
  });
}
