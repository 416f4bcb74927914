// Running one QEMU guest: serial console in, monitor commands out, always killed in the end.
//
// The command line is the one measured in shared/notes/real-kernel.md: two
// virtio NICs on one emulated hub that also holds QEMU's user-mode network (gateway 10.0.2.2),
// no option ROMs (romfile=, so SeaBIOS does not try to PXE boot), TCG because KVM is broken on
// the project's machines, serial console on stdout, and the human monitor on a unix socket so
// a test can cut a link (`set_link nic0 off`) while the guest runs.

import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { connect, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { missingTool, run } from "../image/exec.js";
import { relayNetdevs } from "./vlan-relay.js";

export const QEMU_BINARY = "qemu-system-x86_64";

/**
 * Booting from the network instead of -kernel/-initrd: QEMU's user network serves `tftpDir` over
 * TFTP and names `bootfile` in its DHCP reply; eth0 (nic0) keeps its NIC's iPXE option ROM (QEMU's
 * default romfile for virtio-net-pci, efi-virtio.rom from Debian's ipxe-qemu), which SeaBIOS runs
 * with `-boot n`: iPXE asks DHCP, fetches the boot file over TFTP and runs it (PXELINUX, or an iPXE
 * script). The other NICs stay without a ROM, so only eth0 boots.
 */
export interface NetbootFiles {
  /** The TFTP root: boot-loader entries, the kernel and the image, as `bondc build` writes them. */
  tftpDir: string;
  /** The file DHCP names ("pxelinux.0", "boot.ipxe"), relative to tftpDir. */
  bootfile: string;
}

/**
 * What QEMU boots: a kernel and image it loads itself, or whatever the network boot finds: from
 * QEMU's own TFTP server (NetbootFiles), or, with "links", from another guest on the hub's links
 * (the cluster's server VM answers eth0's DHCP and serves the files).
 */
export type QemuBoot = { kernel: string; initrd: Buffer; netboot?: undefined } | { netboot: NetbootFiles | "links" };

export type QemuOptions = QemuBoot & {
  /** How many virtio NICs: 1 = eth0 only, 2 = eth0 + eth1 (the default), up to 4 (eth0..eth3). */
  nics: number;
  memoryMb?: number;
  /** Whole-run limit; QEMU is killed when it passes. */
  timeoutMs: number;
  /** Override the QEMU binary (path or name on PATH). */
  qemu?: string;
  signal?: AbortSignal;
  /** Kernel command line; default `console=ttyS0 quiet panic=-1 no_timer_check`. */
  append?: string;
  /**
   * Options of QEMU's user network, e.g. `net=192.168.1.0/24,host=192.168.1.2`: the legacy boot
   * puts the node on the network its program names. Default QEMU's 10.0.2.0/24, host 10.0.2.2.
   */
  userNet?: string;
  /** Run QEMU through this command prefix (the NFS server's namespace, nfs-server.ts). */
  wrapper?: { command: string; args: readonly string[] };
  /** The NICs reach the user network only through the 802.1Q relay (vlan-relay.ts); its prefix goes after the wrapper. */
  vlanRelay?: readonly string[];
  /** The NICs' MACs, eth0 first; default nicMac(i). */
  macs?: readonly string[];
  /**
   * The largest MTU each NIC's device lets its driver set, by NIC index (virtio's `host_mtu`; a
   * card or port that cannot carry full-size frames): the bonding driver refuses to enslave a NIC
   * it cannot give the bond's MTU (bond_enslave, "Error -22 calling dev_set_mtu").
   */
  hostMtus?: readonly (number | undefined)[];
  /** The hub's links to other guests instead of QEMU's user network (see qemuArgs). */
  links?: readonly string[];
  /** A raw disk image, the guest's /dev/sda on a virtio-scsi controller (written in place). */
  disk?: string;
  /** Called for every complete console line (without \r\n), with a handle on the monitor. */
  onLine?: (line: string, control: QemuControl) => void;
};

export interface QemuControl {
  /** Sends one human-monitor command and resolves with its output. */
  monitor(command: string): Promise<string>;
  /** Milliseconds since QEMU was started. */
  elapsed(): number;
}

export interface ConsoleLine {
  /** Milliseconds since QEMU was started, when the line arrived on the host. */
  t: number;
  text: string;
}

export interface QemuResult {
  lines: ConsoleLine[];
  /** The raw serial output. */
  console: string;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  aborted: boolean;
  durationMs: number;
  /** QEMU's own stderr (warnings, errors). */
  stderr: string;
  /** Monitor commands sent and what came back. */
  monitorLog: { t: number; command: string; reply: string }[];
  /** Errors raised by onLine handlers or monitor commands, which do not stop the run. */
  errors: string[];
}

/** Fails with an install hint when QEMU is missing; returns its version line otherwise. */
export async function checkQemu(qemu = QEMU_BINARY): Promise<string> {
  const r = await run(qemu, ["--version"]);
  if (r.code !== 0) throw new Error(`${qemu} --version failed: ${r.stderr.trim()}`);
  return r.stdout.split("\n")[0] ?? "";
}

/** The kernel command line every boot starts from (the initramfs adds `rdinit=`, the legacy boot its root). */
export const DEFAULT_APPEND = "console=ttyS0 quiet panic=-1 no_timer_check";

/** The QEMU argument list (exported for reports and tests). */
export function qemuArgs(
  o: ({ kernel: string; initrd: string; netboot?: undefined } | { netboot: NetbootFiles | "links" }) & {
    nics: number;
    memoryMb: number;
    monitorSocket: string;
    append?: string;
    /** More options of QEMU's user network ("net=192.168.1.0/24,host=192.168.1.2"); default its 10.0.2.0/24. */
    userNet?: string;
    /** The NICs' hub reaches the user network through the 802.1Q relay (vlan-relay.ts). */
    vlanRelay?: boolean;
    /** The NICs' MACs, eth0 first; default nicMac(i). */
    macs?: readonly string[];
    /** The largest MTU each NIC's device allows, by NIC index (QemuOptions.hostMtus). */
    hostMtus?: readonly (number | undefined)[];
    /**
     * Socket netdevs on the hub instead of QEMU's user network ("listen=127.0.0.1:10001",
     * "connect=127.0.0.1:10001"): the two-VM cluster boot joins guests' hubs over TCP on the
     * private namespace's loopback, one link a client, so no frame reaches any other network.
     */
    links?: readonly string[];
    /** A raw disk image, the guest's /dev/sda (QemuOptions.disk). */
    disk?: string;
  },
): string[] {
  if (!Number.isInteger(o.nics) || o.nics < 1 || o.nics > 4)
    throw new Error(`QEMU guests get 1 to 4 NICs, not ${o.nics}`);
  const boot = o.netboot
    ? // The user network's own TFTP server and DHCP boot file (QEMU's -netdev user, tftp= and bootfile=).
      ["-boot", "n"]
    : [
        "-kernel",
        o.kernel,
        "-initrd",
        o.initrd,
        // panic=-1: a dying /init reboots at once, and -no-reboot turns that into QEMU exiting.
        // no_timer_check: on a loaded host the TCG guest can miss the IO-APIC timer test and panic
        // ("IO-APIC + timer doesn't work!"); seen with load average ~17 on two cores.
        "-append",
        o.append ?? DEFAULT_APPEND,
      ];
  const user = [
    "user,id=u0",
    ...(o.userNet ? [o.userNet] : []),
    ...(o.netboot && o.netboot !== "links" ? [`tftp=${o.netboot.tftpDir},bootfile=${o.netboot.bootfile}`] : []),
  ].join(",");
  const args = [
    "-accel",
    "tcg",
    "-m",
    String(o.memoryMb),
    "-nographic",
    "-no-reboot",
    ...boot,
    ...(o.links
      ? o.links.flatMap((link, i) => [
          "-netdev",
          `socket,id=l${i},${link}`,
          "-netdev",
          `hubport,id=lp${i},hubid=0,netdev=l${i}`,
        ])
      : o.vlanRelay
        ? relayNetdevs()
        : ["-netdev", user, "-netdev", "hubport,id=hp0,hubid=0,netdev=u0"]),
  ];
  for (let i = 0; i < o.nics; i++) {
    const mac = o.macs?.[i] ?? nicMac(i);
    // Only a network-booting eth0 keeps its iPXE ROM (QEMU's default romfile).
    const rom = o.netboot && i === 0 ? "" : ",romfile=";
    const mtu = o.hostMtus?.[i] !== undefined ? `,host_mtu=${o.hostMtus[i]}` : "";
    args.push(
      "-netdev",
      `hubport,id=hp${i + 1},hubid=0`,
      "-device",
      `virtio-net-pci,netdev=hp${i + 1},id=nic${i},mac=${mac}${rom}${mtu}`,
    );
  }
  if (o.disk)
    args.push(
      "-device",
      "virtio-scsi-pci,id=scsi0",
      "-drive",
      `file=${o.disk},format=raw,if=none,id=disk0`,
      "-device",
      "scsi-hd,drive=disk0,bus=scsi0.0",
    );
  args.push("-monitor", `unix:${o.monitorSocket},server=on,wait=off`);
  return args;
}

/**
 * The MAC QEMU gives the guest's eth<i> (set on its command line, so reports can rely on it):
 * 52:54:00:12:34:56 for eth0, …:57 for eth1, up to …:59 for eth3.
 */
export function nicMac(i: number): string {
  return `52:54:00:12:34:${(0x56 + i).toString(16)}`;
}

export async function runQemu(opts: QemuOptions): Promise<QemuResult> {
  const qemu = opts.qemu ?? QEMU_BINARY;
  const dir = await mkdtemp(join(tmpdir(), "bondc-boot-"));
  const initrd = join(dir, "initrd.gz");
  const monitorSocket = join(dir, "mon.sock");
  if (!opts.netboot) await writeFile(initrd, opts.initrd);

  const started = Date.now();
  const elapsed = () => Date.now() - started;
  const result: QemuResult = {
    lines: [],
    console: "",
    exitCode: null,
    signal: null,
    timedOut: false,
    aborted: false,
    durationMs: 0,
    stderr: "",
    monitorLog: [],
    errors: [],
  };
  let monitor: MonitorClient | undefined;
  const control: QemuControl = {
    elapsed,
    async monitor(command) {
      monitor ??= await MonitorClient.connect(monitorSocket, 5000);
      const reply = await monitor.command(command);
      result.monitorLog.push({ t: elapsed(), command, reply });
      return reply;
    },
  };

  try {
    const args = qemuArgs({
      ...(opts.netboot ? { netboot: opts.netboot } : { kernel: opts.kernel, initrd }),
      nics: opts.nics,
      memoryMb: opts.memoryMb ?? 256,
      monitorSocket,
      append: opts.append,
      vlanRelay: opts.vlanRelay !== undefined,
      userNet: opts.userNet,
      ...(opts.macs ? { macs: opts.macs } : {}),
      ...(opts.hostMtus ? { hostMtus: opts.hostMtus } : {}),
      ...(opts.links ? { links: opts.links } : {}),
      ...(opts.disk ? { disk: opts.disk } : {}),
    });
    const relay = opts.vlanRelay ?? [];
    const [cmd, argv] = opts.wrapper
      ? [opts.wrapper.command, [...opts.wrapper.args, ...relay, qemu, ...args]]
      : [qemu, args];
    const child = spawn(cmd, argv, { stdio: ["pipe", "pipe", "pipe"] });
    const exited = new Promise<void>((resolve, reject) => {
      child.on("error", (e: NodeJS.ErrnoException) => reject(e.code === "ENOENT" ? missingTool(cmd) : e));
      child.on("close", (code, signal) => {
        result.exitCode = code;
        result.signal = signal;
        resolve();
      });
    });

    // Kill (not ask) on timeout or abort: a wedged guest will not honour anything gentler.
    const kill = () => child.kill("SIGKILL");
    const timer = setTimeout(() => {
      result.timedOut = true;
      kill();
    }, opts.timeoutMs);
    const onAbort = () => {
      result.aborted = true;
      kill();
    };
    opts.signal?.addEventListener("abort", onAbort, { once: true });
    if (opts.signal?.aborted) onAbort();

    let partial = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      result.console += chunk;
      partial += chunk;
      let nl: number;
      while ((nl = partial.indexOf("\n")) >= 0) {
        const text = partial.slice(0, nl).replace(/\r+$/, "");
        partial = partial.slice(nl + 1);
        result.lines.push({ t: elapsed(), text });
        try {
          opts.onLine?.(text, control);
        } catch (e) {
          result.errors.push(String(e));
        }
      }
    });
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk: string) => (result.stderr += chunk));

    try {
      await exited;
    } finally {
      clearTimeout(timer);
      opts.signal?.removeEventListener("abort", onAbort);
      if (partial) result.lines.push({ t: elapsed(), text: partial.replace(/\r+$/, "") });
      monitor?.close();
    }
    result.durationMs = elapsed();
    return result;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * A minimal client for QEMU's human monitor (HMP) on a unix socket: send a line, read until the
 * next `(qemu) ` prompt. HMP echoes the typed command through its readline, with terminal
 * escapes; both are stripped from the reply.
 */
