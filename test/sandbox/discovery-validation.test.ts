import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { extractField } from "../../src/toolsets/ifconfig/output.js";
import type { DiscoverField } from "../../src/semantic/types.js";
import { parseIpv4 } from "../../src/semantic/literals.js";
import { cmd, v, word, type Statement } from "../../src/sh/ast.js";
import { printScript } from "../../src/sh/printer.js";
import { cleanupSandbox, runLinuxrc } from "../support/sandbox/index.js";

/*
 * Values read at boot are checked by the script before any use: the discovery code, run in the
 * sandbox on thousands of ifconfig lines, accepts exactly the well-formed values (IPv4: four
 * octets from 0 to 255 without leading zeros; MAC: six two-digit hex octets) and hands every
 * other one to the failure policy.
 */

afterAll(cleanupSandbox);

const ipv4Like = fc.oneof(
  fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((o) => o.join(".")),
  fc.array(fc.constantFrom(..."0123456789."), { minLength: 0, maxLength: 17 }).map((c) => c.join("")),
  fc.tuple(fc.nat(1100), fc.nat(300), fc.constantFrom("", "0", "00"), fc.nat(999)).map(([a, b, z, c]) => `${a}.${b}.${z}${c}.1`),
);
const macLike = fc.oneof(
  fc.array(fc.nat(255), { minLength: 6, maxLength: 6 }).map((o) => o.map((x) => x.toString(16).padStart(2, "0")).join(":")),
  fc.array(fc.constantFrom(..."0123456789abcdefABCDEF:"), { maxLength: 19 }).map((c) => c.join("")),
);
const macPattern = /^[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}$/;

/** A script that reads `field` out of one ifconfig line per candidate and prints what it decided. */
function script(field: DiscoverField, lines: readonly string[]): string {
  const out: Statement[] = [];
  lines.forEach((line, i) => {
    out.push({ kind: "assign", variable: "src", value: word(line) }, cmd("echo", `= ${i}`));
    out.push(...extractField("src", "val", field, cmd("echo", "refused")));
    out.push(cmd("echo", word("read ", v("val"))));
  });
  return printScript(out).text;
}

/** For each candidate: the value read, or undefined when the script refused it. */
function decisions(stdout: string): (string | undefined)[] {
  return stdout
    .split(/^= \d+\n/m)
    .slice(1)
    .map((block) => (block.startsWith("refused\n") ? undefined : /^read (.*)\n$/.exec(block)?.[1]));
}

/** The sample reaches both answers often enough to mean something. */
function bothSides(expected: readonly (string | undefined)[]): void {
  expect(expected.filter((e) => e === undefined).length).toBeGreaterThan(200);
  expect(expected.filter((e) => e !== undefined).length).toBeGreaterThan(200);
}

describe("discovered values are validated before use", () => {
  it.each([
    ["inet", "net-tools 1.60 / busybox", (c: string) => `          inet addr:${c}  Bcast:192.168.1.255  Mask:255.255.255.0`],
    ["inet", "net-tools 2.x", (c: string) => `        inet ${c}  netmask 255.255.255.0  broadcast 192.168.1.255`],
    ["netmask", "net-tools 1.60 / busybox", (c: string) => `          inet addr:10.0.0.1  Bcast:10.0.0.255  Mask:${c}`],
  ] as const)("%s in %s output: exactly the valid IPv4 addresses are read", async (field, _, line) => {
    const candidates = fc.sample(ipv4Like, { numRuns: 1500, seed: 42 });
    const run = await runLinuxrc(script(field, candidates.map(line)), { shell: "dash", dialect: "nettools160" });
    expect(run.exitCode).toBe(0);
    const expected = candidates.map((c) => (parseIpv4(c).ok ? c : undefined));
    expect(decisions(run.stdout)).toEqual(expected);
    bothSides(expected);
  }, 60_000);

  it.each([
    ["net-tools 1.60 / busybox", (c: string) => `eth0      Link encap:Ethernet  HWaddr ${c}  `],
    ["net-tools 2.x", (c: string) => `        ether ${c}  txqueuelen 1000  (Ethernet)`],
  ] as const)("hwaddr in %s output: exactly the well-formed MACs are read", async (_, line) => {
    const candidates = fc.sample(macLike, { numRuns: 1500, seed: 43 });
    const run = await runLinuxrc(script("hwaddr", candidates.map(line)), { shell: "dash", dialect: "nettools160" });
    expect(run.exitCode).toBe(0);
    const expected = candidates.map((c) => (macPattern.test(c) ? c : undefined));
    expect(decisions(run.stdout)).toEqual(expected);
    bothSides(expected);
  }, 60_000);
});
