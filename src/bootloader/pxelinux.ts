import { kernelCommandLineToken, pxelinuxField } from "../semantic/domains/index.js";
import {
  checked,
  entriesFile,
  macWithDashes,
  type BootFile,
  type BootImage,
  type BootNode,
  type EntryName,
} from "./node.js";

/*
 * PXELINUX (syslinux): pxelinux.0 looks for its configuration in pxelinux.cfg/, first under the
 * boot NIC's ARP type and MAC in lower-case hex with dashes (01-88-99-aa-bb-cc-dd), then under
 * its IPv4 address in upper-case hex (192.0.2.91 → C000025B), then shorter prefixes of that, then
 * `default` (pxelinux(1), doc/pxelinux.txt, "HOW TO CONFIGURE PXELINUX"). The same file is
 * written under both names. Keywords are case-insensitive; KERNEL, INITRD and APPEND take the
 * rest of their line; DEFAULT names the LABEL booted when PROMPT 0 shows no prompt
 * (syslinux.cfg(5)). The unbonded fallback is a second LABEL, bootable by name at the prompt.
 */

const FORMAT = "a PXELINUX entry";

/** The hex-IP file name: each octet as two upper-case hex digits. */
export function hexIp(ip: string): string {
  return ip
    .split(".")
    .map((o) => Number(o).toString(16).toUpperCase().padStart(2, "0"))
    .join("");
}

function label(name: EntryName, image: BootImage): string[] {
  const append = image.cmdline.map((t) => checked(FORMAT, kernelCommandLineToken, t)).join(" ");
  return [
    `LABEL ${name}`,
    `  KERNEL ${checked(FORMAT, pxelinuxField, image.kernel)}`,
    ...(image.initrd === undefined ? [] : [`  INITRD ${checked(FORMAT, pxelinuxField, image.initrd)}`]),
    ...(append === "" ? [] : [`  APPEND ${append}`]),
  ];
}

/** The configuration file of one node. */
export function pxelinuxConfig(node: BootNode): string {
  return entriesFile(node, ["DEFAULT bonded", "PROMPT 0"], label, "type `unbonded` at a prompt");
}

export function pxelinuxFiles(node: BootNode): BootFile[] {
  const content = pxelinuxConfig(node);
  return [
    { path: `pxelinux.cfg/01-${macWithDashes(node.mac)}`, content },
    ...(node.ip === undefined ? [] : [{ path: `pxelinux.cfg/${hexIp(node.ip)}`, content }]),
  ];
}
