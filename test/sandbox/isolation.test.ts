/** The sandbox contains its scripts: time limits, no stray processes, no privileges, no host network. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  cleanupSandbox,
  findProcessesIn,
  getTemplate,
  KERNEL_ENV,
  OUTPUT_LIMIT,
  runLinuxrc,
  SHELLS,
} from "../support/sandbox/index.js";
import { where } from "./helpers.js";

afterAll(cleanupSandbox);

describe("time limit", () => {
  it("reports a script that halts by looping forever as timed out, under every shell, and leaves no process", async () => {
    // A "halt" failure policy: say why, then never return.
    const script = 'PATH=/sbin:/bin\necho "bonding failed: halting" >&2\nwhile :; do sleep 1; done\n';
    const runs = await Promise.all(
      SHELLS.map((shell) =>
        runLinuxrc(script, {
          shell,
          dialect: "busybox",
          // Long enough for the echo to happen on a loaded machine; the loop never ends anyway.
          timeoutMs: 5000,
          keepTree: true,
        }),
      ),
    );
    try {
      for (const r of runs) {
        expect(r.timedOut, where(r)).toBe(true);
        expect(r.exitCode).toBeNull();
        expect(r.stderr).toBe("bonding failed: halting\n");
        expect(r.strayProcesses).toBe(0);
        expect(findProcessesIn(r.tree ?? "/nonexistent")).toEqual([]);
      }
    } finally {
      await cleanupSandbox();
    }
  });

  it("kills a busy loop that ignores signals, and a flood of output is cut", async () => {
    const busy = await runLinuxrc("trap '' INT TERM HUP\nwhile :; do :; done", {
      shell: "bash",
      dialect: "busybox",
      timeoutMs: 800,
    });
    expect(busy.timedOut).toBe(true);
    // Twice the limit, then a normal exit: the cut does not depend on how fast the flood runs.
    const lines = Math.ceil((2 * OUTPUT_LIMIT) / 17);
    const flood = await runLinuxrc(`i=0\nwhile [ $i -lt ${lines} ]; do echo 0123456789abcdef; i=$((i + 1)); done`, {
      shell: "dash",
      dialect: "busybox",
    });
    expect([flood.timedOut, flood.exitCode]).toEqual([false, 0]);
    expect(flood.stdout.length).toBeLessThanOrEqual(OUTPUT_LIMIT + 100);
    expect(flood.stdout).toMatch(/\[sandbox: output cut\]\n$/);
  });

  it("ends background jobs with the script (pid 1 of the namespace exits)", async () => {
    const r = await runLinuxrc("(while :; do sleep 1; done) &\nsleep 1000 &\necho started", {
      shell: "dash",
      dialect: "busybox",
      timeoutMs: 30_000,
    });
    // Not timed out (the limit is 30 s, generous for a loaded machine) means the run did not wait for the background jobs; no
    // wall-clock assertion needed.
    expect(r.timedOut).toBe(false);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe("started\n");
    expect(r.strayProcesses).toBe(0);
  });

  it("leaves no process in any sandbox tree", async () => {
    await runLinuxrc("true", { shell: "dash", dialect: "busybox" });
    const { base } = await getTemplate();
    expect(findProcessesIn(base)).toEqual([]);
  });
});

describe("environment", () => {
  it("is empty unless given (no HOME, TERM; the shell's own defaults only)", async () => {
    for (const shell of SHELLS) {
      const r = await runLinuxrc("/bin/env", { shell, dialect: "busybox" });
      expect(r.stdout, where(r)).not.toMatch(/^(HOME|TERM)=/m);
      const k = await runLinuxrc("/bin/env", {
        shell,
        dialect: "busybox",
        env: { ...KERNEL_ENV },
      });
      expect(k.stdout, where(k)).toMatch(/^HOME=\/$/m);
      expect(k.stdout, where(k)).toMatch(/^TERM=linux$/m);
    }
  });

  it("has /dev/null, an empty /proc before mount, /tmp, and a /dev/console the run reports", async () => {
    const r = await runLinuxrc(
      "echo x > /dev/null && echo null-ok\n/bin/ls -A /proc | /bin/wc -l\necho hello > /tmp/f && /bin/cat /tmp/f\necho to-console > /dev/console\n",
      { shell: "dash", dialect: "busybox" },
    );
    expect(r.stdout).toBe("null-ok\n0\nhello\n");
    expect(r.console).toBe("to-console\n");
  });
});

describe("privileges", () => {
  it("runs as a root without capabilities: no chroot escape, no module loading, template files read-only", async () => {
    const r = await runLinuxrc(
      [
        "/bin/busybox chroot / /bin/true; echo chroot=$?",
        "/bin/busybox mknod /tmp/sda b 8 0; echo mknod=$?",
        "echo x >> /sbin/ifconfig; echo stub=$?",
        "echo x > /bin/busybox; echo busybox=$?",
        "/bin/busybox insmod /dev/null; echo insmod=$?",
        "/bin/busybox id -u",
      ].join("\n"),
      { shell: "dash", dialect: "busybox" },
    );
    expect(r.stdout).toBe("chroot=1\nmknod=1\nstub=2\nbusybox=2\ninsmod=127\n0\n");
    expect(r.stderr).toContain("chroot: can't change root directory to '/': Operation not permitted");
    expect(r.stderr).toContain("insmod: applet not found");
    // The shared template is intact: the next run's stubs still work.
    const { template } = await getTemplate();
    expect(readFileSync(join(template, "sbin/ifconfig"), "utf8")).not.toMatch(/^x$/m);
    const next = await runLinuxrc("/sbin/ifconfig eth0 >/dev/null; echo rc=$?", { shell: "dash", dialect: "busybox" });
    expect(next.stdout).toBe("rc=0\n");
  });

  it("has its own network namespace: only a down lo, nothing of the host", async () => {
    const r = await runLinuxrc("/bin/busybox ip -o link", {
      shell: "dash",
      dialect: "busybox",
    });
    const lines = r.stdout.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^1: lo: <LOOPBACK>/);
  });
});
