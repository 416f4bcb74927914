import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bootEntries, BootEntryError, type BootImage, type BootNode } from "../../src/bootloader/index.js";
import {
  bpbatchString,
  grubWord,
  ipxeWord,
  kernelCommandLineToken,
  pxelinuxField,
  violation,
  type Domain,
} from "../../src/semantic/domains/index.js";
import { stringContent } from "../domains/programs.js";
import { readAll } from "./parse.js";

/*
 * Every boot-entry value bondc accepts arrives unchanged: entries written from generated nodes are
 * read back the way each boot loader reads them and compared with what was given. Every value
 * outside a format's domain is refused (BootEntryError) and nothing is written.
 */

const inAll = (domains: readonly Domain[], v: string) => domains.every((d) => violation(d, v) === undefined);
/** GRUB fetches relative names from the root of the TFTP server it booted from. */
const grubName = (name: string) => (name.startsWith("/") ? name : `/${name}`);
const fileOk = (name: string) =>
  inAll([pxelinuxField, ipxeWord, bpbatchString], name) && inAll([grubWord], grubName(name));
const tokenOk = (t: string) => inAll([kernelCommandLineToken, ipxeWord, grubWord], t);
const imageOk = (i: BootImage) =>
  fileOk(i.kernel) && (i.initrd === undefined || fileOk(i.initrd)) && i.cmdline.every(tokenOk);

const plain = (alphabet: string, min: number, max: number) =>
  fc.array(fc.constantFrom(...alphabet), { minLength: min, maxLength: max }).map((cs) => cs.join(""));
const word = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.";
/** Mostly plain values, so that whole nodes are accepted often; sometimes any string-literal text. */
const fileName = fc.oneof(
  { weight: 30, arbitrary: plain(`${word}/`, 1, 20).filter((s) => !s.startsWith("/")) },
  { weight: 10, arbitrary: plain(word, 1, 20).map((s) => `/tftpboot/${s}`) },
  { weight: 1, arbitrary: stringContent(1, 20) },
);
const token = fc.oneof(
  { weight: 30, arbitrary: plain(`${word}=,:/`, 1, 24) },
  { weight: 10, arbitrary: plain(`${word}/,`, 0, 40).map((s) => `nfsroot=10.0.2.2:/srv/${s}`) },
  { weight: 1, arbitrary: stringContent(0, 24) },
);
const bootImage = (initrd: boolean): fc.Arbitrary<BootImage> =>
  fc.record({
    kernel: fileName,
    ...(initrd ? { initrd: fileName } : {}),
    cmdline: fc.array(token, { minLength: 0, maxLength: 6 }),
  });
const node: fc.Arbitrary<BootNode> = fc.record({
  name: fc.constant("node"),
  mac: fc
    .array(fc.nat(255), { minLength: 6, maxLength: 6 })
    .map((o) => o.map((x) => x.toString(16).padStart(2, "0")).join(":")),
  ip: fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((o) => o.join(".")),
  bonded: bootImage(true),
  unbonded: bootImage(false),
});

describe("boot entries", () => {
  it("carry every accepted value unchanged and refuse every other", () => {
    let accepted = 0;
    let refused = 0;
    fc.assert(
      fc.property(node, (n) => {
        const ok = imageOk(n.bonded) && imageOk(n.unbonded);
        if (!ok) {
          refused++;
          expect(() => bootEntries([n])).toThrow(BootEntryError);
          return;
        }
        accepted++;
        const files = bootEntries([n]);
        const read = readAll(files);
        // PXELINUX twice (MAC and hex IP), iPXE, GRUB twice, BpBatch.
        expect(read.length).toBe(6);
        for (const { path, read: r } of read) {
          const expected = (i: BootImage) =>
            path.startsWith("grub.cfg-")
              ? { ...i, kernel: grubName(i.kernel), ...(i.initrd ? { initrd: grubName(i.initrd) } : {}) }
              : i;
          expect(r.bonded, path).toEqual(expected(n.bonded));
          expect(r.unbonded, path).toEqual(expected(n.unbonded));
        }
      }),
      { numRuns: 3000 },
    );
    expect(accepted).toBeGreaterThan(300);
    expect(refused).toBeGreaterThan(300);
  });
});
