// The console parser on hand-made logs: noise between markers, output without a final newline,
// a report cut short. (Real consoles are covered by the boot tests.)
import { describe, expect, it } from "vitest";
import { observeRoot, parseConsole, prefixToNetmask } from "../../src/boot/observe.js";
import { downloadError } from "../../src/image/packages.js";

const at = (texts: string[]) => texts.map((text, i) => ({ t: i * 100, text }));

describe("console parser", () => {
  it("keeps section bodies, ignores kernel noise and firmware escapes", () => {
    const p = parseConsole(
      at([
        "\x1b[2J\x1b[01;01HSeaBIOS (version 1.16.2-debian-1.16.2-1)",
        "@@bondc:root-init",
        "@@bondc:begin routes",
        "@@| insmod: bonding: no module by that name found",
        "[    2.1] bond0: a kernel message that passed `quiet`",
        "@@| ",
        "@@| second line\r",
        "@@bondc:end routes",
      ]),
    );
    expect(p.sections["routes"]).toBe("insmod: bonding: no module by that name found\n\nsecond line");
    expect(p.events.map((e) => e.name)).toEqual(["root-init"]);
  });

  it("splits an end marker that landed on the body's last line (output without final newline)", () => {
    const p = parseConsole(at(["@@bondc:begin links", "@@| partial@@bondc:end links", "@@bondc:done"]));
    expect(p.sections["links"]).toBe("partial");
    expect(p.events.map((e) => e.name)).toEqual(["done"]);
  });

  it("times the bond up at the script's handoff step and the root's init at its first marker", () => {
    const o = observeRoot({
      scenario: "unit",
      totalMs: 900,
      lines: at([
        "bondc: seed-general.bond:22: enslave eth1 to bond0",
        "bondc: seed-general.bond:24: hand the root over to NFS (real-root-dev 0x00ff)",
        "bondc: seed-general.bond: done",
        "@@bondc:root-init",
        "@@bondc:done",
      ]),
    });
    expect(o.timings).toEqual({ bondUpMs: 100, rootInitMs: 300, totalMs: 900 });
  });

  it("converts prefixes to netmasks", () => {
    expect([0, 8, 24, 25, 32].map(prefixToNetmask)).toEqual([
      "0.0.0.0",
      "255.0.0.0",
      "255.255.255.0",
      "255.255.255.128",
      "255.255.255.255",
    ]);
  });
});

describe("package errors", () => {
  it("tells the user to run apt-get update when a download fails on stale lists", () => {
    const e = downloadError(
      "linux-image-6.1.0-56-cloud-amd64",
      "E: Failed to fetch http://deb.debian.org/x.deb  404  Not Found [IP: 1.2.3.4 80]\n",
    );
    expect(e.message).toMatch(/apt-get download linux-image-6\.1\.0-56-cloud-amd64 failed/);
    expect(e.message).toMatch(/run `apt-get update`/);
    expect(downloadError("x", "E: Temporary failure resolving 'deb.debian.org'\n").message).not.toMatch(
      /apt-get update/,
    );
  });
});
