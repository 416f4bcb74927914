import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { ProjectConfig } from "./config.js";

/**
 * Applies the config's rule levels: a rule set to "off" drops its diagnostics, any other level
 * replaces their severity. parseConfig has already refused to lower errors.
 */
export function applyRules(diagnostics: readonly Diagnostic[], config: ProjectConfig): Diagnostic[] {
  if (config.rules.size === 0) return [...diagnostics];
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    const level = config.rules.get(d.code);
    if (level === "off") continue;
    out.push(level === undefined || level === d.severity ? d : { ...d, severity: level });
  }
  return out;
}
