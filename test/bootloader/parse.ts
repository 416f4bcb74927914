import type { BootFile, BootImage } from "../../src/bootloader/index.js";

/*
 * Readers of the entries bondc writes, as each boot loader reads them (the subset bondc uses), for
 * the round-trip property: what a boot loader would hand the kernel, per entry.
 */

export interface ReadBack {
  readonly bonded: BootImage;
  readonly unbonded: BootImage;
}

const image = (kernel: string, initrd: string | undefined, cmdline: readonly string[]): BootImage => ({
  kernel,
  ...(initrd === undefined ? {} : { initrd }),
  cmdline,
});

/** Whitespace-split words, as PXELINUX's APPEND, iPXE and GRUB split them. */
const words = (s: string): string[] => s.split(/[ \t]+/).filter((w) => w !== "");

/** syslinux.cfg(5): LABEL starts an entry; KERNEL, INITRD and APPEND take the rest of their line. */
export function readPxelinux(text: string): ReadBack {
  const labels = new Map<string, { kernel?: string; initrd?: string; append: string[] }>();
  let current: { kernel?: string; initrd?: string; append: string[] } | undefined;
  for (const line of text.split("\n").map((l) => l.trim())) {
    const [keyword = "", ...rest] = words(line);
    const value = line.slice(keyword.length).trim();
    if (/^label$/i.test(keyword)) labels.set(rest[0]!, (current = { append: [] }));
    else if (/^kernel$/i.test(keyword)) current!.kernel = value;
    else if (/^initrd$/i.test(keyword)) current!.initrd = value;
    else if (/^append$/i.test(keyword)) current!.append = words(value);
  }
  const get = (name: string) => {
    const l = labels.get(name)!;
    return image(l.kernel!, l.initrd, l.append);
  };
  return { bonded: get("bonded"), unbonded: get("unbonded") };
}

/** iPXE: `kernel FILE ARGS…` and `initrd FILE`, the first pair before `:unbonded`, the second after. */
export function readIpxe(text: string): ReadBack {
  const [bonded = "", unbonded = ""] = text.split("\n:unbonded\n");
  const read = (part: string) => {
    const lines = part.split("\n").map(words);
    const [, kernel, ...cmdline] = lines.find((l) => l[0] === "kernel")!;
    return image(kernel!, lines.find((l) => l[0] === "initrd")?.[1], cmdline);
  };
  return { bonded: read(bonded), unbonded: read(unbonded) };
}

/** GRUB: `linux FILE ARGS…` and `initrd FILE` inside each menuentry, in order. */
export function readGrub(text: string): ReadBack {
  const entries = text.split("\nmenuentry ").slice(1);
  const read = (entry: string) => {
    const lines = entry.split("\n").map(words);
    const [, kernel, ...cmdline] = lines.find((l) => l[0] === "linux")!;
    return image(kernel!, lines.find((l) => l[0] === "initrd")?.[1], cmdline);
  };
  return { bonded: read(entries[0]!), unbonded: read(entries[1]!) };
}

/** BpBatch: `linuxboot "KERNEL" "CMDLINE" ["INITRD"]`; the unbonded line is the commented one. */
export function readBpbatch(text: string): ReadBack {
  const read = (prefix: string) => {
    const line = text.split("\n").find((l) => l.startsWith(`${prefix}linuxboot `))!;
    const [kernel, cmdline, initrd] = [...line.matchAll(/"([^"]*)"/g)].map((m) => m[1]!);
    return image(kernel!, initrd, words(cmdline!));
  };
  return { bonded: read(""), unbonded: read("#") };
}

/** Every entry file bondc wrote for one node, read back by its format. */
export function readAll(files: readonly BootFile[]): { path: string; read: ReadBack }[] {
  return files.flatMap((f) => {
    if (f.path.startsWith("pxelinux.cfg/")) return [{ path: f.path, read: readPxelinux(f.content) }];
    if (f.path.startsWith("grub.cfg-")) return [{ path: f.path, read: readGrub(f.content) }];
    if (f.path.endsWith(".bpb")) return [{ path: f.path, read: readBpbatch(f.content) }];
    if (f.path.endsWith(".ipxe") && f.path !== "boot.ipxe") return [{ path: f.path, read: readIpxe(f.content) }];
    return [];
  });
}
