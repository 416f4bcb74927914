/** Public types of the linuxrc sandbox (see README.md next to this file). */

/** Shells a linuxrc is run under. */
export type Shell = "dash" | "busybox" | "bash" | "mksh" | "posh" | "yash";
export const SHELLS: readonly Shell[] = ["dash", "busybox", "bash", "mksh", "posh", "yash"];

/**
 * Which ifconfig the initrd has: its output format and its argument handling.
 * - `nettools160`: net-tools 1.60 (`Link encap:Ethernet  HWaddr ...`, `inet addr:`).
 * - `busybox`: busybox ifconfig (1.60's format plus `inet6 addr:` lines; dies at the first error).
 * - `nettools2`: net-tools 2.x (`flags=4163<UP,...>`, `inet A  netmask M`, lower-case `ether`).
 */
export type Dialect = "nettools160" | "busybox" | "nettools2";
export const DIALECTS: readonly Dialect[] = ["nettools160", "busybox", "nettools2"];

/** A network interface as the scenario sets it up before the script runs. */
export interface InterfaceSpec {
  /** `XX:XX:XX:XX:XX:XX`; required for interfaces other than lo. */
  mac?: string;
  up?: boolean;
  /** `null`: no IPv4 address (a NIC the firmware left unconfigured; netmask and broadcast go too). */
  ipv4?: string | null;
  netmask?: string;
  broadcast?: string;
  mtu?: number;
}

/** Faults to inject. */
export interface Faults {
  /** insmod of these modules fails with "No such file or directory" (e.g. `["bonding"]`). */
  missingModules?: string[];
  /** These interfaces do not exist (e.g. `["eth1"]`: the second NIC is absent). */
  absentInterfaces?: string[];
  /** ifenslave of these slaves is refused by the kernel (EPERM), whatever their state. */
  refuseEnslave?: string[];
}

export interface Scenario {
  /**
   * Merged over the defaults by name: lo (up, 127.0.0.1/8); eth0 (up, 192.168.1.105/24,
   * bcast 192.168.1.255, MAC 00:90:27:E0:30:51, as the boot firmware left it); eth1 (down, no
   * address, MAC 00:90:27:E0:30:52). A field given replaces the default's, except that giving
   * any of ipv4/netmask/broadcast replaces all three (what is not given is derived from ipv4:
   * classful netmask, broadcast from the netmask); `null` removes the interface.
   */
  interfaces?: Record<string, InterfaceSpec | null>;
  /** Modules insmod can load. Default `["bonding"]`. */
  modules?: string[];
  /** The random MAC the bonding driver gives a new bond. Default `B6:9C:12:4E:7A:01`. */
  bondMac?: string;
  /** Ethernet drivers accept a MAC change while up (IFF_LIVE_ADDR_CHANGE). Default false: EBUSY. */
  liveMacChange?: boolean;
  /**
   * Until proc is mounted, the real ifconfigs (net-tools and busybox alike) cannot read
   * /proc/net/dev: their listing warns on stderr, falls back to SIOCGIFCONF (interfaces with an
   * IPv4 address only) and shows no statistics and no IPv6 lines. That is the default here too;
   * true prints the full output regardless (not what a real initrd does).
   */
  ifconfigIgnoresProc?: boolean;
  /** Addresses the stub ping gets a reply from (the cluster's clients that have booted). Default none. */
  answering?: string[];
  /** Content of /proc/cmdline once proc is mounted. */
  cmdline?: string;
  faults?: Faults;
}

export interface RunOptions {
  shell: Shell;
  dialect: Dialect;
  scenario?: Scenario;
  /** Default 10 000 ms. The whole namespace is killed when it runs out. */
  timeoutMs?: number;
  /**
   * The script's environment. Default `{}` (as `env -i`). The kernel starts a linuxrc with
   * `HOME=/ TERM=linux` and no PATH: see `KERNEL_ENV`.
   */
  env?: Record<string, string>;
  /** Run the shell with `-x`. */
  xtrace?: boolean;
  /**
   * Busybox applets (names from `APPLETS`) whose calls are logged in `trace` and `calls` like
   * the stubs' (e.g. `["grep", "sed"]`). With every applet traced, `calls` lists every program
   * the script starts: the way to count a script's processes (see applet-trace.ts).
   */
  traceApplets?: readonly string[];
  /** Keep the run's tree (its path is in `SandboxRun.tree`); otherwise it is removed. */
  keepTree?: boolean;
}

export interface StubCall {
  /** `ifconfig`, `insmod`, `ifenslave`, `vconfig`, `mount` or `umount`, however it was invoked. */
  tool: string;
  /** The arguments exactly as the tool received them. */
  args: string[];
}

export interface InterfaceState {
  kind: "loopback" | "ether" | "bond" | "vlan";
  up: boolean;
  /** IFF_RUNNING: up with carrier; for a bond, up with at least one up slave. */
  running: boolean;
  slave: boolean;
  master?: string;
  ipv4?: string;
  netmask?: string;
  broadcast?: string;
  /** Current MAC, upper case. */
  mac: string;
  /** The MAC the device had before anything changed it (what a release restores). */
  permMac: string;
  mtu: number;
  /** Bonds only: slaves in enslave order, bonding mode (0..6) and the active slave. */
  slaves?: string[];
  mode?: number;
  activeSlave?: string;
  /** VLANs only: the 802.1Q id and the device the VLAN sits on. */
  vlanId?: number;
  parent?: string;
}

export interface ModuleState {
  name: string;
  /** `k=v` arguments given to insmod (a bare `k` maps to ""). */
  params: Record<string, string>;
  args: string[];
}

export interface MountState {
  type: string;
  source: string;
  target: string;
  options: string;
}

export interface SandboxState {
  /** In load order. */
  modules: ModuleState[];
  interfaces: Record<string, InterfaceState>;
  procMounted: boolean;
  mounts: MountState[];
  /** What /proc/sys/kernel/real-root-dev holds, trimmed ("256" until written); unset without proc. */
  realRootDev?: string;
  /** `realRootDev` as the kernel parses it (base 0: `0x00ff` is 255); unset if it would not parse. */
  realRootDevValue?: number;
  /** /proc/sys/kernel/nfs-root-name and nfs-root-addrs, trimmed, when not empty. */
  nfsRootName?: string;
  nfsRootAddrs?: string;
  /** /proc/net/vlan/config, as 8021q lists its VLANs, once 8021q is loaded and proc mounted. */
  vlanConfig?: string;
}

export interface SandboxRun {
  shell: Shell;
  dialect: Dialect;
  /** The shell's exit status; null when it was killed (see `signal`, `timedOut`). */
  exitCode: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  /** What the script wrote to /dev/console (a plain file in the sandbox). */
  console: string;
  /** One line per stub call: the tool's name and its arguments joined by single spaces. */
  trace: string[];
  /** The same calls with their exact arguments. */
  calls: StubCall[];
  state: SandboxState;
  timedOut: boolean;
  /** Processes of the run found alive after it ended (then killed). Always 0 so far. */
  strayProcesses: number;
  durationMs: number;
  /** The run's tree on the host, when `keepTree` was set. */
  tree?: string;
}
