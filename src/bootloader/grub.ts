import { grubWord, kernelCommandLineToken } from "../semantic/domains/index.js";
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
 * GRUB 2 network boot: GRUB looks for its configuration beside its image under names that carry
 * the client's MAC. Upstream GRUB tries grub.cfg-<mac with dashes>, then the IP forms, then
 * grub.cfg (GNU GRUB manual, "Network"; grub-core/net/net.c, grub_net_search_config_file()).
 * Fedora/RHEL's GRUB (and the distributions built on its patches) try grub.cfg-01-<mac>, the ARP
 * type first as PXELINUX does (Fedora grub2 patch "Try mac/guid/etc before grub.cfg on tftp config
 * files", grub-core/normal/main.c). They disagree, so the same file is written under both names.
 * Words are split as in a shell and `$ { } | & ; < >` and quotes mean GRUB syntax (GNU GRUB
 * manual, "Shell-like scripting"); `linux FILE ARGS…` and `initrd FILE` load the kernel and image,
 * a menuentry boots them when chosen (GNU GRUB manual, "linux", "initrd", "menuentry"). The
 * unbonded fallback is a second menu entry; `default=0` boots the bonded one.
 */

const FORMAT = "a GRUB configuration";

/** A file on the TFTP server as GRUB names it: from the root of the network device it booted from. */
const file = (name: string) => checked(FORMAT, grubWord, name.startsWith("/") ? name : `/${name}`);

function entry(title: EntryName, image: BootImage): string[] {
  const args = image.cmdline.map((t) => checked(FORMAT, grubWord, checked(FORMAT, kernelCommandLineToken, t)));
  return [
    `menuentry '${title}' {`,
    `  linux ${[file(image.kernel), ...args].join(" ")}`,
    ...(image.initrd === undefined ? [] : [`  initrd ${file(image.initrd)}`]),
    "}",
  ];
}

export function grubConfig(node: BootNode): string {
  return entriesFile(node, ["set default=0", "set timeout=0"], entry, "the second menu entry");
}

export function grubFiles(node: BootNode): BootFile[] {
  const content = grubConfig(node);
  const mac = macWithDashes(node.mac);
  return [
    { path: `grub.cfg-01-${mac}`, content },
    { path: `grub.cfg-${mac}`, content },
  ];
}
