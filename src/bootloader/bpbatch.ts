import { bpbatchString, kernelCommandLineToken } from "../semantic/domains/index.js";
import { checked, macWithDashes, type BootFile, type BootImage, type BootNode } from "./node.js";

/*
 * BpBatch, the seed's boot loader (its step 3, /tftpboot/bpbatch.bpb). Written from its documented
 * syntax only: no BpBatch runs today (it is a DOS-era PXE program, unmaintained), so nothing here
 * is booted by a test. `linuxboot "KERNEL" "COMMAND LINE" "INITRD"` boots a Linux kernel, every
 * argument a double-quoted string; `set CacheNever="ON"` keeps BpBatch from caching the images;
 * `#` starts a comment (Linux Remote-Boot mini-HOWTO v3.19, section 5, the BpBatch reference). The
 * file copies the seed's shape: the bonded line, and the unbonded one beside it commented out, as
 * the seed had `#linuxboot "/tftpboot/bzImage" "nfsroot=192.168.1.101"`.
 */

const FORMAT = "a BpBatch script";

const quoted = (s: string) => `"${checked(FORMAT, bpbatchString, s)}"`;

function linuxboot(image: BootImage): string {
  const cmdline = image.cmdline.map((t) => checked(FORMAT, kernelCommandLineToken, t)).join(" ");
  return [
    "linuxboot",
    quoted(image.kernel),
    quoted(cmdline),
    ...(image.initrd === undefined ? [] : [quoted(image.initrd)]),
  ].join(" ");
}

export function bpbatchScript(node: BootNode): string {
  return [
    `# bondc: node ${node.name}, boot NIC ${node.mac}`,
    'set CacheNever="ON"',
    "#",
    "# For channel bonded clients",
    linuxboot(node.bonded),
    "#",
    "# For non-bonded clients",
    `#${linuxboot(node.unbonded)}`,
    "",
  ].join("\n");
}

export function bpbatchFiles(node: BootNode): BootFile[] {
  return [{ path: `${macWithDashes(node.mac)}.bpb`, content: bpbatchScript(node) }];
}
