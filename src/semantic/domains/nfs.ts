import { forbids, isSpace, isUnprintable, maxBytes, nonEmpty, type LiteralDomain } from "./domain.js";

/*
 * The NFS root: what the kernel's nfsroot code reads from nfsroot= (or, on 2.2/2.4 kernels, from
 * /proc/sys/kernel/nfs-root-name and nfs-root-addrs), and what busybox's mount reads from
 * server:path. Both read `[server:]path[,options]`.
 */

// Rules of both the path and the options: they travel together as `path,options`, on the kernel
// command line and through the linuxrc's echo.
const noDoubleQuote = forbids(
  "no double quote",
  '"',
  'No `"`, which the kernel removes from its command line.',
  "kernel/params.c, next_arg()",
  "which the kernel would remove",
);
const printableForEcho = forbids(
  "printable ASCII",
  isUnprintable,
  "Printable ASCII only.",
  "kernel/params.c; POSIX echo",
  "which the command line and echo do not pass on as written",
);
const noBackslash = (text: string) =>
  forbids(
    "no backslash",
    "\\",
    text,
    'dash(1), echo; POSIX echo ("implementation-defined" with a backslash)',
    "which echo would read as an escape",
  );

export const nfsPath: LiteralDomain = {
  id: "nfs-path",
  title: "NFS root paths",
  noun: "NFS root path",
  consumers:
    "/proc/sys/kernel/nfs-root-name (written with echo by the script), nfsroot= on a kernel command line, busybox mount's server:path",
  code: "BOND0213",
  rules: [
    nonEmpty("The path is not empty.", "Documentation/admin-guide/nfs/nfsroot.rst"),
    {
      name: "absolute",
      text: "It starts with `/`: the kernel reads any other nfsroot value as a name and mounts /tftpboot/NAME instead.",
      source: 'fs/nfs/nfsroot.c, nfs_root_setup() (NFS_ROOT "/tftpboot/%s")',
      check: (v) =>
        v !== "" && !v.startsWith("/")
          ? "it does not start with `/`, so the kernel would mount /tftpboot/" + v
          : undefined,
    },
    maxBytes(
      1024,
      "At most 1024 bytes (NFS_MAXPATHLEN).",
      "fs/nfs/nfsroot.c (nfs_export_path[NFS_MAXPATHLEN + 1]); include/linux/nfs.h",
    ),
    forbids(
      "no comma",
      ",",
      "No `,`: the kernel cuts `path,options` at the first comma and reads the rest as mount options.",
      'fs/nfs/nfsroot.c, root_nfs_parse_options() (strsep on ","); Documentation/admin-guide/nfs/nfsroot.rst',
      "which starts the mount options in `server:path,options`",
    ),
    forbids(
      "no whitespace",
      isSpace,
      "No whitespace: nfsroot= is one token of the kernel command line, which is split at whitespace.",
      "kernel/params.c, next_arg()",
      "where the kernel command line would be split",
    ),
    noDoubleQuote,
    {
      name: "% only as one %s",
      text: "`%` only in one `%s`: the kernel uses the path as a printf format and puts the node's name in place of `%s`.",
      source:
        "fs/nfs/nfsroot.c, root_nfs_data() (snprintf with utsname()->nodename); Documentation/admin-guide/nfs/nfsroot.rst",
      check: (v) => {
        const rest = v.replace("%s", "");
        return rest.includes("%")
          ? "it has a `%` that is not one `%s`, and the kernel would read it as a printf conversion"
          : undefined;
      },
    },
    noBackslash("No `\\`: the script writes the path with echo, and dash's and busybox's echo read backslash escapes."),
    printableForEcho,
  ],
};

function octets(v: string): number[] {
  return v.split(".").map(Number);
}