export class MonitorClient {
  private buffer = "";
  private waiter: (() => void) | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  private constructor(private readonly socket: Socket) {
    socket.setEncoding("utf8");
    socket.on("data", (d: string) => {
      this.buffer += d;
      this.waiter?.();
    });
    socket.on("close", () => {
      this.closed = true;
      this.waiter?.();
    });
    socket.on("error", () => undefined);
  }

  /** Connects, retrying while QEMU has not created the socket yet, and eats the banner. */
  static async connect(path: string, timeoutMs: number): Promise<MonitorClient> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        const socket = await new Promise<Socket>((resolve, reject) => {
          const s = connect(path);
          s.once("connect", () => resolve(s));
          s.once("error", reject);
        });
        const client = new MonitorClient(socket);
        await client.untilPrompt(deadline - Date.now());
        return client;
      } catch (e) {
        if (Date.now() > deadline)
          throw new Error(`QEMU monitor at ${path} did not answer: ${String(e)}`, { cause: e });
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  }

  command(command: string, timeoutMs = 5000): Promise<string> {
    const next = this.queue.then(async () => {
      this.buffer = "";
      this.socket.write(`${command}\n`);
      const raw = await this.untilPrompt(timeoutMs);
      return cleanReply(raw);
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  close(): void {
    this.socket.destroy();
  }

  private async untilPrompt(timeoutMs: number): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const i = this.buffer.indexOf("(qemu) ");
      if (i >= 0) {
        const out = this.buffer.slice(0, i);
        this.buffer = this.buffer.slice(i + "(qemu) ".length);
        return out;
      }
      if (this.closed) throw new Error("QEMU monitor closed");
      const left = deadline - Date.now();
      if (left <= 0) throw new Error("QEMU monitor: no prompt");
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiter = () => {
          clearTimeout(t);
          resolve();
        };
      });
      this.waiter = undefined;
    }
  }
}

function cleanReply(raw: string): string {
  // HMP's readline echoes the command keystroke by keystroke, redrawing the line with terminal
  // escapes, and ends the echo with CRLF; the command's output is whatever follows that.
  const text = raw.replace(/\x1b\[[0-9;]*[A-Za-z]/g, "").replace(/\r/g, "");
  const nl = text.indexOf("\n");
  return nl < 0 ? "" : text.slice(nl + 1).trim();
}
