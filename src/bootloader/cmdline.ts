import type { HandoffAction, Program, UpAction } from "../ir/ir.js";
import { kernelCommandLineToken } from "../semantic/domains/index.js";
import { nfsRootToken } from "../semantic/domains/boot-entry.js";
import type { Value } from "../semantic/types.js";
import { formatIpv4 } from "../syntax/literals.js";
import { BootEntryError, checked, type BootNode } from "./node.js";

/*
 * The kernel command lines of a node's boot entries, from its program's target and handoff.
 *
 * - linuxrc (the seed's legacy path): the kernel runs /linuxrc from the image initrd, which bonds
 *   and writes real-root-dev; then the kernel mounts the NFS root named by nfsroot= itself. `rw`,
 *   or the root is read-only. `root=/dev/sda` names a disk the diskless node lacks: nfsroot= alone
 *   would set real-root-dev to 0x00ff before /linuxrc runs, so a script that failed to hand over
 *   would still reach the root, unbonded; with root=/dev/sda only the script's handoff makes the
 *   kernel mount the NFS root (shared/notes/nfs-root.md, "Legacy path"). `ip=` configures the
 *   boot NIC as the firmware did before /linuxrc runs (left on the NIC once it is a slave, that
 *   address breaks the root mount: the notes' "ip= runs before /linuxrc").
 * - initramfs: /init does everything itself; the kernel needs only the initramfs's own parameters
 *   (console=, rdinit= when the image starts elsewhere than /init), which the caller gives.
 * - the unbonded fallback of both: no image, `rw root=/dev/nfs nfsroot=… ip=…`, the kernel
 *   mounting the root over the boot NIC (needs CONFIG_ROOT_NFS and CONFIG_IP_PNP, as the seed's
 *   bzImage had; Documentation/admin-guide/nfs/nfsroot.rst).
 */

export interface NodeInput {
  readonly name: string;
  /** The kernel's file name in the TFTP root. */
  readonly kernel: string;
  /** The image's file name in the TFTP root. */
  readonly initrd: string;
  /** The kernel of the unbonded entry (the seed's bzImage without an initrd); default `kernel`. */
  readonly unbondedKernel?: string;
  /** The boot NIC's MAC; default the bond's `hwaddr` when it is a literal. */
  readonly mac?: string;
  /** Tokens every entry's command line starts with (console=ttyS0, rdinit=…). */
  readonly append?: readonly string[];
  /** The node's own address, when the program reads it from the inventory (`discover node.address`). */
  readonly address?: string;
}

const constText = (v: Value | undefined): string | undefined => (v?.kind === "const" ? v.text : undefined);
/** A netmask as ip= takes it: dotted, also when the program wrote a prefix (/24). */
const dotted = (v: Value | undefined): string | undefined =>
  v?.kind === "const" && v.number !== undefined ? formatIpv4(v.number) : constText(v);

/** The `up` of the bond that carries the node's address: the first bond brought up with one. */
function bondUp(program: Program): UpAction | undefined {
  return program.actions.find(
    (a): a is UpAction => a.kind === "up" && program.bonds.has(a.iface) && a.address !== undefined,
  );
}

/**
 * `ip=client::gateway:netmask::device:off` (Documentation/admin-guide/nfs/nfsroot.rst) for a fixed
 * address, the boot NIC asking DHCP otherwise.
 */
function ipToken(up: UpAction | undefined, bootNic: string, client: string | undefined): string {
  const netmask = dotted(up?.netmask);
  if (client === undefined || netmask === undefined) return `ip=:::::${bootNic}:dhcp`;
  return `ip=${client}::${constText(up?.gateway) ?? ""}:${netmask}::${bootNic}:off`;
}

/** The boot entries' view of one compiled node; throws BootEntryError when the program cannot have them. */
export function bootNode(program: Program, input: NodeInput): BootNode {
  const handoff = program.actions.find((a): a is HandoffAction => a.kind === "handoff");
  const server = constText(handoff?.nfsServer);
  const path = constText(handoff?.nfsPath);
  if (handoff?.root.kind !== "nfs" || server === undefined || path === undefined)
    throw new BootEntryError(
      "the boot entries",
      "",
      'boot entries need `handoff nfs { server …  path "…" }` with literal values: the entries name the NFS root',
    );
  const up = bondUp(program);
  const mac = (input.mac ?? constText(up?.hwaddr))?.toLowerCase();
  if (mac === undefined)
    throw new BootEntryError(
      "the boot entries",
      "",
      "the boot NIC's MAC is not a literal in the program (no `hwaddr` on the bond): give it with --mac",
    );
  if (!/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/.test(mac))
    throw new BootEntryError(
      "the boot entries",
      mac,
      `${JSON.stringify(mac)} is not a MAC: six hex octets joined by \`:\``,
    );
  const bootNic = program.bootInterface ?? "eth0";
  const nfsroot = nfsRootToken(server, path, constText(handoff.nfsOptions));
  const address = constText(up?.address) ?? input.address;
  const ip = ipToken(up, bootNic, address);
  const append = input.append ?? [];
  const bonded = program.target.name === "linuxrc" ? [...append, "rw", "root=/dev/sda", nfsroot, ip] : [...append];
  const unbonded = [...append, "rw", "root=/dev/nfs", nfsroot, ip];
  const token = (t: string) => checked("a kernel command line", kernelCommandLineToken, t);
  return {
    name: input.name,
    mac,
    ...(address === undefined ? {} : { ip: address }),
    bonded: { kernel: input.kernel, initrd: input.initrd, cmdline: bonded.map(token) },
    unbonded: { kernel: input.unbondedKernel ?? input.kernel, cmdline: unbonded.map(token) },
  };
}
