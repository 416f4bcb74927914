import type { Program, UpAction } from "../ir/ir.js";
import { valueSource, type DiscoverField, type NodeField, type Value } from "../semantic/types.js";
import { bondingMode, type BondingMode } from "../semantic/bonding.js";
import type { BootState } from "./state.js";

/*
 * What the node must look like when its boot script has finished, according to the compiler. The QEMU
 * harness compares this with what the real kernel reports, so the model is checked against
 * reality rather than against a second hand-written expectation. Values read at boot stay
 * symbolic ("eth0's inet as the firmware left it") and are resolved against the boot scenario.
 */

export type PredictedValue =
  | { readonly kind: "const"; readonly text: string }
  | { readonly kind: "discovered"; readonly iface: string; readonly field: DiscoverField }
  /** The node's own value in the inventory, whichever node boots the image. */
  | { readonly kind: "node"; readonly field: NodeField };

export interface PredictedBond {
  readonly name: string;
  readonly mode: BondingMode;
  readonly up: boolean;
  readonly slaves: readonly string[];
  readonly address?: PredictedValue;
  readonly netmask?: PredictedValue;
  /** The broadcast its up block sets; undefined when the kernel derives it from the netmask. */
  readonly broadcast?: PredictedValue;
  /** Undefined when no hwaddr is set: the kernel gives the bond its first slave's MAC. */
  readonly hwaddr?: PredictedValue;
  /** Bonding options as the kernel should report them (miimon=100, primary=eth0, …). */
  readonly options: Readonly<Record<string, string>>;
}

export interface PredictedInterface {
  readonly name: string;
  readonly up: boolean | "unknown";
  readonly master?: string;
  readonly address?: PredictedValue;
}

/** What the target promises the handoff leaves behind (targets/<name>/index.ts says it). */
export interface HandoffPromise {
  /** The root device number the handoff leaves for the kernel (255 for NFS), if handed off. */
  readonly realRootDev?: number;
  readonly nfsRootName?: string;
}

/** The default route the steps add (`gateway` in an up block): through `dev`, to `via`. */
export interface PredictedRoute {
  readonly via: PredictedValue;
  readonly dev: string;
}

export interface PredictedEndState extends HandoffPromise {
  readonly bonds: readonly PredictedBond[];
  readonly interfaces: readonly PredictedInterface[];
  readonly procMounted: boolean;
  readonly defaultRoute?: PredictedRoute;
}

function predicted(value: Value | undefined): PredictedValue | undefined {
  if (!value) return undefined;
  if (value.kind === "const") return { kind: "const", text: value.text };
  if (value.kind === "node") return { kind: "node", field: value.field };
  return { kind: "discovered", iface: value.iface, field: value.field };
}

/** The end state the program's steps lead to, plus what its target promises of the handoff. */
export function predictState(
  program: Program,
  states: readonly BootState[],
  promise: HandoffPromise,
): PredictedEndState {
  const final = states[states.length - 1];
  const bonds: PredictedBond[] = [];
  const interfaces: PredictedInterface[] = [];
  for (const s of final?.ifaces.values() ?? []) {
    if (s.kind === "loopback") continue;
    if (s.kind === "bond") {
      if (!s.exists) continue;
      const config = program.bonds.get(s.name);
      const options: Record<string, string> = {};
      for (const o of config?.options.values() ?? []) {
        if (o.name === "mode") continue;
        options[o.name] = o.values.map(valueSource).join(",");
      }
      // The last up block of the bond that names a broadcast sets it, as its last ifconfig would.
      const broadcast = [...program.actions]
        .reverse()
        .find((a): a is UpAction => a.kind === "up" && a.iface === s.name && a.broadcast !== undefined)?.broadcast;
      bonds.push({
        name: s.name,
        mode: config?.mode ?? bondingMode("0")!,
        up: s.power === "up",
        slaves: s.slaves,
        ...(s.address ? { address: predicted(s.address)! } : {}),
        ...(s.netmask ? { netmask: predicted(s.netmask)! } : {}),
        ...(broadcast ? { broadcast: predicted(broadcast)! } : {}),
        ...(s.hwaddr ? { hwaddr: predicted(s.hwaddr)! } : {}),
        options,
      });
    } else {
      interfaces.push({
        name: s.name,
        up: s.power === "unknown" ? "unknown" : s.power === "up",
        ...(s.master ? { master: s.master } : {}),
        ...(s.address ? { address: predicted(s.address)! } : {}),
      });
    }
  }
  // The last gateway written wins, as the last `route add default` would.
  const routed = [...program.actions].reverse().find((a): a is UpAction => a.kind === "up" && a.gateway !== undefined);
  return {
    bonds,
    interfaces,
    procMounted: final?.procMountedAt !== undefined,
    ...(routed?.gateway ? { defaultRoute: { via: predicted(routed.gateway)!, dev: routed.iface } } : {}),
    ...promise,
  };
}
