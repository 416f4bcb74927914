// Running host tools (apt-get, dpkg, xz, mke2fs, qemu) for the image builder and the boot harness.
//
// One job: spawn a program, collect its output, and turn "the program is not installed"
// into an error that tells the user which Debian package provides it, instead of a bare ENOENT.

import { spawn } from "node:child_process";

/** Thrown when a host tool the harness needs is not installed. */
export class MissingToolError extends Error {
  constructor(
    readonly tool: string,
    readonly hint: string,
  ) {
    super(`${tool} not found on this machine: ${hint}`);
    this.name = "MissingToolError";
  }
}

/** How to get each host tool on Debian; the only place these hints live. */
export const TOOL_HINTS: Readonly<Record<string, string>> = {
  "apt-get":
    "the boot harness fetches Debian's kernel with apt-get; run it on Debian/Ubuntu or pass --kernel/--modules",
  "apt-cache":
    "the boot harness resolves Debian's kernel package with apt-cache; run it on Debian/Ubuntu or pass --kernel/--modules",
  dpkg: "install it with `apt-get install dpkg` (needed to unpack the downloaded .deb files)",
  "qemu-system-x86_64": "install it with `apt-get install qemu-system-x86`",
  unshare: "install it with `apt-get install util-linux` (runs the NFS server and QEMU in a private namespace)",
  nsenter: "install it with `apt-get install util-linux` (starts each QEMU of a cluster boot in its private network)",
  "ganesha.nfsd": "install it with `apt-get install nfs-ganesha nfs-ganesha-vfs` (the NFS server of an initramfs boot)",
  rpcbind: "install it with `apt-get install rpcbind` (nfs-ganesha needs it)",
  xz: "install it with `apt-get install xz-utils` (the kernel modules are xz-compressed)",
  zstd: "install it with `apt-get install zstd` (the kernel modules are zstd-compressed)",
  mke2fs: "install it with `apt-get install e2fsprogs` (bondc build makes a linuxrc target's ext2 initrd with it)",
  debugfs: "install it with `apt-get install e2fsprogs` (bondc build adds the ext2 initrd's device nodes with it)",
};

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd?: string;
  /** Return stdout as raw bytes (decompressing modules); default text. */
  binary?: boolean;
  /** Added to this process's environment (E2FSPROGS_FAKE_TIME for a reproducible image). */
  env?: Readonly<Record<string, string>>;
}

/** Runs `cmd args…` to completion; never throws on a non-zero exit (callers decide), only on a missing tool. */
export function run(
  cmd: string,
  args: readonly string[],
  opts: RunOptions = {},
): Promise<RunResult & { bytes: Buffer }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd: opts.cwd,
      env: opts.env ? { ...process.env, ...opts.env } : process.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (b: Buffer) => out.push(b));
    child.stderr.on("data", (b: Buffer) => err.push(b));
    child.on("error", (e: NodeJS.ErrnoException) => {
      if (e.code === "ENOENT") reject(missingTool(cmd));
      else reject(e);
    });
    child.on("close", (code, signal) => {
      const bytes = Buffer.concat(out);
      resolve({
        code: code ?? (signal ? 128 : 1),
        stdout: opts.binary ? "" : bytes.toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8"),
        bytes,
      });
    });
  });
}

export function missingTool(cmd: string): MissingToolError {
  const base = cmd.split("/").pop() ?? cmd;
  return new MissingToolError(cmd, TOOL_HINTS[base] ?? `install ${base} and make sure it is on PATH`);
}
