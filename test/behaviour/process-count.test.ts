/**
 * The processes a linuxrc starts, counted in the sandbox, against what compile reports.
 *
 * How they are counted: the stub tools (ifconfig, insmod, ifenslave, mount, umount) log every
 * call; grep, sed and the other busybox applets are not stubs, so each run replaces them with
 * logging wrappers that exec the applet (traceApplets: the same process, logged once). `calls`
 * then lists every program the script started. A fork that runs no program (the subshell of a
 * command substitution or a pipeline) is not counted, nor is a builtin (echo, test, [, which
 * every shell here has built in). The seed runs grep and sed by path (/bin/grep), so even
 * `busybox sh`, which runs applets called by bare name inside itself, goes through the wrappers.
 */
import { afterAll, describe, it } from "vitest";
import { APPLETS, cleanupSandbox, KERNEL_ENV, runLinuxrc, SHELLS } from "../support/sandbox/index.js";
import { GENERAL_FORM } from "../support/seed-scripts.js";
import { compileExample } from "./helpers.js";
import { where } from "../sandbox/helpers.js";

afterAll(cleanupSandbox);

const general = compileExample("seed-general.bond");
/** The seed calls mount and echo without a path and sets no PATH; yash has no default one. */
const PATH_ENV = { ...KERNEL_ENV, PATH: "/sbin:/bin:/usr/sbin:/usr/bin" };

describe.concurrent("process count", () => {
  it("seed-general.bond starts exactly stats.processes programs, one of them to read eth0 (every shell)", async ({
    expect,
  }) => {
    expect(general.processes).toBe(8);
    expect(general.discoveryProcesses).toBe(1);
    const runs = await Promise.all(
      SHELLS.map((shell) =>
        runLinuxrc(general.script, {
          shell,
          dialect: "nettools160",
          env: KERNEL_ENV,
          traceApplets: APPLETS,
        }),
      ),
    );
    for (const r of runs) {
      expect(r.exitCode, where(r)).toBe(0);
      expect(r.calls.length, where(r)).toBe(general.processes);
      // Discovery: one `ifconfig eth0`, whose output gives the MAC, the address and the fallback's netmask.
      const reads = r.calls.filter((c) => c.tool === "ifconfig" && c.args.length === 1);
      expect(reads, where(r)).toEqual([{ tool: "ifconfig", args: ["eth0"] }]);
      expect(reads.length).toBe(general.discoveryProcesses);
    }
  });

  it("the seed's general form starts 14: 9 stub calls the sandbox always logs, and 2 grep + 3 sed (every shell)", async ({
    expect,
  }) => {
    const runs = await Promise.all(
      SHELLS.map((shell) =>
        runLinuxrc(GENERAL_FORM, {
          shell,
          dialect: "nettools160",
          env: PATH_ENV,
          traceApplets: APPLETS,
        }),
      ),
    );
    for (const r of runs) {
      const byTool = (tool: string) => r.calls.filter((c) => c.tool === tool).length;
      expect(r.calls.length, where(r)).toBe(14);
      expect({
        ifconfig: byTool("ifconfig"),
        insmod: byTool("insmod"),
        ifenslave: byTool("ifenslave"),
        mount: byTool("mount"),
        grep: byTool("grep"),
        sed: byTool("sed"),
      }).toEqual({
        ifconfig: 5,
        insmod: 1,
        ifenslave: 2,
        mount: 1,
        grep: 2,
        sed: 3,
      });
      // Of those, discovery (two full `ifconfig` listings piped through grep and sed): 7.
      expect(
        r.calls.filter((c) => (c.tool === "ifconfig" && c.args.length === 0) || c.tool === "grep" || c.tool === "sed"),
      ).toHaveLength(7);
    }
  });
});
