// `bondc build` of the cluster's client program writes one image for every client and each
// client's boot-loader entries, found by its first MAC and naming its node with bondc.node=NAME;
// the same inputs give the same bytes.
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bondc, ensureBuilt, stackTrace } from "../support/bondc.js";
import { repoRoot } from "../support/repo.js";
import { buildArgs, makeFixture, type Fixture } from "../image/fixtures.js";

const client = join(repoRoot, "examples/cluster/client.bond");
let f: Fixture;

beforeAll(() => {
  ensureBuilt();
  f = makeFixture();
});
afterAll(() => rmSync(f.dir, { recursive: true, force: true }));

const build = (out: string, extra: readonly string[] = []) => bondc(buildArgs(f, client, out, extra));

/** Every file under `dir`, relative to it, sorted. */
function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => relative(dir, join(d.parentPath, d.name)))
    .sort();
}

describe("bondc build of the cluster's client program", () => {
  it("writes the one image and every client's entries, each naming its node, the same bytes twice", () => {
    const [a, b] = [join(f.dir, "a"), join(f.dir, "b")];
    const r = build(a, ["--append", "console=ttyS0"]);
    expect(r.stderr).not.toMatch(stackTrace);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain("bondc: wrote 2 clients' boot-loader entries (13 files, each naming its node");
    expect(build(b, ["--append", "console=ttyS0"]).status).toBe(0);
    // node2 and node3, each by its first MAC and its address; node1 is the server and boots from its own disk.
    expect(files(a)).toEqual([
      "52-54-00-12-34-11.bpb",
      "52-54-00-12-34-11.ipxe",
      "52-54-00-12-34-21.bpb",
      "52-54-00-12-34-21.ipxe",
      "boot.ipxe",
      "grub.cfg-01-52-54-00-12-34-11",
      "grub.cfg-01-52-54-00-12-34-21",
      "grub.cfg-52-54-00-12-34-11",
      "grub.cfg-52-54-00-12-34-21",
      "initramfs.cpio.gz",
      "manifest.json",
      "pxelinux.cfg/01-52-54-00-12-34-11",
      "pxelinux.cfg/01-52-54-00-12-34-21",
      "pxelinux.cfg/0A00020F",
      "pxelinux.cfg/0A000210",
      "vmlinuz",
    ]);
    for (const name of files(a)) expect(readFileSync(join(b, name)), name).toEqual(readFileSync(join(a, name)));
    const node3 = readFileSync(join(a, "pxelinux.cfg/01-52-54-00-12-34-21"), "utf8");
    expect(node3).toContain("# bondc: node node3, boot NIC 52:54:00:12:34:21\n");
    expect(node3).toContain("  INITRD initramfs.cpio.gz\n  APPEND console=ttyS0 bondc.node=node3\n");
    // The unbonded fallback carries the node's own address from the inventory.
    expect(node3).toContain("ip=10.0.2.16:::255.255.255.0::eth0:off");
    expect(readFileSync(join(a, "52-54-00-12-34-11.ipxe"), "utf8")).toContain(
      "kernel vmlinuz console=ttyS0 bondc.node=node2\ninitrd initramfs.cpio.gz\n",
    );
  });

  it("refuses --mac, which names one node's NIC, before it builds anything", () => {
    const out = join(f.dir, "mac");
    const r = build(out, ["--mac", "52:54:00:12:34:56"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(
      "--mac names one node's NIC; the cluster's entries take each client's MAC from the inventory",
    );
  });
});
