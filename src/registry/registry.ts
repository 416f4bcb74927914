import type { KnownTargets } from "../ir/lower.js";
import { initramfs } from "../targets/initramfs/index.js";
import { linuxrc } from "../targets/linuxrc/index.js";
import { server } from "../targets/server/index.js";
import type { Target } from "../targets/target.js";
import { busybox } from "../toolsets/busybox/index.js";
import { iproute2 } from "../toolsets/iproute2/index.js";
import { netTools } from "../toolsets/net-tools/index.js";
import type { Toolset } from "../toolsets/toolset.js";

/*
 * Every target and toolset bondc has. Lowering, the checks, the backend, config validation, the
 * language server and `bondc explain` all read this one list; adding a target or a toolset is a
 * folder under src/targets/ or src/toolsets/ and one line here.
 */

export interface Registry {
  /** The first target is the default of a file without a target block. */
  readonly targets: ReadonlyMap<string, Target>;
  readonly toolsets: ReadonlyMap<string, Toolset>;
}

export function makeRegistry(targets: readonly Target[], toolsets: readonly Toolset[]): Registry {
  return { targets: new Map(targets.map((t) => [t.name, t])), toolsets: new Map(toolsets.map((t) => [t.name, t])) };
}

export const registry: Registry = makeRegistry([linuxrc, initramfs, server], [netTools, busybox, iproute2]);

/**
 * The registry a project sees when its bondc.json names a toolset: files whose target block
 * names none get that one instead of their target's default.
 */
export function withDefaultToolset(r: Registry, tools: string): Registry {
  return { ...r, targets: new Map([...r.targets].map(([name, t]) => [name, { ...t, defaultTools: tools }])) };
}

/** What lowering needs of a registry: names, default toolsets, what each target mounts. */
export function knownTargets(r: Registry): KnownTargets {
  return {
    targets: new Map(
      [...r.targets.values()].map((t) => [
        t.name,
        { defaultTools: t.defaultTools, mounts: t.mounts, ...(t.waitsForClients ? { waitsForClients: true } : {}) },
      ]),
    ),
    toolsets: [...r.toolsets.keys()],
  };
}
