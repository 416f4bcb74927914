import fc from "fast-check";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { compile } from "../../src/api/compile.js";
import { shellcheckScripts } from "../../src/lint/shellcheck-pass.js";
import { printWord } from "../../src/sh/printer.js";
import {
  interfaceName,
  moduleName,
  moduleParameterName,
  moduleParameterValue,
  nfsOptions,
  nfsPath,
  nfsServer,
  violation,
  type Domain,
} from "../../src/semantic/domains/index.js";
import { repoRoot } from "../support/repo.js";
import { cleanupSandbox, KERNEL_ENV, runLinuxrc, type SandboxRun, type Shell } from "../support/sandbox/index.js";
import {
  bootEntryRefusal,
  ipv4Text,
  moduleWord,
  nicName,
  nodeProgram,
  optionsContent,
  paramWord,
  pathContent,
  stringContent,
  type Values,
} from "../domains/programs.js";

/*
 * Every value a domain accepts arrives unchanged where it is consumed: batches of generated values
 * are compiled into one node each, the script runs in the sandbox, and what the stub tools were
 * called with and what /proc holds afterwards is compared with what was written. Values read at
 * boot (eth0's address and MAC, generated per run) must arrive unchanged on the bond too. Every
 * script must also be ShellCheck-clean: a finding would be a false BOND0901 in `bondc lint`.
 */

afterAll(cleanupSandbox);

const file = join(repoRoot, "examples", "domains-round-trip.bond");
const inDomain = (domain: Domain) => (value: string) => violation(domain, value) === undefined;
/** The kernel and the insmod stub read `-` and `_` alike in module names. */
const moduleKey = (name: string) => name.replace(/-/g, "_");

const batch: fc.Arbitrary<Values & { readonly firmwareIp: string; readonly firmwareMac: string }> = fc
  .record({
    nics: fc.uniqueArray(nicName.filter(inDomain(interfaceName)), { minLength: 1, maxLength: 6 }),
    modules: fc.uniqueArray(
      fc.record({
        name: moduleWord.filter(inDomain(moduleName)),
        param: paramWord.filter(inDomain(moduleParameterName)),
        value: stringContent(0, 30).filter(inDomain(moduleParameterValue)),
      }),
      { minLength: 1, maxLength: 8, selector: (m) => moduleKey(m.name) },
    ),
    server: ipv4Text.filter(inDomain(nfsServer)),
    path: pathContent.filter(inDomain(nfsPath)),
    options: fc.option(optionsContent.filter(inDomain(nfsOptions)), { nil: undefined }),
    discover: fc.constant(true),
    // What the firmware gave eth0: a unicast host address and a unicast MAC, in either case.
    firmwareIp: fc
      .tuple(
        fc.integer({ min: 1, max: 223 }).filter((o) => o !== 127),
        fc.nat(255),
        fc.nat(255),
        fc.integer({ min: 1, max: 254 }),
      )
      .map((o) => o.join(".")),
    firmwareMac: fc
      .tuple(
        fc.nat(127).map((o) => o * 2),
        fc.array(fc.nat(255), { minLength: 5, maxLength: 5 }),
        fc.boolean(),
      )
      .map(([first, rest, lower]) => {
        const mac = [first, ...rest].map((o) => o.toString(16).toUpperCase().padStart(2, "0")).join(":");
        return lower ? mac.toLowerCase() : mac;
      })
      .filter((m) => !/^(00:){5}00$/.test(m)),
    // The handoff also reaches the boot entries as nfsroot=, whose formats refuse more (BOND0216).
  })
  .filter((v) => bootEntryRefusal(v) === undefined);

