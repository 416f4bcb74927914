import { describe, expect, it } from "vitest";
import { compile } from "../../src/api/compile.js";
import { predictEndState } from "../../src/api/predict.js";

/*
 * A linuxrc hands the NFS root over through /proc/sys/kernel/nfs-root-name, which the kernel reads
 * like nfsroot=: `path[,options]`. The handoff's mount options go there, never silently nowhere.
 */

const node = (handoff: string) =>
  [
    'target linuxrc { kernel "2.6.32"  tools net-tools  boot eth0 }',
    "iface eth0, eth1",
    "load bonding mode=active-backup miimon=100",
    "up bond0 { address 10.0.2.15  netmask /24 }",
    "down eth0, eth1",
    "enslave eth0, eth1 to bond0",
    "mount proc",
    handoff,
  ].join("\n") + "\n";

describe("the linuxrc NFS handoff", () => {
  it("writes the mount options after the path in nfs-root-name, and predicts that value", () => {
    const result = compile(
      node('handoff nfs { server 10.0.2.2  path "/srv/nfsroot"  options "nfsvers=3,tcp" }'),
      "n.bond",
    );
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(result.script).toContain("echo /srv/nfsroot,nfsvers=3,tcp > /proc/sys/kernel/nfs-root-name");
    expect(predictEndState(result).nfsRootName).toBe("/srv/nfsroot,nfsvers=3,tcp");
  });

  it("writes the path alone when there are no options", () => {
    const result = compile(node('handoff nfs { server 10.0.2.2  path "/srv/nfsroot" }'), "n.bond");
    expect(result.script).toContain("echo /srv/nfsroot > /proc/sys/kernel/nfs-root-name");
    expect(predictEndState(result).nfsRootName).toBe("/srv/nfsroot");
  });
});
