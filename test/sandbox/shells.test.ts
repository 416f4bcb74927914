/** Shell lookup, how each shell is started, and why busybox's copy hides some applets. */
import { afterAll, describe, expect, it } from "vitest";
import { hideApplets } from "../support/sandbox/busybox-patch.js";
import {
  checkShells,
  cleanupSandbox,
  DIALECTS,
  missingShellsMessage,
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
    expect(shellArgv("yash", true)).toEqual([
      "/bin/yash",
      "-o",
      "posixly-correct",
      "-x",
      "/linuxrc",
    ]);
  });
});

describe("busybox applet hiding", () => {
  const table = [
    "[",
    "[[",
    "acpid",
    "ifconfig",
    "ifdown",
    "insmod",
    "ionice",
    "mount",
    "mt",
    "umount",
    "uname",
  ];
  const binary = Buffer.from(
    `\x7fELF...insmod\0...\0${table.join("\0")}\0usage text: insmod\0`,
    "latin1",
  );

  it("renames the stubbed applets in the table only, keeping its order", () => {
    const out = hideApplets(binary, table, STUBBED_APPLETS).toString("latin1");
    expect(out).toContain(
      "[\0[[\0acpid\0ifconfiG\0ifdown\0insmoD\0ionice\0mounT\0mt\0umounT\0uname\0",
    );
    expect(out.startsWith("\x7fELF...insmod\0")).toBe(true);
    expect(out.endsWith("usage text: insmod\0")).toBe(true);
    expect(out.length).toBe(binary.length);
  });

  it("refuses a table that does not match the applet list", () => {
    expect(() =>
      hideApplets(binary, ["[", "[[", "acpid", "nope"], ["insmod"]),
    ).toThrow(/mismatch/);
    expect(() =>
      hideApplets(Buffer.from("nothing"), table, ["insmod"]),
    ).toThrow(/not found/);
  });

  it("lets bare tool names reach the stubs under every shell alike", async () => {
    // Under `busybox sh`, insmod and umount are NOEXEC applets that would run in the shell
    // itself, before any PATH lookup, if the sandbox's busybox still knew them.
    const script =
      "PATH=/sbin:/bin\ninsmod bonding\nifconfig bond0 up\nmount -t proc proc /proc\numount /proc\n";
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
