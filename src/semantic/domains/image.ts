import { forbids, isSpace, isUnprintable, maxBytes, type Domain } from "./domain.js";

/** Paths of files inside an initrd or initramfs image (cpio newc), such as /linuxrc or /sbin/insmod. */
export const imagePath: Domain = {
  id: "image-path",
  title: "File paths in boot images",
  noun: "image path",
  consumers: "cpio entry names of an initramfs, rdinit= and init= on the kernel command line",
  rules: [
    {
      name: "absolute",
      text: "It starts with `/`: rdinit= and init= are looked up from the root of the image.",
      source: "init/main.c (ramdisk_execute_command, execute_command)",
      check: (v) => (v.startsWith("/") ? undefined : "it does not start with `/`"),
    },
    {
      name: "normal components",
      text: "No empty, `.` or `..` component: each name is stored as written in the archive, and `..` would leave the image's root.",
      source: "Documentation/driver-api/early-userspace/buffer-format.rst; init/initramfs.c",
      check: (v) => {
        const bad = v.split("/").slice(1).find((c) => c === "" || c === "." || c === "..");
        return bad === undefined ? undefined : bad === "" ? "it has an empty component (`//` or a trailing `/`)" : `it has a \`${bad}\` component`;
      },
    },
    {
      name: "component length",
      text: "Each component at most 255 bytes (NAME_MAX).",
      source: "include/uapi/linux/limits.h (NAME_MAX)",
      check: (v) => {
        const long = v.split("/").find((c) => Buffer.byteLength(c, "utf8") > 255);
        return long === undefined ? undefined : `a component is ${Buffer.byteLength(long, "utf8")} bytes long`;
      },
    },
    maxBytes(4095, "At most 4095 bytes (PATH_MAX is 4096 with the NUL).", "include/uapi/linux/limits.h (PATH_MAX)"),
    forbids("no whitespace", isSpace, "No whitespace: the path may go on the kernel command line (rdinit=), which is split at whitespace.", "kernel/params.c, next_arg()", "where the kernel command line would be split"),
    forbids("printable ASCII", isUnprintable, "Printable ASCII only.", "Documentation/driver-api/early-userspace/buffer-format.rst (names are NUL-terminated)", "which the image and the command line do not carry as written"),
  ],
};
