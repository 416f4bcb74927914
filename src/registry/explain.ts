import type { CatalogEntry } from "../diagnostics/catalog.js";
import { bondingModes } from "../semantic/bonding.js";
import { valueTypes } from "../semantic/types.js";
import { registry } from "./registry.js";

/*
 * Catalog explanations name lists that grow with the registry ({targets}, {toolsets}, {mounts})
 * or with the language ({types}, {modes}) as placeholders, so no explanation goes stale when a
 * target or toolset is added. Everything that prints an explanation reads it through here.
 */

function list(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

const placeholders: Record<string, () => string> = {
  targets: () => list([...registry.targets.values()].map((t) => `${t.name} (${t.summary})`)),
  toolsets: () => list([...registry.toolsets.values()].map((t) => `${t.name} (${t.summary})`)),
  mounts: () =>
    list(
      [...registry.targets.values()].map(
        (t) => `${t.name} mounts ${t.mounts.length > 0 ? list(t.mounts) : "nothing itself"}`,
      ),
    ),
  types: () => list(valueTypes),
  modes: () => `${list(bondingModes)}, or the kernel's numbers 0 to ${bondingModes.length - 1}`,
};

export function explanationOf(entry: CatalogEntry): string {
  return entry.explanation.replace(/\{(\w+)\}/g, (whole, name: string) => placeholders[name]?.() ?? whole);
}
