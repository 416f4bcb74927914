/** Helpers shared by the sandbox's own tests (and the behaviour tests of compiled scripts). */
import { expect as globalExpect, type ExpectStatic } from "vitest";
import {
  runLinuxrc,
  SHELLS,
  type Dialect,
  type RunOptions,
  type SandboxRun,
  type Shell,
} from "../support/sandbox/index.js";

/** The PATH the compiler's scripts set themselves. */
export const PATH_ENV = { PATH: "/sbin:/bin:/usr/sbin:/usr/bin" } as const;

/** Run `script` under every shell (concurrently, within the sandbox's limit). */
export async function runUnderAllShells(
  script: string,
  dialect: Dialect,
  opts: Omit<RunOptions, "shell" | "dialect"> = {},
): Promise<Record<Shell, SandboxRun>> {
  const runs = await Promise.all(SHELLS.map((shell) => runLinuxrc(script, { ...opts, shell, dialect })));
  return Object.fromEntries(runs.map((r) => [r.shell, r])) as Record<Shell, SandboxRun>;
}

/** Short context for assertion messages. */
export function where(r: SandboxRun): string {
  return `${r.shell}/${r.dialect} exit=${r.exitCode}${r.timedOut ? " (timed out)" : ""}\n--trace\n${r.trace.join("\n")}\n--stdout\n${r.stdout}--stderr\n${r.stderr}`;
}

/**
 * What both seed scripts meant: bond0 up with the node's address and eth0's MAC (by default the
 * seed's 192.168.1.105 and 00:90:27:E0:30:51) over eth0 and eth1, /proc mounted and the root
 * handed over to NFS. `expect` is the test's own in concurrent tests.
 */
export function expectSeedBonded(
  r: SandboxRun,
  bond: { ipv4: string; mac: string } = {
    ipv4: "192.168.1.105",
    mac: "00:90:27:E0:30:51",
  },
  expect: ExpectStatic = globalExpect,
): void {
  const { interfaces: i, procMounted, realRootDev, realRootDevValue, modules } = r.state;
  expect(r.exitCode, where(r)).toBe(0);
  expect(r.stderr, where(r)).toBe("");
  expect(r.timedOut).toBe(false);
  expect(modules.map((m) => m.name)).toEqual(["bonding"]);
  expect(i["bond0"], where(r)).toMatchObject({
    kind: "bond",
    up: true,
    running: true,
    ipv4: bond.ipv4,
    netmask: "255.255.255.0",
    broadcast: "192.168.1.255",
    mac: bond.mac,
    slaves: ["eth0", "eth1"],
  });
  for (const s of ["eth0", "eth1"]) {
    expect(i[s], `${s}\n${where(r)}`).toMatchObject({
      up: true,
      slave: true,
      master: "bond0",
      mac: bond.mac,
    });
  }
  expect(procMounted).toBe(true);
  expect(realRootDev).toBe("0x00ff");
  expect(realRootDevValue).toBe(255);
}
