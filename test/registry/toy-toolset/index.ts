import { cmd, word, type Word } from "../../../src/sh/ast.js";
import type { Toolset } from "../../../src/toolsets/toolset.js";
import { netTools } from "../../../src/toolsets/net-tools/index.js";

/**
 * A toolset that exists only to prove that adding one is a folder plus a registry entry: every
 * step is a program of its own (toy-query, toy-load, …), so a test can see which program each
 * step ended up calling. It reads fields like net-tools, since toy-query prints ifconfig's format.
 */
export const toyTools: Toolset = {
  name: "toy-tools",
  summary: "a toolset for tests, one program per step",
  tools: [
    "toy-query",
    "toy-load",
    "toy-up",
    "toy-down",
    "toy-enslave",
    "toy-release",
    "toy-mount",
    "toy-route",
    "toy-option",
    "toy-vlan",
    "sleep",
  ],
  bondOptions: "per-bond",
  bondOption: (bond, name, value) => cmd("toy-option", bond, name, value),
  query: (iface) => cmd("toy-query", iface),
  readField: netTools.readField,
  load: (module, params) => cmd("toy-load", module, ...params.map((p) => word(`${p.name}=`, ...p.value))),
  up(iface, a) {
    const argv: Word[] = [word("toy-up"), word(iface)];
    for (const [key, value] of Object.entries(a)) if (value) argv.push(word(`${key}=`, ...(value as Word)));
    return { kind: "command", argv };
  },
  down: (iface, clearAddress) => cmd("toy-down", iface, ...(clearAddress ? ["flush"] : [])),
  enslave: (bond, slave) => cmd("toy-enslave", bond, slave),
  release: (bond, slave) => cmd("toy-release", bond, slave),
  createVlan: (parent, id) => cmd("toy-vlan", parent, String(id)),
  mountProc: () => cmd("toy-mount", "proc"),
  route: (gateway) => cmd("toy-route", gateway),
  checks: [],
  failed: {
    query: (iface) => `toy-query ${iface}`,
    read: (field, iface) => `reading the ${field} of ${iface}`,
    load: (module) => `toy-load ${module}`,
    up: (iface) => `toy-up ${iface}`,
    down: (iface) => `toy-down ${iface}`,
    enslave: (bond, slave) => `toy-enslave ${bond} ${slave}`,
    route: (gateway) => `toy-route ${gateway}`,
    createVlan: (name) => `toy-vlan ${name}`,
  },
};
