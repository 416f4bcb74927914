/**
 * The template tree, built once per process in a temp dir; each run gets its own copy
 * (`cp -a --link`, see below):
 *
 *   /bin/busybox (applets the stubs replace are hidden, see busybox-patch.ts) and relative
 *   symlinks for APPLETS; /bin/{dash,bash,mksh,posh,yash} with their shared libraries (ldd);
 *   /sbin/{ifconfig,insmod,ifenslave,vconfig} and /bin/{mount,umount} (+ /sbin links): the stubs;
 *   /.stub/lib.sh; /dev/{null,zero} (device nodes); /proc (an empty directory, not procfs),
 *   /sys, /tmp, /mnt, /etc, /root, /usr/{bin,sbin}; /.sandbox/setpriv (drops every capability
 *   before the shell starts). The runner adds /linuxrc, /dev/console (a plain file) and the
 *   stub kernel's state under /.stub.
 *
 * Nothing from the host is linked into the tree: binaries and libraries are copied once into
 * the template. A run's copy hard-links the template's files instead of copying 7 MB each
 * time; that is safe because every regular file of the template is owned by nobody (65534)
 * and read-only, and the script runs as a root without capabilities, which can neither write
 * nor chmod such a file (it can only unlink its own link). Directories are fresh per run.
 *
 * The temp dir goes on /dev/shm when device nodes work there (fast), else in the system temp
 * dir; BONDC_SANDBOX_DIR overrides both.
 */
import { execFileSync } from "node:child_process";
import {
  chmodSync,
  chownSync,
  closeSync,
  lstatSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readdirSync,
  realpathSync,
  rmSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { hideApplets, STUBBED_APPLETS } from "./busybox-patch.js";
import { Tree } from "./safe-fs.js";
import { hostShellPath, hostToolPath } from "./shells.js";
import { SHELLS, type Shell } from "./types.js";

/** Busybox applets a linuxrc may use; each is a /bin symlink to busybox in the sandbox. */
export const APPLETS: readonly string[] = [
  "sh",
  "ash",
  "cat",
  "echo",
  "printf",
  "test",
  "[",
  "[[",
  "true",
  "false",
  "grep",
  "egrep",
  "fgrep",
  "sed",
  "awk",
  "cut",
  "tr",
  "head",
  "tail",
  "wc",
  "sort",
  "uniq",
  "tee",
  "sleep",
  "usleep",
  "mkdir",
  "rmdir",
  "rm",
  "cp",
  "mv",
  "ln",
  "ls",
  "touch",
  "chmod",
  "basename",
  "dirname",
  "readlink",
  "expr",
  "seq",
  "env",
  "id",
  "uname",
  "kill",
  "sync",
  "date",
  "which",
  "xargs",
  "find",
  "od",
  "hexdump",
  "stat",
  "lsmod",
  "dd",
  "yes",
  "timeout",
  "cmp",
];

/** Stub tools: path in the tree -> source file in ./stubs. */
const STUBS: Record<string, string> = {
  "/sbin/ifconfig": "ifconfig",
  "/sbin/insmod": "insmod",
  "/sbin/ifenslave": "ifenslave",
  "/sbin/vconfig": "vconfig",
  "/bin/mount": "mount",
  "/bin/umount": "umount",
  "/bin/ping": "ping",
  "/.stub/lib.sh": "lib.sh",
};

export interface Template {
  /** Per-process temp dir holding the template and the runs. */
  base: string;
  template: string;
  runs: string;
  /** Shells installed in the template. */
  shells: ReadonlySet<Shell>;
}

const PREFIX = "bondc-sandbox-";
let cached: Promise<Template> | undefined;

/** The template tree of this process, built on first use. */
export function getTemplate(): Promise<Template> {
  cached ??= Promise.resolve().then(buildTemplate);
  return cached;
}

/** Owner of the template's files: not the sandboxed root, so the runs cannot change them. */
const NOBODY = 65534;

function candidateParents(): string[] {
  const forced = process.env["BONDC_SANDBOX_DIR"];
  if (forced !== undefined) return [realpathSync(forced)];
  const out: string[] = [];
  for (const p of ["/dev/shm", tmpdir()]) {
    try {
      out.push(realpathSync(p));
    } catch {
      // not there
    }
  }
  return out;
}

/** Whether device nodes work in `dir` (a nodev mount refuses to open them). */
function deviceNodesWork(dir: string): boolean {
  const probe = join(dir, "null");
  try {
    execFileSync(hostToolPath("mknod"), ["-m", "666", probe, "c", "1", "3"], {
      stdio: "ignore",
    });
    closeSync(openSync(probe, "w"));
    return true;
  } catch {
    return false;
  } finally {
    rmSync(probe, { force: true });
  }
}

/** Remove the temp dirs of sandbox processes that are gone (their exit hook did not run). */
function removeStaleBases(parent: string): void {
  for (const name of readdirSync(parent)) {
    const m = /^bondc-sandbox-(\d+)-/.exec(name);
    if (m === null) continue;
    const pid = Number(m[1]);
    if (pid === process.pid) continue;
    try {
      process.kill(pid, 0);
      continue; // alive
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "ESRCH") continue;
    }
    const p = join(parent, name);
    try {
      if (lstatSync(p).isDirectory()) rmSync(p, { recursive: true, force: true });
    } catch {
      // another process removed it first
    }
  }
}

