/** Shell lookup, how each shell is started, and why busybox's copy hides some applets. */
import { afterAll, describe, expect, it } from "vitest";
import { hideApplets } from "../support/sandbox/busybox-patch.js";
import {
  checkShells,
  cleanupSandbox,
  DIALECTS,
  missingShellsMessage,
  runLinuxrc,
  SHELL_PACKAGES,
  shellArgv,
  SHELLS,
  STUBBED_APPLETS,
} from "../support/sandbox/index.js";
import { PATH_ENV, runUnderAllShells, where } from "./helpers.js";

afterAll(cleanupSandbox);

describe("shells", () => {
  it("lists six shells, three dialects, and the apt package of each shell", () => {
    expect(SHELLS).toEqual(["dash", "busybox", "bash", "mksh", "posh", "yash"]);
    expect(DIALECTS).toEqual(["nettools160", "busybox", "nettools2"]);
    expect(SHELL_PACKAGES).toEqual({
      dash: "dash",
      busybox: "busybox-static",
      bash: "bash",
      mksh: "mksh",
      posh: "posh",
      yash: "yash",
    });
  });

  it("are all installed here", () => {
    expect(missingShellsMessage(checkShells())).toBeUndefined();
  });

  it("names the packages to install when some are missing", () => {
    const msg = missingShellsMessage([
      {
        shell: "dash",
        present: true,
        hostPath: "/usr/bin/dash",
        aptPackage: "dash",
      },
      { shell: "busybox", present: false, aptPackage: "busybox-static" },
      { shell: "yash", present: false, aptPackage: "yash" },
    ]);
    expect(msg).toBe(
      "linuxrc sandbox: shell(s) not installed: busybox, yash. Install them with: apt-get install busybox-static yash",
    );
  });

  it("start /linuxrc in POSIX mode where the shell has one", () => {
    expect(shellArgv("dash")).toEqual(["/bin/dash", "/linuxrc"]);
    expect(shellArgv("busybox")).toEqual(["/bin/busybox", "sh", "/linuxrc"]);
    expect(shellArgv("bash")).toEqual(["/bin/bash", "--posix", "/linuxrc"]);
    expect(shellArgv("yash", true)).toEqual(["/bin/yash", "-o", "posixly-correct", "-x", "/linuxrc"]);
  });
});

describe("applet tracing", () => {
  // By path: `busybox sh` (FEATURE_SH_STANDALONE) runs an applet called by its bare name
  // inside busybox, without going through /bin, so only the other shells would trace `grep`.
  it("logs traced applets like stubs, without changing what they do or see", async () => {
    const script =
      "PATH=/usr/bin:/bin:/sbin\nexport PATH\numask 077\n" +
      "ifconfig eth0 | /bin/grep -c HWaddr\n/bin/sh -c 'echo \"$PATH $(umask)\"'\necho builtin\n/bin/sed q /dev/null\n";
    const runs = await runUnderAllShells(script, "nettools160", {
      traceApplets: ["grep", "sh", "sed", "echo"],
    });
    for (const shell of SHELLS) {
      const r = runs[shell];
      expect(r.stdout, where(r)).toBe("1\n/usr/bin:/bin:/sbin 0077\nbuiltin\n");
      // echo is a builtin in every shell: it never reaches /bin/echo.
      expect(r.trace.slice(2), where(r)).toEqual([`sh -c echo "$PATH $(umask)"`, "sed q /dev/null"]);
      expect([...r.trace.slice(0, 2)].sort(), where(r)).toEqual(["grep -c HWaddr", "ifconfig eth0"]);
    }
  });

  it("logs the members of a pipeline whole, though they log at the same time", async () => {
    // Each record must be one append: written piecemeal, concurrent records interleave.
    const pipeline =
      "/bin/cat /dev/null | /bin/sed -e 's/a/" + "b".repeat(300) + "/' | /bin/grep -e x | /bin/cut -c1 | /bin/tr a b\n";
    const r = await runLinuxrc(pipeline.repeat(30), {
      shell: "dash",
      dialect: "busybox",
      traceApplets: ["cat", "sed", "grep", "cut", "tr"],
    });
    const count = (tool: string, args: number) =>
      r.calls.filter((c) => c.tool === tool && c.args.length === args).length;
    expect(r.calls, where(r)).toHaveLength(150);
    expect([count("cat", 1), count("sed", 2), count("grep", 2), count("cut", 1), count("tr", 2)], where(r)).toEqual([
      30, 30, 30, 30, 30,
    ]);
  });

  it("refuses a name that is not a sandbox applet", async () => {
    await expect(
      runLinuxrc("true\n", {
        shell: "dash",
        dialect: "busybox",
        traceApplets: ["../sbin/ifconfig"],
      }),
    ).rejects.toThrow(/not one of the sandbox's busybox applets/);
  });
});

describe("busybox applet hiding", () => {
  const table = ["[", "[[", "acpid", "ifconfig", "ifdown", "insmod", "ionice", "mount", "mt", "umount", "uname"];
  const binary = Buffer.from(`\x7fELF...insmod\0...\0${table.join("\0")}\0usage text: insmod\0`, "latin1");

  it("renames the stubbed applets in the table only, keeping its order", () => {
    const out = hideApplets(binary, table, STUBBED_APPLETS).toString("latin1");
    expect(out).toContain("[\0[[\0acpid\0ifconfiG\0ifdown\0insmoD\0ionice\0mounT\0mt\0umounT\0uname\0");
    expect(out.startsWith("\x7fELF...insmod\0")).toBe(true);
    expect(out.endsWith("usage text: insmod\0")).toBe(true);
    expect(out.length).toBe(binary.length);
  });

  it("refuses a table that does not match the applet list", () => {
    expect(() => hideApplets(binary, ["[", "[[", "acpid", "nope"], ["insmod"])).toThrow(/mismatch/);
    expect(() => hideApplets(Buffer.from("nothing"), table, ["insmod"])).toThrow(/not found/);
  });

  it("lets bare tool names reach the stubs under every shell alike", async () => {
    // Under `busybox sh`, insmod and umount are NOEXEC applets that would run in the shell
    // itself, before any PATH lookup, if the sandbox's busybox still knew them.
    const script = "PATH=/sbin:/bin\ninsmod bonding\nifconfig bond0 up\nmount -t proc proc /proc\numount /proc\n";
    const runs = await runUnderAllShells(script, "busybox", { env: PATH_ENV });
    for (const shell of SHELLS) {
      const r = runs[shell];
      expect(r.trace, where(r)).toEqual([
        "insmod bonding",
        "ifconfig bond0 up",
        "mount -t proc proc /proc",
        "umount /proc",
      ]);
      expect(r.stderr, where(r)).toBe("");
    }
  });
});
