import fc from "fast-check";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import { simulate, type BootState } from "../../src/analysis/state.js";
import { CheckSession } from "../../src/api/session.js";
import { largeProgram } from "../../src/bench/large-program.js";
import { diskHost } from "../../src/semantic/sources.js";
import { repoRoot } from "../support/repo.js";

/*
 * Over random edit sequences of a generated site, the simulation resumed from the previous one
 * (as a session's checks resume it) is the fresh simulation, order of the interfaces included.
 * The edits are those that keep the number of steps (a value typed, a step moved to other
 * interfaces: the previous states after them are taken over and the touched interfaces
 * replayed) and those that change it (a step pasted or cut: simulated from the edit on).
 */

const path = join(repoRoot, "examples", "generated-flat.bond");
// Later steps on the first bonds and NICs, which an edit of those bonds' blocks leaves as they were.
const site = largeProgram("flat", 200).split("\n");
const mount = site.indexOf("mount proc");
const declared = site.indexOf("iface eth0, eth1") + 1;
const base = [
  ...site.slice(0, declared),
  "up eth1 { address 10.0.9.1  netmask 255.255.255.0 }",
  ...site.slice(declared, mount),
  "down bond0",
  "down bond1",
  "up eth1",
  "down bond2",
  ...site.slice(mount),
];

type Edit = ["value", number, string] | ["iface", number, number] | ["paste", number, string] | ["cut", number];
const edit: fc.Arbitrary<Edit> = fc.oneof(
  // A value in an `up` block, the first NIC's and bonds' most often: the later steps above touch them again.
  fc.tuple(fc.constant("value" as const), fc.oneof(fc.nat({ max: 12 }), fc.nat()), fc.constantFrom("0", "1", "00")),
  fc.tuple(fc.constant("iface" as const), fc.nat(), fc.nat({ max: 30 })),
  fc.tuple(
    fc.constant("paste" as const),
    fc.nat(),
    fc.constantFrom("down bond1", "up eth3 { address 10.0.9.1 }", "enslave eth7 to bond2", "mount proc", "up bond40"),
  ),
  fc.tuple(fc.constant("cut" as const), fc.nat()),
);

function apply(lines: string[], e: Edit): string[] {
  const out = [...lines];
  const at = e[1] % out.length;
  if (e[0] === "value") {
    const settings = out.flatMap((l, i) => (/address|netmask|broadcast/.test(l) ? [i] : []));
    const line = settings[e[1] % settings.length]!;
    out[line] = out[line]!.replace(/\d+(?=\D*$)/, (n) => `${n}${e[2]}`);
  } else if (e[0] === "iface") out[at] = out[at]!.replace(/eth\d+/, `eth${e[2]}`);
  else if (e[0] === "paste") out.splice(at, 0, e[2]);
  else out.splice(at, 1);
  return out;
}

/** Everything a state says, in order, as plain values: a quick deep comparison for hundreds of states per edit. */
const said = (s: BootState) => ({
  modules: [...s.modules],
  ifaces: [...s.ifaces],
  procMountedAt: s.procMountedAt,
  handedOffAt: s.handedOffAt,
  clientsWaitedAt: s.clientsWaitedAt,
});

describe("a resumed boot simulation equals a fresh one", () => {
  it("after each edit of random edit sequences of a generated site", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 6 }), async (edits) => {
        const session = new CheckSession(path);
        let lines = base;
        let sim = simulate(session.check(`${lines.join("\n")}\n`, diskHost, { level: "program" }).program, true);
        for (const e of edits) {
          lines = apply(lines, e);
          const program = session.check(`${lines.join("\n")}\n`, diskHost, { level: "program" }).program;
          sim = simulate(program, true, sim);
          const fresh = simulate(program, true);
          expect(sim.states.length).toBe(fresh.states.length);
          const differ = sim.states.findIndex((state, i) => !isDeepStrictEqual(said(state), said(fresh.states[i]!)));
          if (differ >= 0) expect(said(sim.states[differ]!)).toEqual(said(fresh.states[differ]!));
        }
        // A long synchronous run starves the test worker's messages to vitest on a busy machine.
        await new Promise((resolve) => setImmediate(resolve));
      }),
      { numRuns: 40 },
    );
  }, 600_000);
});