/** Make a per-process base dir where device nodes work. */
function makeBase(): string {
  const tried: string[] = [];
  const parents = candidateParents();
  for (const parent of parents) removeStaleBases(parent);
  for (const parent of parents) {
    const base = realpathSync(mkdtempSync(join(parent, `${PREFIX}${process.pid}-`)));
    if (deviceNodesWork(base)) return base;
    rmSync(base, { recursive: true, force: true });
    tried.push(parent);
  }
  throw new Error(
    `linuxrc sandbox: device nodes do not work under ${tried.join(" or ")} (mounted nodev?); ` +
      "set BONDC_SANDBOX_DIR to a directory on a file system mounted without nodev",
  );
}

let exitHook: (() => void) | undefined;

/** Remove this process's sandbox files now (the next run builds the template again). */
export async function cleanupSandbox(): Promise<void> {
  const p = cached;
  cached = undefined;
  if (p === undefined) return;
  const t = await p.catch(() => undefined);
  if (t !== undefined) rmSync(t.base, { recursive: true, force: true });
}

function buildTemplate(): Template {
  if (process.getuid?.() !== 0) {
    throw new Error("linuxrc sandbox: needs root (namespaces, chroot, device nodes); run the tests as root");
  }
  const base = makeBase();
  if (process.env["BONDC_SANDBOX_KEEP"] === undefined && exitHook === undefined) {
    exitHook = () => {
      for (const parent of candidateParents()) {
        for (const name of readdirSync(parent)) {
          if (name.startsWith(`${PREFIX}${process.pid}-`)) rmSync(join(parent, name), { recursive: true, force: true });
        }
      }
    };
    process.once("exit", exitHook);
  }
  const templateDir = join(base, "template");
  const runs = join(base, "runs");
  const t = new Tree(base);
  t.mkdir("template");
  t.mkdir("runs");
  const tree = new Tree(templateDir);

  for (const d of [
    "bin",
    "sbin",
    "usr/bin",
    "usr/sbin",
    "lib",
    "lib64",
    "dev",
    "proc",
    "sys",
    "mnt",
    "etc",
    "root",
    ".stub",
    ".sandbox",
  ]) {
    tree.mkdir(d);
  }
  tree.mkdir("tmp");
  chmodSync(tree.path("tmp"), 0o1777);
  tree.write("/etc/fstab", "");

  // busybox, with the stubbed applets hidden from its shell.
  const bbHost = hostShellPath("busybox");
  if (bbHost === undefined)
    throw new Error("linuxrc sandbox: busybox is not installed (apt-get install busybox-static)");
  const applets = execFileSync(bbHost, ["--list"], { encoding: "utf8" })
    .split("\n")
    .filter((s) => s !== "");
  tree.write("/bin/busybox", hideApplets(readFileSync(bbHost), applets, STUBBED_APPLETS), 0o755);
  copyLibs(tree, bbHost);
  for (const a of APPLETS) {
    if (applets.includes(a)) tree.symlink("busybox", `/bin/${a}`);
  }

  const shells = new Set<Shell>(["busybox"]);
  for (const s of SHELLS) {
    if (s === "busybox") continue;
    const host = hostShellPath(s);
    if (host === undefined) continue;
    copyBinary(tree, host, `/bin/${s}`);
    shells.add(s);
  }
  copyBinary(tree, hostToolPath("setpriv"), "/.sandbox/setpriv");

  const stubDir = fileURLToPath(new URL("./stubs/", import.meta.url));
  for (const [dest, src] of Object.entries(STUBS)) {
    tree.write(dest, readFileSync(join(stubDir, src)), dest.endsWith(".sh") ? 0o644 : 0o755);
  }
  tree.symlink("../bin/mount", "/sbin/mount");
  tree.symlink("../bin/umount", "/sbin/umount");

  execFileSync(hostToolPath("mknod"), ["-m", "666", tree.path("/dev/null"), "c", "1", "3"]);
  execFileSync(hostToolPath("mknod"), ["-m", "666", tree.path("/dev/zero"), "c", "1", "5"]);
  freezeFiles(templateDir);
  return { base, template: templateDir, runs, shells };
}

/** Every regular file under `dir`: owned by nobody, read-only (see the header). */
function freezeFiles(dir: string): void {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = lstatSync(p);
    if (st.isDirectory()) freezeFiles(p);
    else if (st.isFile()) {
      chownSync(p, NOBODY, NOBODY);
      chmodSync(p, st.mode & 0o111 ? 0o555 : 0o444);
    }
  }
}

function copyBinary(tree: Tree, hostPath: string, dest: string): void {
  tree.write(dest, readFileSync(realpathSync(hostPath)), 0o755);
  copyLibs(tree, hostPath);
}

/** Copy the shared libraries `ldd` lists for `hostPath` to the same paths in the tree. */
function copyLibs(tree: Tree, hostPath: string): void {
  let out: string;
  try {
    out = execFileSync(hostToolPath("ldd"), [hostPath], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    });
  } catch {
    return; // "not a dynamic executable"
  }
  for (const line of out.split("\n")) {
    const m = /(?:=>\s*)?(\/\S+)\s+\(0x[0-9a-f]+\)/.exec(line);
    const lib = m?.[1];
    if (lib === undefined) continue;
    if (tree.read(lib) !== undefined) continue;
    tree.write(lib, readFileSync(realpathSync(lib)), 0o755);
  }
}