export const nfsServer: LiteralDomain = {
  id: "nfs-server",
  title: "NFS servers",
  noun: "NFS server",
  consumers: "the server field of nfs-root-addrs and of nfsroot=, busybox mount's server:path",
  code: "BOND0214",
  rules: [
    {
      name: "not 0.0.0.0",
      text: 'Not 0.0.0.0, which the kernel reads as "no server given" and replaces with the DHCP/BOOTP server.',
      source: 'net/ipv4/ipconfig.c, ip_auto_config_setup() (a 0.0.0.0 server becomes INADDR_NONE, "unknown")',
      check: (v) => (v === "0.0.0.0" ? "it is 0.0.0.0, which the kernel reads as no server" : undefined),
    },
    {
      name: "not 255.255.255.255",
      text: 'Not 255.255.255.255 (INADDR_NONE), which the kernel\'s parser returns for "no address".',
      source: "net/ipv4/ipconfig.c (INADDR_NONE marks an unknown server); fs/nfs/nfsroot.c, root_nfs_parse_addr()",
      check: (v) =>
        v === "255.255.255.255" ? "it is 255.255.255.255, which the kernel reads as no address" : undefined,
    },
    {
      name: "unicast",
      text: "Not a multicast (224.0.0.0/4) or loopback (127.0.0.0/8) address: an NFS server is one other host.",
      source: "RFC 5771 (multicast); RFC 1122 3.2.1.3 (loopback); Documentation/admin-guide/nfs/nfsroot.rst",
      check: (v) => {
        const [first = 0] = octets(v);
        if (first >= 224 && first <= 239) return "it is a multicast address";
        if (first === 127) return "it is a loopback address, the node itself";
        return undefined;
      },
    },
  ],
};

const optionKey = /^[A-Za-z0-9_-]+$/;

/**
 * `handoff nfs { options "..." }`: the `options` of `server:path,options`. An initramfs hands them
 * to busybox's mount, which passes them to the kernel's NFS client with `addr=` added; a linuxrc
 * and every boot entry append them to the path in nfs-root-name and nfsroot=.
 */
export const nfsOptions: LiteralDomain = {
  id: "nfs-options",
  title: "NFS mount options",
  noun: "NFS mount option list",
  consumers:
    "the options of nfsroot= and /proc/sys/kernel/nfs-root-name (`path,options`), busybox mount's -o for an initramfs",
  code: "BOND0215",
  rules: [
    nonEmpty(
      "Not empty: leave the setting out for the defaults.",
      "Documentation/admin-guide/nfs/nfsroot.rst (nfsroot=[<server-ip>:]<root-dir>[,<nfs-options>])",
    ),
    forbids(
      "no whitespace",
      isSpace,
      "No whitespace: nfsroot= is one token of the kernel command line, and mount's -o is one argument.",
      "kernel/params.c, next_arg(); busybox util-linux/mount.c",
      "where the kernel command line would be split",
    ),
    {
      name: "key[=value] items",
      text: "A comma-separated list of `key` or `key=value` items: no empty item (`,,` or a trailing comma), keys of letters, digits, `_` and `-`.",
      source:
        "fs/nfs/fs_context.c, nfs_fs_parameters and nfs_parse_monolithic(); fs/nfs/nfsroot.c, root_nfs_parse_options()",
      check: (v) => {
        const bad = v.split(",").find((item) => !optionKey.test(item.split("=")[0] ?? ""));
        if (bad === undefined) return undefined;
        return bad === "" ? "it has an empty item (`,,` or a comma at an end)" : `its item \`${bad}\` has no valid key`;
      },
    },
    {
      name: "no addr=",
      text: "No `addr=`: the target adds the server's address itself (busybox mount has no NFS helper, and the kernel's nfsroot adds `nolock,addr=`), so a second one would contradict the `server` setting.",
      source: 'fs/nfs/nfsroot.c, root_nfs_data() (mand_options "nolock,addr="); shared/notes/nfs-root.md',
      check: (v) =>
        v.split(",").some((item) => item.split("=")[0] === "addr")
          ? "it sets `addr=`, which bondc adds from the handoff's server"
          : undefined,
    },
    noDoubleQuote,
    forbids(
      "no %",
      "%",
      "No `%`: the kernel runs the whole `path,options` string through printf to put in the node's name.",
      "fs/nfs/nfsroot.c, root_nfs_data() (snprintf(nfs_export_path, …, tmp, utsname()->nodename))",
      "which the kernel would read as a printf conversion",
    ),
    noBackslash("No `\\`: a linuxrc writes the options with echo, which reads backslash escapes."),
    printableForEcho,
  ],
};
