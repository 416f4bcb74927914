import { forbids, maxBytes, nonEmpty, type LiteralDomain } from "./domain.js";

/*
 * Values an inventory row carries to the node and to its boot entry. A node's name travels on the
 * kernel command line (bondc.node=NAME), names its boot-entry files and appears in the server's
 * report of the nodes still missing: the strictest of these consumers is a host name label.
 */

export const nodeName: LiteralDomain = {
  id: "node-name",
  title: "Node names",
  noun: "node name",
  consumers:
    "the kernel command line of the node's boot entry (bondc.node=NAME), the entry's file names, the server's report",
  code: "BOND0220",
  rules: [
    nonEmpty("Not empty.", "RFC 1123 section 2.1"),
    maxBytes(
      63,
      "At most 63 bytes, the length of one host name label.",
      "RFC 1035 section 2.3.4; RFC 1123 section 2.1",
    ),
    forbids(
      "letters, digits and hyphens",
      (c) => !/^[A-Za-z0-9-]$/.test(c),
      "Letters, digits and `-` only: a host name label, which also keeps the name one word on the kernel command line and a plain file name.",
      "RFC 952; RFC 1123 section 2.1",
      "which a host name cannot hold",
    ),
    {
      name: "no hyphen at either end",
      text: "Neither starts nor ends with `-`.",
      source: "RFC 952; RFC 1123 section 2.1",
      check: (v) => (v.startsWith("-") || v.endsWith("-") ? "it starts or ends with `-`" : undefined),
    },
  ],
};
