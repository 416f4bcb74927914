import { forbids, isSpace, isUnprintable, maxBytes, nonEmpty, type LiteralDomain } from "./domain.js";

/*
 * Values the kernel itself reads through the net-tools: interface names (ifconfig, ifenslave,
 * the bonding sysfs and nfs-root-addrs) and module names and parameters (insmod).
 */

export const interfaceName: LiteralDomain = {
  id: "interface-name",
  title: "Interface names",
  noun: "interface name",
  consumers: "ifconfig and ifenslave arguments, the bonding driver's primary=, the device field of nfs-root-addrs",
  code: "BOND0210",
  rules: [
    nonEmpty("An interface name is not empty.", "net/core/dev.c, dev_valid_name()"),
    maxBytes(
      15,
      "At most 15 bytes: IFNAMSIZ is 16 and counts the terminating NUL.",
      "include/uapi/linux/if.h (IFNAMSIZ); net/core/dev.c, dev_valid_name()",
    ),
    {
      name: "not . or ..",
      text: "Not `.` or `..`, which would be directories under /sys/class/net.",
      source: "net/core/dev.c, dev_valid_name()",
      check: (v) =>
        v === "." || v === ".." ? `\`${v}\` names a directory in /sys/class/net, not a device` : undefined,
    },
    forbids(
      "no / or :",
      "/:",
      "No `/` (a path separator in sysfs) and no `:` (ifconfig's alias separator, eth0:1).",
      "net/core/dev.c, dev_valid_name(); ifconfig(8) on aliases",
      "which the kernel refuses in a device name",
    ),
    forbids(
      "no whitespace",
      isSpace,
      "No whitespace.",
      "net/core/dev.c, dev_valid_name() (isspace)",
      "which the kernel refuses in a device name",
    ),
    forbids(
      "no %",
      "%",
      "No `%`: the kernel reads a name with `%` as a pattern (eth%d) and picks a free name itself.",
      "net/core/dev.c, dev_get_valid_name() and dev_alloc_name()",
      "which makes the kernel choose the name",
    ),
    forbids(
      "printable ASCII",
      isUnprintable,
      "Printable ASCII only.",
      "net/core/dev.c, dev_valid_name(); ifconfig(8) reads names as C strings",
      "which no tool prints back as written",
    ),
  ],
};

const moduleChars = (c: string): boolean => !/^[A-Za-z0-9_-]$/.test(c);

export const moduleName: LiteralDomain = {
  id: "module-name",
  title: "Kernel module names",
  noun: "module name",
  consumers: "insmod's first argument",
  code: "BOND0211",
  rules: [
    nonEmpty("A module name is not empty.", "insmod(8)"),
    maxBytes(
      55,
      "At most 55 bytes: MODULE_NAME_LEN is 64 minus the size of a long (56 on 64-bit machines) and counts the NUL.",
      "include/linux/module.h (MODULE_NAME_LEN); include/linux/moduleparam.h (MAX_PARAM_PREFIX_LEN)",
    ),
    forbids(
      "letters, digits, _ and -",
      moduleChars,
      "Letters, digits, `_` and `-` only: kbuild names a module after its object file with `-` turned into `_`, and insmod reads a name with `/` or `.` as a file path.",
      "scripts/Makefile.lib (KBUILD_MODNAME); insmod(8); busybox modutils/insmod.c",
      "which no module name has",
    ),
  ],
};

export const moduleParameterName: LiteralDomain = {
  id: "module-parameter-name",
  title: "Module parameter names",
  noun: "module parameter name",
  consumers: "the NAME of insmod's NAME=VALUE arguments",
  code: "BOND0212",
  rules: [
    nonEmpty("A parameter name is not empty.", "kernel/params.c, parse_args()"),
    forbids(
      "letters, digits, _ and -",
      moduleChars,
      "Letters, digits, `_` and `-` only: parameters are C identifiers declared with module_param(), and the kernel reads `-` as `_`.",
      "include/linux/moduleparam.h (module_param); kernel/params.c, parameq()",
      "which no parameter name has",
    ),
  ],
};

