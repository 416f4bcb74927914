import type { Artifact } from "../api/compile.js";
import type { BootState } from "../analysis/state.js";
import { formatDeviceNumber } from "../ir/devices.js";
import type { Action } from "../ir/ir.js";
import type { Value } from "../semantic/types.js";

/*
 * What a boot step does, for hovers: in words from the IR (always available), and as the shell
 * commands the generated script runs for it (only when the file compiles).
 */

function valueText(value: Value): string {
  if (value.kind === "node") return `this node's ${value.field} in the inventory (found at boot)`;
  return value.kind === "const" ? value.text : `${value.iface}'s ${value.field} (read at boot)`;
}

export function describeAction(action: Action): string {
  switch (action.kind) {
    case "discover":
      return `reads the ${action.field} ${action.iface} was booted with`;
    case "node":
      return `finds this node's ${action.field} in the inventory, by bondc.node= on the kernel command line`;
    case "load": {
      const params = action.params.map((p) => `${p.name}=${p.values.map(valueText).join(",")}`).join(" ");
      return `loads the ${action.module} module${params ? ` with ${params}` : ""}${action.module === "bonding" ? ", which creates the bonds" : ""}`;
    }
    case "up": {
      const parts = (["address", "netmask", "broadcast", "hwaddr"] as const).flatMap((k) =>
        action[k] ? [`${k} ${valueText(action[k])}`] : [],
      );
      return `brings ${action.iface} up${parts.length > 0 ? ` with ${parts.join(", ")}` : ""}`;
    }
    case "vlan":
      return `creates ${action.iface}, VLAN ${action.id} on ${action.parent}`;
    case "down":
      return `takes ${action.iface} down`;
    case "enslave":
      return `enslaves ${action.slave} to ${action.bond}`;
    case "mount-proc":
      return "mounts /proc, where the handoff writes";
    case "handoff":
      if (action.root.kind === "nfs") return "hands the root over to NFS";
      return action.root.kind === "block"
        ? `hands the root over to ${action.root.device} (device ${formatDeviceNumber(action.root.number)})`
        : "hands the root over";
    case "wait-clients":
      return `waits up to ${action.deadline} s for every client of the inventory to answer on its address, then ${action.then === "bond" ? "bonds even with clients missing" : "stops unless all answered"}`;
  }
}

/** The interfaces whose state matters to the action. */
export function interfacesOf(action: Action, before: BootState): string[] {
  switch (action.kind) {
    case "discover":
    case "up":
    case "down":
      return [action.iface];
    case "enslave":
      return [action.slave, action.bond];
    case "vlan":
      return [action.iface, action.parent];
    case "load":
      return action.module === "bonding"
        ? [...before.ifaces.values()].filter((s) => s.kind === "bond").map((s) => s.name)
        : [];
    case "mount-proc":
    case "wait-clients":
    case "node":
      return [];
    case "handoff":
      return [...before.ifaces.values()].filter((s) => s.kind !== "loopback").map((s) => s.name);
  }
}

/** Progress echoes and fallback bookkeeping: part of every step, not what the step does. */
const bookkeeping = [/^\s*$/, /^\s*#/, /^echo ['"]bondc: /, /^bondc_[A-Za-z0-9_]+=1$/];

/** The commands the generated script (or its steps) runs for the statement on `line` of `file`, read off its source map. */
export function commandsForLine(script: Pick<Artifact, "content" | "sourceMap">, file: string, line: number): string[] {
  const lines = script.content.split("\n");
  return lines.filter((text, i) => {
    const origin = script.sourceMap.lines[i];
    return (
      origin?.action !== undefined &&
      origin.span.file === file &&
      origin.span.line === line &&
      !bookkeeping.some((re) => re.test(text))
    );
  });
}
