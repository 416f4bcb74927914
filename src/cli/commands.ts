import type { Command } from "./command.js";

/** Loads the module of the command in commands/NAME.ts, however the running build ships it. */
export type OpenCommand = (name: string) => Promise<unknown>;

/** What `bondc --help` and `bondc COMMAND --help` say about a command, without loading it. */
export interface CommandInfo {
  readonly name: string;
  /** `compile FILE [-o OUT]` */
  readonly usage: string;
  readonly summary: string;
  /** Loads the command through `open`, which loads commands/NAME (the tsc output or a bundle). */
  readonly load: (open: OpenCommand) => Promise<Command>;
}

/*
 * Every subcommand, in the order --help lists them. Commands are loaded on demand: `bondc
 * compile` should not pay for loading the language server, the QEMU harness or the lint
 * reporters, and `--help` and `--version` load none of them (nor the parser).
 */
export const commands: readonly CommandInfo[] = [
  {
    name: "compile",
    usage: "compile FILE [-o OUT] [--stats] [--root DIR]",
    summary: "compile a .bond file to its target's POSIX sh script (stdout, or OUT written atomically)",
    load: async (open) => ((await open("compile")) as typeof import("./commands/compile.js")).compileCommand,
  },
  {
    name: "check",
    usage: "check FILE... [--root DIR]",
    summary: "run every check; exit 0 when clean, 1 when there are errors",
    load: async (open) => ((await open("check")) as typeof import("./commands/check.js")).checkCommand,
  },
  {
    name: "lint",
    usage: "lint [OPTIONS] PATH...",
    summary:
      "check files, directories and globs, and shellcheck their scripts (--format human|json|sarif|github|gcc, --max-warnings N, --severity error|warning|info, --quiet, --no-shellcheck, --jobs N, --no-cache, --config FILE, --root DIR)",
    load: async (open) => ((await open("lint")) as typeof import("./commands/lint.js")).lintCommand,
  },
  {
    name: "fmt",
    usage: "fmt [--check] FILE...",
    summary: "rewrite .bond files in the canonical layout; --check only lists the ones that differ (exit 1)",
    load: async (open) => ((await open("fmt")) as typeof import("./commands/fmt.js")).fmtCommand,
  },
  {
    name: "explain",
    usage: "explain CODE",
    summary: "print the long explanation of a diagnostic code, with an example",
    load: async (open) => ((await open("explain")) as typeof import("./commands/explain.js")).explainCommand,
  },
  {
    name: "lsp",
    usage: "lsp --stdio",
    summary:
      "run the language server for editors (diagnostics, completion, hover, rename, quick fixes) over stdin/stdout",
    load: async (open) => ((await open("lsp")) as typeof import("./commands/lsp.js")).lspCommand,
  },
  {
    name: "build",
    usage:
      "build FILE -o DIR [--kernel BZIMAGE [--modules DIR | --built-in]] [--busybox FILE] [--tools DIR] [--module NAME]... [--mac MAC] [--append TOKEN]... [--root DIR]",
    summary:
      "build the node's image (initramfs.cpio.gz or the ext2 initrd.img.gz) with the script, busybox, tools and modules, and write it, the kernel, manifest.json and the boot-loader entries (PXELINUX, iPXE, GRUB, BpBatch) for the boot NIC's MAC to DIR",
    load: async (open) => ((await open("build")) as typeof import("./commands/build.js")).buildCommand,
  },
  {
    name: "boot",
    usage:
      "boot FILE [--scenario NAME] [--nics N] [--boot-nic ethX] [--console] [--kernel VMLINUZ --modules DIR] | boot SERVER.bond --client CLIENT.bond… [--absent NODE…] [--netboot]",
    summary:
      "build FILE's image and boot it under QEMU to its NFS root (a linuxrc on the legacy kernel, an initramfs /init on Debian's), and judge every field against bondc's prediction",
    load: async (open) => ((await open("boot")) as typeof import("./commands/boot.js")).bootCommand,
  },
];
