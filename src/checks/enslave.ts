import { describePower } from "../analysis/state.js";
import type { UpAction } from "../ir/ir.js";
import type { Check, CheckContext } from "./context.js";
import { moveStatement } from "./fixes.js";
import { enslaveable, reportSlaveUp } from "./ordering.js";

/*
 * What enslaving demands depends on the program that enslaves, not on the kernel alone: the
 * ifenslave programs refuse a master that is not up, while sysfs and `ip link set … master` put a
 * slave into a bond that is down; the kernel refuses an up slave, which ifenslave takes down
 * itself and sysfs does not. Each toolset lists the rules its programs impose (toolsets/<name>/).
 */

/** Who refuses, and in which words, for a rule's messages. */
export interface Refusal {
  /** "ifenslave refuses a master that is not up (…)": the tool's behaviour and its source. */
  readonly refusal: string;
}

/** BOND0302: the enslaving program refuses a bond that is not up yet. */
export function masterMustBeUp(words: Refusal): Check {
  return (ctx: CheckContext) => {
    ctx.eachOf("enslave", (enslave, i) => {
      // A master that is up is all this rule asks, whatever the slave.
      if (ctx.states[i]!.ifaces.get(enslave.bond)?.power === "up") return;
      const e = enslaveable(ctx, i);
      if (!e) return;
      const { action, bond } = e;
      const laterUp = ctx.findLater(i, (a): a is UpAction => a.kind === "up" && a.iface === action.bond);
      ctx.bag.report(
        "BOND0302",
        ctx.here(action),
        `${action.slave} is enslaved to ${action.bond}, which is not up yet`,
        {
          label: `${action.bond} is ${describePower(bond)} here`,
          related: [
            ...(laterUp ? [{ span: ctx.here(laterUp), message: `${action.bond} is brought up only here` }] : []),
            ...ctx.callLabels(action),
          ],
          notes: [words.refusal],
          help: laterUp
            ? `move \`up ${action.bond}\` before the enslave`
            : `bring it up first: up ${action.bond} { address … }`,
          fixes: laterUp
            ? ctx.fix(laterUp, (lines) =>
                moveStatement(
                  lines,
                  laterUp.span,
                  action.span,
                  "before",
                  `Move \`up ${action.bond}\` before the enslave`,
                ),
              )
            : [],
        },
      );
    });
  };
}

/**
 * BOND0303 for a NIC whose state is unknown (nothing configured it before the script), for a
 * program that leaves the slave as it finds it and so meets the kernel's refusal of an up slave.
 */
export function unknownSlaveMustBeDown(words: Refusal): Check {
  return (ctx: CheckContext) => {
    ctx.eachOf("enslave", (enslave, i) => {
      if (ctx.states[i]!.ifaces.get(enslave.slave)?.power !== "unknown") return;
      const e = enslaveable(ctx, i);
      if (e) reportSlaveUp(ctx, e.action, e.slave, words);
    });
  };
}
