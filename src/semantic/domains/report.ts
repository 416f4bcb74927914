import type { DiagnosticBag } from "../../diagnostics/report.js";
import type { Span } from "../../diagnostics/span.js";
import type { Value } from "../types.js";
import { violations, type LiteralDomain } from "./domain.js";

/**
 * Checks a literal against its domain and reports the first rule it breaks, at the literal, with
 * the rule, its source and where the value would have gone. True when the value is in the domain.
 */
export function checkLiteral(domain: LiteralDomain, value: string, span: Span, bag: DiagnosticBag): boolean {
  const [found, ...more] = violations(domain, value);
  if (!found) return true;
  bag.report(domain.code, span, `\`${value}\` is not a valid ${domain.noun}`, {
    label: found.problem,
    notes: [
      `${domain.noun}s go to ${domain.consumers}`,
      `rule "${found.rule.name}": ${found.rule.text} (${found.rule.source})`,
      ...more.map((v) => `it also breaks rule "${v.rule.name}": ${v.problem}`),
    ],
    help: `change the value so that it keeps this rule; docs/domains.md#${domain.id} lists every rule for ${domain.noun}s`,
  });
  return false;
}

/**
 * A value with its domain checked when the compiler knows it; values read at boot are checked by
 * the script instead (see discovery.ts). Undefined after reporting, like evaluate().
 */
export function checkConst(value: Value | undefined, domain: LiteralDomain, bag: DiagnosticBag): Value | undefined {
  if (value?.kind !== "const") return value;
  return checkLiteral(domain, value.text, value.span, bag) ? value : undefined;
}
