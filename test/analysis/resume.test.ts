import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { simulate, type Simulation } from "../../src/analysis/state.js";
import { CheckSession } from "../../src/api/session.js";
import { diskHost } from "../../src/semantic/sources.js";
import { repoRoot } from "../support/repo.js";

/*
 * A simulation resumed from the previous program's (an editor's session) must be the fresh
 * simulation of the new program: every state, and every state's interfaces in a fresh table's
 * order (hovers and the real-kernel comparison list them in it). Resuming is allowed when the
 * starting interfaces differ only by ones no step before the edit met; these edits add and take
 * away such interfaces, and one that only looks like it: a bond an earlier `load bonding` made.
 */

const path = join(repoRoot, "examples", "resume.bond");
const start = [
  'target linuxrc { kernel "2.6.32"  tools net-tools  boot eth0 }',
  "iface eth0, eth1, eth2, eth3, eth4, eth5",
  "load bonding max_bonds=4",
  "mount proc",
  "up bond0 { address 10.0.2.15  netmask 255.255.255.0  miimon 100 }",
  "down eth0, eth1",
  "enslave eth0, eth1 to bond0",
];
const end = ["handoff nfs"];

function expectFresh(resumed: Simulation, fresh: Simulation): void {
  expect(resumed.states.length).toBe(fresh.states.length);
  resumed.states.forEach((state, i) => {
    const other = fresh.states[i]!;
    expect([...state.ifaces.keys()]).toEqual([...other.ifaces.keys()]);
    expect(state).toEqual(other);
  });
}

/**
 * Simulates `before`, then `after` from that simulation, and holds it to a fresh one; says
 * whether the states before the first changed step were taken over, or all made again, and
 * whether those after the last changed step were taken over too ("spliced").
 */
function resume(before: readonly string[], after: readonly string[]): "spliced" | "resumed" | "fresh" {
  const session = new CheckSession(path);
  const first = session.check(`${before.join("\n")}\n`, diskHost, { level: "program" }).program;
  const previous = simulate(first, true);
  const kept = [...previous.states];
  const next = session.check(`${after.join("\n")}\n`, diskHost, { level: "program" }).program;
  const resumed = simulate(next, true, previous);
  expectFresh(resumed, simulate(next, true));
  let from = 0;
  while (from < next.actions.length && next.actions[from] === first.actions[from]) from++;
  let same = 0;
  while (same < kept.length && resumed.states[same] === kept[same]) same++;
  if (same === 0) return "fresh";
  expect(same).toBe(from + 1);
  let end = 0;
  while (end < kept.length - same && resumed.states.at(-1 - end) === kept.at(-1 - end)) end++;
  return end > 0 ? "spliced" : "resumed";
}

describe("a resumed boot simulation equals a fresh one", () => {
  it("when an edit names a new interface, after the steps that did not change", () => {
    // bond7 is declared by its name; `load bonding max_bonds=4` does not make it.
    const typed = [...start, "up bond7 { address 10.0.7.1 }", ...end];
    expect(resume([...start, ...end], typed)).toBe("resumed");
    // And when the name is taken away again.
    expect(resume(typed, [...start, ...end])).toBe("resumed");
  });

  it("when an edit names a bond that an earlier `load bonding` created", () => {
    // bond3 is not declared before the edit, so no step of the previous program made it; in the
    // new one the load before the edit creates it, so nothing of the previous run may be taken.
    const typed = [...start, "up bond3 { address 10.0.3.1 }", ...end];
    expect(resume([...start, ...end], typed)).toBe("fresh");
    // Taken away, it was met by the load: again a fresh run.
    expect(resume(typed, [...start, ...end])).toBe("fresh");
  });

  it("when an edit changes a step that met an interface now declared, or no longer", () => {
    const undeclared = [...start, "down eth7", ...end];
    const declared = ["iface eth7", ...start, "down eth7", ...end];
    resume(undeclared, declared);
    resume(declared, undeclared);
  });

  it("when an edit changes steps into as many others, and the steps after them are taken over", () => {
    const bonds = [
      "up bond1 { address 10.0.3.1  netmask 255.255.255.0 }",
      "down eth2, eth3",
      "enslave eth2, eth3 to bond1",
    ];
    const program = [
      ...start,
      ...bonds,
      "up bond2 { address 10.0.4.1 }",
      "enslave eth4 to bond2",
      "up eth5 { address 10.0.5.1  netmask 255.255.255.0 }",
      "up bond3 { address 10.0.6.1 }",
      "down eth5",
      ...end,
    ];
    // A character typed in bond0's address: bond0's steps are lowered again, bond1's taken over.
    expect(
      resume(
        program,
        program.map((l) => l.replace("10.0.2.15", "10.0.2.16")),
      ),
    ).toBe("spliced");
    // One typed in eth5's: its later `down`, taken over as a step, is replayed on eth5's new state.
    expect(
      resume(
        program,
        program.map((l) => l.replace("10.0.5.1", "10.0.5.2")),
      ),
    ).toBe("spliced");
    // A step replaced by one on another interface: both interfaces' later steps are replayed.
    expect(
      resume(
        program,
        program.map((l) => l.replace("down eth2, eth3", "down eth2, eth4")),
      ),
    ).toBe("spliced");
    // An edit that moves the mount of /proc: simulated from the edit on.
    expect(
      resume(
        program,
        program.map((l) => (l === "mount proc" ? "down eth5" : l)),
      ),
    ).toBe("resumed");
  });
});
