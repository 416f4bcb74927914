import { ipxeWord, kernelCommandLineToken } from "../semantic/domains/index.js";
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
 * iPXE scripts: a file that starts with `#!ipxe`, one command a line, arguments split at
 * whitespace, `${…}` expanded in every command, `:label` and `goto`, `&&` and `||`
 * (https://ipxe.org/scripting). `kernel FILE ARGS…` fetches the kernel and gives it ARGS as its
 * command line, `initrd FILE` adds the image, `boot` starts it (https://ipxe.org/cmd/kernel,
 * /cmd/initrd, /cmd/boot); relative names are fetched beside the script.
 *
 * Several nodes share one TFTP root: `boot.ipxe` (the DHCP boot file) chains to the script named
 * after the booting NIC's MAC, `${net0/mac:hexhyp}` (https://ipxe.org/cfg/mac: the hexhyp type
 * writes 52-54-00-12-34-56), so one dispatcher serves every node a build wrote. The node's script
 * boots the bonded entry; the unbonded fallback beside it runs when the setting `unbonded` is set
 * (`set unbonded 1` at the iPXE prompt, or a DHCP option), never by itself.
 */

const FORMAT = "an iPXE script";

const word = (w: string) => checked(FORMAT, ipxeWord, w);

function commands(name: EntryName, image: BootImage): string[] {
  const args = image.cmdline.map((t) => word(checked(FORMAT, kernelCommandLineToken, t)));
  return [
    ...(name === "unbonded" ? [":unbonded"] : []),
    ["kernel", word(image.kernel), ...args].join(" "),
    ...(image.initrd === undefined ? [] : [`initrd ${word(image.initrd)}`]),
    "boot",
  ];
}

/** The script of one node, named after its MAC. */
export function ipxeScript(node: BootNode): string {
  return `#!ipxe\n${entriesFile(node, ["isset ${unbonded} && goto unbonded ||"], commands, "with the setting `unbonded` set")}`;
}

/** The DHCP boot file: hands each node to its own script, by the MAC it booted from. */
export const IPXE_DISPATCH = "boot.ipxe";

export function ipxeDispatcher(): string {
  return [
    "#!ipxe",
    "# bondc: every node's script is named after its boot NIC's MAC (written by bondc build).",
    "chain ${net0/mac:hexhyp}.ipxe || echo no bondc entry for ${net0/mac}",
    "",
  ].join("\n");
}

export function ipxeFiles(node: BootNode): BootFile[] {
  return [
    { path: IPXE_DISPATCH, content: ipxeDispatcher() },
    { path: `${macWithDashes(node.mac)}.ipxe`, content: ipxeScript(node) },
  ];
}
