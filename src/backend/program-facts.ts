import type { Program } from "../ir/ir.js";
import { fallbackReads } from "./failure.js";
import { discoveredVariables } from "./variables.js";

/*
 * What the generator reads off the whole program before it writes a step: the variables, the
 * flags the fallback reads, which reads find their interface's query output still current. A
 * hover writes one statement's steps (GenerateOptions.only) and needs them all the same, so they
 * are made once per program (a Program is never changed once lowered) rather than on each hover
 * of a large file.
 */

export interface ProgramFacts {
  /** The shell variable of every discovered value, by DiscoveredValue.id. */
  readonly variables: ReadonlyMap<number, string>;
  /** The flags the fallback reads; setting any other would be a dead assignment. */
  readonly flagsRead: ReadonlySet<string>;
  /**
   * The `discover` actions whose interface was queried before them and has not changed since:
   * they read the output already held (toolset.query) rather than query it again.
   */
  readonly queried: ReadonlySet<number>;
  /** The first action that reads an interface or mounts /proc; -1 when there is none. */
  readonly firstReadOrMount: number;
  /** The last enslave action; -1 when there is none. */
  readonly lastEnslave: number;
  readonly hasHandoff: boolean;
}

const factsOf = new WeakMap<Program, ProgramFacts>();

export function programFacts(program: Program): ProgramFacts {
  let facts = factsOf.get(program);
  if (!facts) factsOf.set(program, (facts = gather(program)));
  return facts;
}

function gather(program: Program): ProgramFacts {
  // Interfaces whose query output is held in a variable and still current: the fallback's
  // snapshot queries the boot NIC before any step.
  const current = new Set<string>();
  if (program.policy.kind === "fallback" && program.bootInterface) current.add(program.bootInterface);
  const queried = new Set<number>();
  let firstReadOrMount = -1;
  let lastEnslave = -1;
  let hasHandoff = false;
  program.actions.forEach((action, i) => {
    switch (action.kind) {
      case "discover":
        if (current.has(action.iface)) queried.add(i);
        current.add(action.iface);
        if (firstReadOrMount < 0) firstReadOrMount = i;
        return;
      case "mount-proc":
        if (firstReadOrMount < 0) firstReadOrMount = i;
        return;
      case "up":
      case "down":
        current.delete(action.iface);
        return;
      case "enslave":
        current.delete(action.slave);
        current.delete(action.bond);
        lastEnslave = i;
        return;
      case "handoff":
        hasHandoff = true;
        return;
      default:
        return;
    }
  });
  return {
    variables: discoveredVariables(program),
    flagsRead: fallbackReads(program),
    queried,
    firstReadOrMount,
    lastEnslave,
    hasHandoff,
  };
}
