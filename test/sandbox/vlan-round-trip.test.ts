import fc from "fast-check";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { compile } from "../../src/api/compile.js";
import { shellcheckScripts } from "../../src/lint/shellcheck-pass.js";
import { violation, vlanId } from "../../src/semantic/domains/index.js";
import { repoRoot } from "../support/repo.js";
import { cleanupSandbox, KERNEL_ENV, runLinuxrc, type SandboxRun, type Shell } from "../support/sandbox/index.js";
import { baseValues, nodeProgram, vlanDigits } from "../domains/programs.js";

/*
 * Issue 16's round trip for the vlan-id domain (BOND0217), beside the other domains'
 * (domains-round-trip.test.ts): batches of ids the domain accepts become VLANs on bond0 of one
 * net-tools node each; the script runs in the sandbox, where the stub vconfig (stubs/vconfig,
 * after vconfig 1.9 and the kernel's register_vlan_device()) records its arguments and creates
 * PARENT.ID as 8021q names it. Each id must arrive unchanged in vconfig's arguments, name the
 * interface the .bond file names, and appear in /proc/net/vlan/config with that id on bond0; and
 * ShellCheck must have nothing to say about the scripts (a finding would be a false BOND0901).
 *
 * Only net-tools runs here: the busybox toolset's script loads modules with modprobe and
 * enslaves through the bonding driver's sysfs files, and iproute2's is `ip` throughout, none of
 * which the sandbox models (its README); their VLANs boot on the real kernel instead
 * (examples/initramfs-vlan.bond in test/boot/initramfs-examples.test.ts).
 */

afterAll(cleanupSandbox);

const file = join(repoRoot, "examples", "vlan-round-trip.bond");
/** Distinct ids of the domain, as the lexer reads them after `bond0.`. */
const batch = fc.uniqueArray(
  vlanDigits.filter((id) => violation(vlanId, id) === undefined),
  { minLength: 20, maxLength: 60 },
);

/** /proc/net/vlan/config's rows (after its two header lines): name, id and parent of each VLAN. */
function vlanRows(config: string | undefined): { name: string; id: string; parent: string }[] {
  const lines = (config ?? "").split("\n").slice(2, -1);
  return lines.map((line) => {
    const [name = "", id = "", parent = ""] = line.split("|").map((f) => f.trim());
    return { name, id, parent };
  });
}

function arrived(run: SandboxRun, ids: readonly string[]): void {
  const where = `${run.shell}: exit ${run.exitCode}\n${run.stderr}\n${run.trace.join("\n")}`;
  expect(run.exitCode, where).toBe(0);
  expect(run.stderr, where).not.toContain("failed");
  // What vconfig received, byte for byte, in the order the file brings the VLANs up.
  expect(run.calls.filter((c) => c.tool === "vconfig").map((c) => c.args)).toEqual(
    ids.map((id) => ["add", "bond0", id]),
  );
  for (const [i, id] of ids.entries()) {
    // The interface the kernel named is the one the .bond file names, up, on bond0.
    expect(run.state.interfaces[`bond0.${id}`], where).toMatchObject({
      kind: "vlan",
      vlanId: Number(id),
      parent: "bond0",
      up: true,
      ...(i === 0 ? { ipv4: "192.168.1.105" } : {}),
    });
  }
  // The kernel lists VLANs in its device list's order, the stub by name: compare them as sets.
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
  expect(vlanRows(run.state.vlanConfig).sort(byName)).toEqual(
    ids.map((id) => ({ name: `bond0.${id}`, id, parent: "bond0" })).sort(byName),
  );
}

describe("VLAN ids arrive unchanged at vconfig, in the interface's name and in /proc/net/vlan/config", () => {
  const shells: readonly Shell[] = ["dash", "busybox"];
  it.each(shells.map((s) => [s] as const))(
    "under %s",
    async (shell) => {
      let values = 0;
      const scripts: string[] = [];
      await fc.assert(
        fc.asyncProperty(batch, async (ids) => {
          const result = compile(nodeProgram({ ...baseValues, vlans: ids }), file);
          expect(result.diagnostics.filter((d) => d.severity === "error").map((d) => `${d.code} ${d.message}`)).toEqual(
            [],
          );
          scripts.push(result.script!);
          const run = await runLinuxrc(result.script!, {
            shell,
            dialect: shell === "busybox" ? "busybox" : "nettools160",
            scenario: { modules: ["bonding", "8021q"] },
            env: { ...KERNEL_ENV },
            timeoutMs: 60_000,
          });
          arrived(run, ids);
          values += ids.length;
        }),
        { numRuns: 60 },
      );
      console.log(`[vlan round trip] ${shell}: ${values} VLAN ids`);
      expect(values).toBeGreaterThan(1000);
      const findings = await shellcheckScripts(scripts);
      expect(findings.flat().map((f) => `SC${f.code} line ${f.line}: ${f.message}`)).toEqual([]);
    },
    900_000,
  );
});
