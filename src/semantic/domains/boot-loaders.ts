import {
  forbids,
  isSpace,
  isUnprintable,
  maxBytes,
  nonEmpty,
  type Domain,
  type DomainRule,
  type LiteralDomain,
} from "./domain.js";

/*
 * Values written into boot-loader entries (src/bootloader/): the kernel and initrd paths and the
 * words of the kernel command line. The handoff's `server:path,options` reaches every format as
 * nfsroot=, so those literals are checked against each format's domain at compile time
 * (boot-entry.ts, BOND0216); file names and extra words given to `bondc build` are checked there.
 */

const printable = (source: string): DomainRule =>
  forbids("printable ASCII", isUnprintable, "Printable ASCII only.", source, "which the entry cannot hold as written");
const noSpace = (text: string, source: string): DomainRule =>
  forbids("no whitespace", isSpace, text, source, "where the boot loader would split the word");

export const pxelinuxField: Domain = {
  id: "pxelinux-field",
  title: "PXELINUX entry fields",
  noun: "PXELINUX entry field",
  consumers: "the KERNEL and INITRD file names in pxelinux.cfg/* (APPEND words are kernel command-line tokens)",
  rules: [
    nonEmpty("Not empty.", "syslinux.cfg(5)"),
    maxBytes(
      127,
      "At most 127 bytes: PXELINUX generally requires full file path names of 127 characters or less.",
      "pxelinux(1) (doc/pxelinux.txt)",
    ),
    noSpace(
      "No whitespace: a keyword's argument ends at whitespace, and the words after a KERNEL file name are passed as options.",
      "syslinux.cfg(5), KERNEL and APPEND",
    ),
    forbids(
      "no comma",
      ",",
      "No `,`: INITRD and initrd= take a comma-separated list of files.",
      "syslinux.cfg(5), INITRD",
      "which separates initrd files",
    ),
    printable("syslinux.cfg(5): the file is read line by line as text"),
  ],
};

export const ipxeWord: LiteralDomain = {
  id: "ipxe-word",
  title: "iPXE script words",
  noun: "iPXE word",
  consumers: "the arguments of iPXE's kernel, initrd and imgargs commands",
  code: "BOND0216",
  rules: [
    nonEmpty("Not empty.", "ipxe.org/scripting"),
    noSpace(
      "No whitespace: iPXE splits a command line into arguments at whitespace.",
      "ipxe.org/cmdline; iPXE src/core/exec.c, split_command()",
    ),
    forbids(
      "no $",
      "$",
      "No `$`: iPXE expands settings written `${name}` in every command.",
      "ipxe.org/settings; iPXE src/core/exec.c, expand_settings()",
      "which starts an iPXE setting expansion",
    ),
    forbids(
      "no & or |",
      "&|",
      "No `&` or `|`: `&&` and `||` are iPXE's command operators.",
      "ipxe.org/scripting (flow control)",
      "which iPXE reads as a command operator",
    ),
    printable("ipxe.org/scripting: scripts are plain text"),
  ],
};

export const grubWord: LiteralDomain = {
  id: "grub-word",
  title: "GRUB 2 words",
  noun: "GRUB word",
  consumers: "the arguments of linux and initrd in grub.cfg menu entries",
  code: "BOND0216",
  rules: [
    nonEmpty("Not empty.", "GRUB manual, Shell-like scripting"),
    noSpace("No whitespace, which separates words.", "GRUB manual, Shell-like scripting"),
    forbids(
      "no metacharacters",
      "{}|&$;<>",
      "None of GRUB's metacharacters `{ } | & $ ; < >`, which separate words or expand variables.",
      "GRUB manual, Shell-like scripting (metacharacters)",
      "which is a GRUB metacharacter",
    ),
    forbids(
      "no quotes or backslash",
      "'\"\\",
      "No `'`, `\"` or `\\`, which GRUB reads as quoting and removes.",
      "GRUB manual, Shell-like scripting (quoting)",
      "which GRUB reads as quoting",
    ),
    {
      name: "no leading #",
      text: "Does not start with `#`, which starts a comment.",
      source: "GRUB manual, Shell-like scripting (comments)",
      check: (v) => (v.startsWith("#") ? "it starts with `#`, which starts a GRUB comment" : undefined),
    },
    printable("GRUB manual, Shell-like scripting"),
  ],
};

export const bpbatchString: LiteralDomain = {
  id: "bpbatch-string",
  title: "BpBatch string arguments",
  noun: "BpBatch string",
  consumers: "the double-quoted arguments of BpBatch's Linux boot commands in a .bpb script",
  code: "BOND0216",
  rules: [
    forbids(
      "no double quote",
      '"',
      'No `"`: BpBatch arguments are written in double quotes, and the manual gives no escape for one.',
      "Linux Remote-Boot mini-HOWTO v3.19, section 5 (BpBatch reference manual)",
      "which ends a BpBatch string",
    ),
    printable("Linux Remote-Boot mini-HOWTO v3.19, section 5: scripts are DOS text files"),
  ],
};
