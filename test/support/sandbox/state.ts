/** Reading the stub kernel's state and the stubs' call log back from a finished run's tree. */
import type { Tree } from "./safe-fs.js";
import type { InterfaceState, ModuleState, MountState, SandboxState, StubCall } from "./types.js";

const FIELD = "\x1f";
const RECORD = "\x1e";

function value(tree: Tree, p: string): string | undefined {
  const t = tree.readText(p);
  if (t === undefined) return undefined;
  const v = t.replace(/\n$/, "");
  return v === "" ? undefined : v;
}

function lines(tree: Tree, p: string): string[] {
  const t = tree.readText(p) ?? "";
  return t.split("\n").filter((l) => l !== "");
}

export function readCalls(tree: Tree): StubCall[] {
  const raw = tree.readText("/.stub/calls") ?? "";
  return raw
    .split(RECORD)
    .filter((r) => r !== "")
    .map((r) => {
      const [tool = "", ...args] = r.split(FIELD);
      return { tool, args };
    });
}

export function readTrace(tree: Tree): string[] {
  return lines(tree, "/.stub/trace");
}

/** Parse as the kernel's proc_dointvec does (base 0: 0x.. hex, 0.. octal, else decimal). */
export function parseKernelInt(s: string): number | undefined {
  const t = s.trim();
  const m = /^([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.exec(t);
  if (m === null) return undefined;
  const body = m[2] ?? "";
  const n = /^0[xX]/.test(body)
    ? parseInt(body.slice(2), 16)
    : body.length > 1 && body.startsWith("0")
      ? parseInt(body, 8)
      : parseInt(body, 10);
  return m[1] === "-" ? -n : n;
}

function readInterface(tree: Tree, name: string): InterfaceState {
  const d = `/.stub/if/${name}`;
  const kind = value(tree, `${d}/kind`);
  const master = value(tree, `${d}/master`);
  const iface: InterfaceState = {
    kind: kind === "loopback" || kind === "bond" || kind === "vlan" ? kind : "ether",
    up: value(tree, `${d}/up`) === "1",
    running: false,
    slave: master !== undefined,
    mac: value(tree, `${d}/mac`) ?? "00:00:00:00:00:00",
    permMac: value(tree, `${d}/perm_mac`) ?? "00:00:00:00:00:00",
    mtu: Number(value(tree, `${d}/mtu`) ?? "1500"),
  };
  if (master !== undefined) iface.master = master;
  for (const [k, f] of [
    ["ipv4", "ipv4"],
    ["netmask", "netmask"],
    ["broadcast", "broadcast"],
  ] as const) {
    const v = value(tree, `${d}/${f}`);
    if (v !== undefined) iface[k] = v;
  }
  if (iface.kind === "bond") {
    iface.slaves = lines(tree, `${d}/slaves`);
    iface.mode = Number(value(tree, `${d}/mode`) ?? "0");
    const act = value(tree, `${d}/active`);
    if (act !== undefined) iface.activeSlave = act;
  }
  if (iface.kind === "vlan") {
    iface.vlanId = Number(value(tree, `${d}/vlan_id`));
    const parent = value(tree, `${d}/parent`);
    if (parent !== undefined) iface.parent = parent;
  }
  return iface;
}

export function readState(tree: Tree): SandboxState {
  const interfaces: Record<string, InterfaceState> = {};
  for (const name of tree.list("/.stub/if")) {
    if (tree.isDir(`/.stub/if/${name}`)) interfaces[name] = readInterface(tree, name);
  }
  for (const i of Object.values(interfaces)) {
    i.running = i.up && (i.kind !== "bond" || (i.slaves ?? []).some((s) => interfaces[s]?.up === true));
  }

  const modules: ModuleState[] = lines(tree, "/.stub/modules.order").map((name) => {
    const args = lines(tree, `/.stub/modules/${name}`);
    const params: Record<string, string> = {};
    for (const a of args) {
      const eq = a.indexOf("=");
      if (eq < 0) params[a] = "";
      else params[a.slice(0, eq)] = a.slice(eq + 1);
    }
    return { name, params, args };
  });

  const mounts: MountState[] = lines(tree, "/.stub/mounts").map((l) => {
    const [type = "", source = "", target = "", options = ""] = l.split("\t");
    return { type, source, target, options };
  });

  const procMounted = value(tree, "/.stub/proc_mounted") === "1";
  const state: SandboxState = { modules, interfaces, procMounted, mounts };
  if (procMounted) {
    const rrd = tree.readText("/proc/sys/kernel/real-root-dev");
    if (rrd !== undefined) {
      state.realRootDev = rrd.trim();
      const v = parseKernelInt(rrd);
      if (v !== undefined) state.realRootDevValue = v;
    }
    const name = tree.readText("/proc/sys/kernel/nfs-root-name")?.trim();
    if (name) state.nfsRootName = name;
    const addrs = tree.readText("/proc/sys/kernel/nfs-root-addrs")?.trim();
    if (addrs) state.nfsRootAddrs = addrs;
    const vlans = tree.readText("/proc/net/vlan/config");
    if (vlans !== undefined) state.vlanConfig = vlans;
  }
  return state;
}