function arrived(run: SandboxRun, v: Values & { firmwareIp: string; firmwareMac: string }): void {
  const where = `${run.shell}: exit ${run.exitCode}\n${run.stderr}\n${run.trace.join("\n")}`;
  expect(run.exitCode, where).toBe(0);
  expect(run.stderr, where).not.toContain("failed");
  const bond = run.state.interfaces["bond0"];
  // Interface names: every NIC was taken down and enslaved under exactly its name.
  expect(bond?.slaves, where).toEqual(["eth0", ...v.nics]);
  for (const nic of v.nics) expect(run.calls, where).toContainEqual({ tool: "ifenslave", args: ["bond0", nic] });
  // Module names and parameters: insmod got each argument byte for byte.
  for (const m of v.modules)
    expect(run.calls, where).toContainEqual({ tool: "insmod", args: [m.name, `${m.param}=${m.value}`] });
  expect(run.state.modules.map((m) => m.name)).toEqual([...v.modules.map((m) => moduleKey(m.name)), "bonding"]);
  // The NFS root: the path (and the options after a comma) in nfs-root-name as written, the
  // server in nfs-root-addrs.
  expect(run.state.nfsRootName, where).toBe(v.options === undefined ? v.path : `${v.path},${v.options}`);
  expect(run.state.nfsRootAddrs?.split(":")[1], where).toBe(v.server);
  expect(run.state.realRootDev).toBe("0x00ff");
  // Discovered values: the bond carries eth0's address and MAC as the firmware left them.
  expect(bond?.ipv4, where).toBe(v.firmwareIp);
  expect(bond?.mac, where).toBe(v.firmwareMac.toUpperCase());
}

describe("accepted values arrive unchanged where they are consumed", () => {
  const shells: readonly Shell[] = ["dash", "busybox"];
  it.each(shells.map((s) => [s] as const))(
    "under %s",
    async (shell) => {
      const scripts: string[] = [];
      let values = 0;
      await fc.assert(
        fc.asyncProperty(batch, async (v) => {
          const result = compile(nodeProgram(v), file);
          expect(result.diagnostics.filter((d) => d.severity === "error").map((d) => `${d.code} ${d.message}`)).toEqual(
            [],
          );
          const script = result.script!;
          scripts.push(script);
          const scenario = {
            interfaces: {
              eth0: { ipv4: v.firmwareIp, netmask: "255.255.255.0", mac: v.firmwareMac, up: true },
              ...Object.fromEntries(
                v.nics.map((n, i) => [n, { mac: `02:00:00:00:01:${(i + 16).toString(16)}`, up: false }]),
              ),
            },
            modules: ["bonding", ...v.modules.map((m) => moduleKey(m.name))],
          };
          const run = await runLinuxrc(script, {
            shell,
            dialect: shell === "busybox" ? "busybox" : "nettools160",
            scenario,
            env: { ...KERNEL_ENV },
          });
          arrived(run, v);
          values += v.nics.length + 3 * v.modules.length + 4 + (v.options === undefined ? 0 : 1);
        }),
        { numRuns: 50 },
      );
      expect(values).toBeGreaterThan(500);
      const findings = await shellcheckScripts(scripts);
      expect(findings.flat().map((f) => `SC${f.code} line ${f.line}: ${f.message}`)).toEqual([]);
    },
    300_000,
  );
});

describe("the printer's quoting", () => {
  // ShellCheck is asked about any text; the shells only about ASCII, since dash drops some bytes
  // of multi-byte characters (0x81-0x88, its internal markers) whatever the quoting. No domain
  // admits such bytes (they all require printable ASCII).
  const line = (w: string) => `printf '%s\\n' ${printWord([w])}`;
  const noNewline = (w: string) => !w.includes("\n") && !w.includes("\0");

  it("prints any word so that ShellCheck has nothing to say about it", async () => {
    const words = fc.sample(fc.string({ unit: "binary", maxLength: 24 }).filter(noNewline), {
      numRuns: 2000,
      seed: 16,
    });
    const script = `#!/bin/sh\n${words.map(line).join("\n")}\n`;
    expect((await shellcheckScripts([script]))[0]!.map((f) => `SC${f.code} line ${f.line}: ${f.message}`)).toEqual([]);
  });

  it("passes any ASCII word through the shell unchanged, and ShellCheck has nothing to say about it", async () => {
    const words = fc.sample(fc.string({ unit: "binary-ascii", maxLength: 24 }).filter(noNewline), {
      numRuns: 1500,
      seed: 16,
    });
    const words2 = fc.sample(
      stringContent(0, 24).filter((w) => /^[\x01-\x7f]*$/.test(w) && noNewline(w)),
      { numRuns: 1500, seed: 17 },
    );
    const all = [...words, ...words2];
    const script = `#!/bin/sh\n${all.map(line).join("\n")}\n`;
    expect((await shellcheckScripts([script]))[0]!.map((f) => `SC${f.code} line ${f.line}: ${f.message}`)).toEqual([]);
    for (const shell of ["dash", "busybox"] as const) {
      const run = await runLinuxrc(script, { shell, dialect: "nettools160" });
      expect(run.stdout.split("\n").slice(0, -1)).toEqual(all);
    }
  }, 120_000);
});