export const moduleParameterValue: LiteralDomain = {
  id: "module-parameter-value",
  title: "Module parameter values",
  noun: "module parameter value",
  consumers: "the VALUE of insmod's NAME=VALUE arguments",
  code: "BOND0212",
  rules: [
    forbids(
      "no whitespace",
      isSpace,
      "No whitespace: insmod joins its arguments into one string with spaces, and the kernel splits it at whitespace again.",
      "kernel/params.c, next_arg(); busybox modutils/insmod.c; kmod libkmod-module.c",
      "where the kernel would split the parameter in two",
    ),
    forbids(
      "no double quote",
      '"',
      'No `"`: the kernel takes double quotes as quoting and removes them, and has no escape for a quote.',
      'kernel/params.c, next_arg() ("You can use \\" around spaces, but can\'t escape \\".")',
      "which the kernel would remove",
    ),
    forbids(
      "printable ASCII",
      isUnprintable,
      "Printable ASCII only.",
      "kernel/params.c (isspace, C strings)",
      "which cannot be passed on a command line as written",
    ),
  ],
};

export const kernelCommandLineToken: LiteralDomain = {
  id: "kernel-cmdline-token",
  title: "Kernel command-line tokens",
  noun: "kernel command-line token",
  consumers: "one NAME=VALUE or word of a kernel command line (append lines of every boot-loader entry)",
  code: "BOND0216",
  rules: [
    nonEmpty("A token is not empty.", "init/main.c, parse_args()"),
    maxBytes(
      255,
      "At most 255 bytes, so that it fits the oldest command line bondc targets: COMMAND_LINE_SIZE is 256 on i386 before 2.6.22 (2048 since).",
      "arch/x86/include/asm/setup.h (COMMAND_LINE_SIZE); Documentation/admin-guide/kernel-parameters.rst",
    ),
    forbids(
      "no whitespace",
      isSpace,
      "No whitespace: the kernel splits its command line at whitespace outside double quotes.",
      "kernel/params.c, next_arg(); Documentation/admin-guide/kernel-parameters.rst",
      "where the kernel would split the token",
    ),
    forbids(
      "no double quote",
      '"',
      'No `"`: quotes are removed by the kernel and cannot be escaped.',
      'kernel/params.c, next_arg() ("can\'t escape \\"")',
      "which the kernel would remove",
    ),
    forbids(
      "printable ASCII",
      isUnprintable,
      "Printable ASCII only.",
      "Documentation/admin-guide/kernel-parameters.rst",
      "which boot loaders do not pass on as written",
    ),
  ],
};

/** The part of a VLAN interface's name after the dot: `100` in `bond0.100`. */
export const vlanId: LiteralDomain = {
  id: "vlan-id",
  title: "VLAN ids",
  noun: "VLAN id",
  consumers:
    "the 802.1Q tag of every frame the VLAN interface sends (ip link add … type vlan id, vconfig add), and the interface's name",
  code: "BOND0217",
  rules: [
    {
      name: "decimal",
      text: "Decimal digits without leading zeros: the kernel names the interface PARENT.ID with the id printed in decimal, so bond0.0100 would never exist.",
      source: 'net/8021q/vlan.c, register_vlan_device() (VLAN_NAME_TYPE_RAW_PLUS_VID_NO_PAD, "%s.%i")',
      check: (v) =>
        /^(0|[1-9]\d*)$/.test(v) ? undefined : "the kernel prints the id without leading zeros in the name",
    },
    {
      name: "1 to 4094",
      text: "From 1 to 4094: the 802.1Q tag has 12 bits, and 0 (priority tags only) and 4095 are reserved.",
      source:
        "IEEE 802.1Q, 9.6 (VID values 0 and FFF reserved); net/8021q/vlan_netlink.c, vlan_validate() (VLAN_VID_MASK)",
      check: (v) => {
        const n = Number(v);
        return n >= 1 && n <= 4094 ? undefined : `${v} is outside 1..4094`;
      },
    },
  ],
};
