import { basename } from "node:path";
import type { BootState } from "../checks/state.js";
import { formatDeviceNumber } from "../ir/devices.js";
import type { Action, Value } from "../ir/ir.js";

/*
 * What a boot step does, for hovers: in words from the IR (always available), and as the shell
 * commands the generated linuxrc runs for it (only when the file compiles).
 */

function valueText(value: Value): string {
  return value.kind === "const" ? value.text : `$${value.variable} (${value.iface}'s ${value.field})`;
}

export function describeAction(action: Action): string {
  switch (action.kind) {
    case "discover":
      return `reads the ${action.field} ${action.iface} was booted with (from ifconfig) into $${action.variable}`;
    case "load": {
      const params = action.params.map((p) => `${p.name}=${p.values.map(valueText).join(",")}`).join(" ");
      return `loads the ${action.module} module${params ? ` with ${params}` : ""}${action.module === "bonding" ? ", which creates the bonds" : ""}`;
    }
    case "up": {
      const parts = (["address", "netmask", "broadcast", "hwaddr"] as const).flatMap((k) => (action[k] ? [`${k} ${valueText(action[k])}`] : []));
      return `brings ${action.iface} up${parts.length > 0 ? ` with ${parts.join(", ")}` : ""}`;
    }
    case "down":
      return `takes ${action.iface} down`;
    case "enslave":
      return `enslaves ${action.slave} to ${action.bond}`;
    case "mount-proc":
      return "mounts /proc, where the handoff writes";
    case "handoff":
      return action.root.kind === "nfs"
        ? "hands the root over to NFS: writes 0x00ff to /proc/sys/kernel/real-root-dev"
        : `hands the root over to ${action.root.device}: writes ${formatDeviceNumber(action.root.number)} to /proc/sys/kernel/real-root-dev`;
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
    case "load":
      return action.module === "bonding" ? [...before.ifaces.values()].filter((s) => s.kind === "bond").map((s) => s.name) : [];
    case "mount-proc":
      return [];
    case "handoff":
      return [...before.ifaces.values()].filter((s) => s.kind !== "loopback").map((s) => s.name);
  }
}

/** Progress echoes and fallback bookkeeping: part of every step, not what the step does. */
const bookkeeping = [/^echo ['"]bondc: /, /^bondc_[A-Za-z0-9_]+=1$/];

/**
 * The commands the generated script runs for the statement on `line` of `file`. The generator
 * opens each statement's commands with a `# FILE:LINE: source` comment and ends them with a
 * blank line, which is what this reads.
 */
export function commandsForLine(script: string, file: string, line: number): string[] {
  const lines = script.split("\n");
  const start = lines.findIndex((l) => l.startsWith(`# ${basename(file)}:${line}: `));
  if (start < 0) return [];
  const out: string[] = [];
  for (const l of lines.slice(start + 1)) {
    if (l === "") break;
    if (!bookkeeping.some((re) => re.test(l))) out.push(l);
  }
  return out;
}
