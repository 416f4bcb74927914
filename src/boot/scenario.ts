// What a boot looks like from the outside: the state the "boot firmware" leaves the node in
// before /linuxrc runs, and the faults to inject. One job: the type and its defaults.

/** An interface as the firmware (PXE/bootp in the seed's story) left it. */
export interface NicSetup {
  up: boolean;
  ipv4?: string;
  netmask?: string;
  broadcast?: string;
}

/** Cut one NIC's link while the guest pings through the bond (active-backup failover check). */
export interface FailoverPlan {
  /** QEMU device whose link goes down: nic0 is the guest's eth0, nic1 its eth1. Default nic0. */
  cut?: "nic0" | "nic1";
  /** Host to ping from the guest; default 10.0.2.2 (QEMU user-mode gateway). */
  target?: string;
  /** Seconds of pinging before the cut; default 2. */
  beforeSec?: number;
  /** Seconds of pinging after the guest saw the carrier drop; default 3. */
  afterSec?: number;
}

export interface BootScenario {
  /** For progress messages and reports. */
  name?: string;
  /** eth0 before /linuxrc; default up as 10.0.2.15/255.255.255.0 bcast 10.0.2.255 (QEMU user net). */
  eth0?: NicSetup;
  /** eth1 before /linuxrc; default present but down. "absent" boots with one NIC only. */
  eth1?: NicSetup | "absent";
  /** Bring lo up with 127.0.0.1 before /linuxrc (a kernel alone leaves it down); default false. */
  loopbackUp?: boolean;
  /** Ship bonding.ko in the initramfs; false simulates an initrd built without it. Default true. */
  bondingModule?: boolean;
  /**
   * NICs the ifenslave shim refuses to enslave, as if the bonding driver had said no (it prints
   * ifenslave's "Enslave failed" and exits 1). The kernel has no switch for this fault, so the
   * shim plays it; everything else about the boot stays real. Default none.
   */
  refuseEnslave?: readonly ("eth0" | "eth1")[];
  /**
   * How /init starts the script. "exec" (default) is what the kernel does: exec /linuxrc, so the
   * #! line must name an interpreter that exists. "sh" runs `/bin/sh /linuxrc` regardless of the
   * #! line (for scripts written for a bash the initramfs does not have).
   */
  runAs?: "exec" | "sh";
  /** /linuxrc is killed after this many seconds (a "halt" policy loops forever); default 20. */
  linuxrcTimeoutSec?: number;
  failover?: FailoverPlan;
  /** Whole-VM limit in milliseconds; default 120000 (TCG boots take a few seconds). */
  timeoutMs?: number;
  /** Guest RAM; default 256 MiB. */
  memoryMb?: number;
}

export const DEFAULT_ETH0: NicSetup = {
  up: true,
  ipv4: "10.0.2.15",
  netmask: "255.255.255.0",
  broadcast: "10.0.2.255",
};
export const DEFAULT_ETH1: NicSetup = { up: false };

/** The MAC QEMU gives each NIC (set explicitly on its command line, so reports can rely on it). */
export const NIC_MACS: Readonly<Record<"eth0" | "eth1", string>> = {
  eth0: "52:54:00:12:34:56",
  eth1: "52:54:00:12:34:57",
};

/** A scenario with every default filled in, as the other modules consume it. */
export interface ResolvedScenario {
  name: string;
  eth0: NicSetup;
  eth1: NicSetup | "absent";
  loopbackUp: boolean;
  bondingModule: boolean;
  refuseEnslave: readonly ("eth0" | "eth1")[];
  runAs: "exec" | "sh";
  linuxrcTimeoutSec: number;
  failover?: Required<FailoverPlan>;
  timeoutMs: number;
  memoryMb: number;
}

export function resolveScenario(s: BootScenario = {}): ResolvedScenario {
  const timeout = s.linuxrcTimeoutSec ?? 20;
  if (!Number.isInteger(timeout) || timeout < 1)
    throw new Error(`linuxrcTimeoutSec must be a positive integer, got ${timeout}`);
  const r: ResolvedScenario = {
    name: s.name ?? "default",
    eth0: s.eth0 ?? DEFAULT_ETH0,
    eth1: s.eth1 ?? DEFAULT_ETH1,
    loopbackUp: s.loopbackUp ?? false,
    bondingModule: s.bondingModule ?? true,
    refuseEnslave: s.refuseEnslave ?? [],
    runAs: s.runAs ?? "exec",
    linuxrcTimeoutSec: timeout,
    timeoutMs: s.timeoutMs ?? 120_000,
    memoryMb: s.memoryMb ?? 256,
  };
  if (s.failover) {
    r.failover = {
      cut: s.failover.cut ?? "nic0",
      target: s.failover.target ?? "10.0.2.2",
      beforeSec: s.failover.beforeSec ?? 2,
      afterSec: s.failover.afterSec ?? 3,
    };
    checkIpv4("failover.target", r.failover.target);
    for (const v of [r.failover.beforeSec, r.failover.afterSec]) {
      if (!Number.isInteger(v) || v < 1) throw new Error(`failover seconds must be positive integers, got ${v}`);
    }
    if (r.failover.cut === "nic1" && r.eth1 === "absent")
      throw new Error("failover.cut=nic1 needs eth1, but the scenario has it absent");
  }
  for (const nic of r.refuseEnslave) {
    // The names end up in the guest's /init.
    if (nic !== "eth0" && nic !== "eth1")
      throw new Error(`refuseEnslave: not a NIC of the harness: ${JSON.stringify(nic)}`);
  }
  for (const [name, nic] of [
    ["eth0", r.eth0],
    ["eth1", r.eth1],
  ] as const) {
    if (nic !== "absent") for (const v of [nic.ipv4, nic.netmask, nic.broadcast]) checkIpv4(name, v);
  }
  return r;
}

// Values end up in the guest's /init; keep them to dotted quads so nothing else can sneak in.
function checkIpv4(what: string, v: string | undefined): void {
  if (v !== undefined && !/^\d{1,3}(\.\d{1,3}){3}$/.test(v))
    throw new Error(`${what}: not an IPv4 address: ${JSON.stringify(v)}`);
}
