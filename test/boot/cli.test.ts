// `bondc boot` as a user runs it: a real process, a real QEMU boot, the report on stdout and the
// progress on stderr. The two boots run side by side; everything else never starts QEMU.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { fetchBusybox } from "../../src/image/packages.js";
import { bondc, cliPath, ensureBuilt, type RunResult } from "../support/bondc.js";
import { repoRoot } from "../support/repo.js";

beforeAll(async () => {
  ensureBuilt();
  // Warm the package cache here, so a first run's download is not charged to a test's timeout.
  await fetchBusybox();
});

/** Like bondc() but without blocking, so two boots can share the machine's two cores. */
function bondcAsync(args: readonly string[]): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

/** The report with its timings (which vary from boot to boot) replaced by `N`. */
const stable = (report: string) => report.replace(/\d+ ms/g, "N ms");

describe.concurrent("bondc boot FILE", () => {
  it("boots examples/seed-quickstart.bond's image initrd on the legacy kernel to its NFS root, judges every field (exit 0)", async () => {
    const r = await bondcAsync(["boot", "examples/seed-quickstart.bond"]);
    expect(r.stderr).toContain("bondc: compiled examples/seed-quickstart.bond; scenario default: ");
    expect(r.stderr).toMatch(
      /^bondc: booting scenario default \(\d+\.\d MB image initrd, legacy kernel, NFS root \/srv\/nfsroot\)…$/m,
    );
    expect(stable(r.stdout)).toBe(
      [
        "bondc boot examples/seed-quickstart.bond (scenario default)",
        "  root        nfs from 192.168.1.2:/srv/nfsroot, reported by its own /sbin/init",
        "  bond0       up, mode balance-rr, miimon 0, slaves eth0 eth1",
        "              MAC 00:90:27:e0:30:51, IPv4 192.168.1.105 netmask 255.255.255.0 brd 192.168.1.255",
        "  lo          up, IPv4 127.0.0.1/8, not enslaved",
        "  route       no default route",
        "  file on /   written, read back, and on the server",
        "  timing      power-on to the bond up (the handoff step) N ms; to the NFS root's init N ms; whole run N ms",
        "  prediction  ✓ the NFS root reports the state bondc predicted",
        "",
      ].join("\n"),
    );
    expect(r.status).toBe(0);
  }, 600_000);
});

describe("bondc boot without a boot", () => {
  it("a file with errors: diagnostics as bondc compile prints them, exit 1, QEMU never started", () => {
    const dir = mkdtempSync(join(tmpdir(), "bondc-boot-cli-"));
    const file = join(dir, "broken.bond");
    writeFileSync(
      file,
      'target linuxrc { kernel "2.6.32"  tools net-tools  boot eth0 }\niface eth0\nup bond7 { address 10.0.2.15 }\n',
    );
    const r = bondc(["boot", file]);
    const compiled = bondc(["compile", file]);
    rmSync(dir, { recursive: true });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("error[BOND0301]: bond7 is configured before the bonding module is loaded");
    // The same diagnostics as `bondc compile`, then a last line that says why nothing booted.
    expect(r.stderr).toBe(compiled.stderr.replace(/\n$/, "; nothing to boot\n"));
    expect(r.stderr).not.toContain("booting");
    expect(r.stdout).toBe("");
  });

  it.each([
    [[], "bondc: boot takes exactly one FILE"],
    [["a.bond", "b.bond"], "bondc: boot takes exactly one FILE"],
    [["no-such-file.bond"], "bondc: cannot read no-such-file.bond: no such file"],
    [
      ["examples/seed-general.bond", "--scenario", "sunny"],
      "bondc: unknown scenario `sunny`; scenarios: default, failover, no-eth1, server-late, enslave-refused",
    ],
    [["examples/seed-general.bond", "--nics", "5"], "bondc: --nics 5: the guest has 1 to 4 NICs"],
    [
      ["examples/seed-general.bond", "--boot-nic", "wlan0"],
      "bondc: --boot-nic wlan0: name one of the guest's NICs, eth0 to eth3",
    ],
    [
      ["examples/seed-general.bond", "--boot-nic", "eth2", "--nics", "2"],
      "bondc: --boot-nic eth2 needs --nics 3 or more",
    ],
    [
      ["examples/initramfs-active-backup.bond", "--boot-nic", "eth1"],
      "bondc: --boot-nic is for `target linuxrc`: before an initramfs /init no NIC is configured",
    ],
    [
      ["examples/seed-general.bond", "--modules", "/tmp"],
      "bondc: --modules goes with --kernel (the modules must match the kernel they are loaded into)",
    ],
    [
      ["examples/seed-general.bond", "--kernel", "/no/vmlinuz"],
      "bondc: --kernel /no/vmlinuz: no such file or directory",
    ],
    [
      ["examples/seed-general.bond", "--bogus"],
      "bondc: Unknown option '--bogus'. To specify a positional argument starting with a '-', place it at the end of the command after '--', as in '-- \"--bogus\"",
    ],
  ])("bondc boot %j: usage error, exit 2", (args, message) => {
    const r = bondc(["boot", ...args]);
    expect(r.stderr.trim().split("\n")[0]).toBe(message);
    expect(r.status).toBe(2);
  });

  it("without QEMU on PATH: says which package to install, exit 2", () => {
    // node itself is started by absolute path; only the harness's tools are looked up on PATH.
    const r = bondc(["boot", "examples/seed-general.bond"], { env: { PATH: "/nonexistent" } });
    expect(r.stderr).toContain(
      "bondc: qemu-system-x86_64 not found on this machine: install it with `apt-get install qemu-system-x86`",
    );
    expect(r.status).toBe(2);
  });
});
