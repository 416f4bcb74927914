import { violation, type Domain } from "../semantic/domains/index.js";

/*
 * What every boot-loader format is given: one node, the NIC it boots from, and two ways to boot
 * it, as the seed's bpbatch.bpb had them: the bonded entry (the kernel with the image that bonds
 * the NICs) and, beside it, the unbonded fallback (the kernel mounting the NFS root over the boot
 * NIC alone, no image).
 */

export interface BootImage {
  /** The kernel's file name as the boot loader fetches it (relative to the TFTP root). */
  readonly kernel: string;
  /** The initrd or initramfs, for the bonded entry; the fallback has none. */
  readonly initrd?: string;
  /** The kernel command line, one token each (checked against kernel-cmdline-token). */
  readonly cmdline: readonly string[];
}

export interface BootNode {
  /** A name for comments and labels (the .bond file's base name). */
  readonly name: string;
  /** The boot NIC's MAC: six lower-case hex octets joined by `:`. */
  readonly mac: string;
  /** The node's IPv4 address when it is fixed, for PXELINUX's hex-IP file name. */
  readonly ip?: string;
  readonly bonded: BootImage;
  readonly unbonded: BootImage;
}

/** One file of a TFTP root, relative to it ("pxelinux.cfg/01-52-54-00-12-34-56"). */
export interface BootFile {
  readonly path: string;
  readonly content: string;
}

/** A value a boot-loader format cannot hold as written; `format` says where it was going ("an iPXE script"). */
export class BootEntryError extends Error {
  constructor(
    readonly format: string,
    readonly value: string,
    message: string,
  ) {
    super(message);
    this.name = "BootEntryError";
  }
}

/**
 * Words already found inside each domain. A cluster's entries repeat most of their words (the
 * kernel, the image, nfsroot=, console=) from node to node and check each word once per format:
 * remembering them made 10,000 clients' entries several times faster (bench cluster). Domains are
 * pure tables, so a word once inside stays inside; the bound keeps a long process from growing.
 */
const accepted = new WeakMap<Domain, Set<string>>();
const ACCEPTED_LIMIT = 100_000;

/** `value` as it will be written into a `format` entry; throws BootEntryError when the domain refuses it. */
export function checked(format: string, domain: Domain, value: string): string {
  let seen = accepted.get(domain);
  if (seen?.has(value)) return value;
  const found = violation(domain, value);
  if (found)
    throw new BootEntryError(
      format,
      value,
      `${JSON.stringify(value)} cannot be written into ${format}: ${found.problem} ` +
        `(rule "${found.rule.name}" of ${domain.title.toLowerCase()}: ${found.rule.text} ${found.rule.source})`,
    );
  if (!seen) accepted.set(domain, (seen = new Set()));
  if (seen.size >= ACCEPTED_LIMIT) seen.clear();
  seen.add(value);
  return value;
}

/** The MAC with `-` between octets, as PXELINUX, GRUB and the iPXE script names spell it. */
export function macWithDashes(mac: string): string {
  return mac.toLowerCase().replace(/:/g, "-");
}

export type EntryName = "bonded" | "unbonded";

/**
 * A configuration in the shape every `#`-commented format shares: a header naming the node, the
 * format's own preamble, the bonded entry, and the unbonded fallback beside it.
 */
export function entriesFile(
  node: BootNode,
  preamble: readonly string[],
  entry: (name: EntryName, image: BootImage) => readonly string[],
  fallbackHow: string,
): string {
  return [
    `# bondc: node ${node.name}, boot NIC ${node.mac}`,
    ...preamble,
    "",
    "# For the channel-bonded node: the image bonds the NICs before the root is mounted.",
    ...entry("bonded", node.bonded),
    "",
    `# Unbonded fallback: the kernel mounts the NFS root over the boot NIC alone (${fallbackHow}).`,
    ...entry("unbonded", node.unbonded),
    "",
  ].join("\n");
}
