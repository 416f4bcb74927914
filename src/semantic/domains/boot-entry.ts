import type { DiagnosticBag } from "../../diagnostics/report.js";
import type { ConstValue } from "../types.js";
import { bpbatchString, grubWord, ipxeWord } from "./boot-loaders.js";
import { violation, type LiteralDomain } from "./domain.js";
import { kernelCommandLineToken } from "./kernel.js";

/*
 * The NFS handoff reaches every boot-loader entry `bondc build` writes: each entry's kernel command
 * line carries `nfsroot=server:path,options` (the legacy kernel mounts it, and every unbonded
 * fallback entry boots that way). So the handoff's literals must be valid as written in every
 * format, not only on the node; they are checked here, where they are typed, so that `bondc
 * check`, the editor and `bondc build` refuse them alike.
 */

/** The formats a command-line word is written into, the kernel's own token rules first. */
export const bootEntryWordDomains: readonly LiteralDomain[] = [
  kernelCommandLineToken,
  ipxeWord,
  grubWord,
  bpbatchString,
];

/** The kernel command-line token that names the NFS root (Documentation/admin-guide/nfs/nfsroot.rst). */
export function nfsRootToken(server: string, path: string, options?: string): string {
  return `nfsroot=${server}:${path}${options === undefined ? "" : `,${options}`}`;
}

/**
 * Checks `nfsroot=server:path,options` against every boot-entry format and reports the first rule
 * it breaks at the literal that brings the offending text (the path, or the options when the path
 * alone keeps the rule).
 */
export function checkNfsRootToken(
  server: ConstValue,
  path: ConstValue,
  options: ConstValue | undefined,
  bag: DiagnosticBag,
): void {
  const token = nfsRootToken(server.text, path.text, options?.text);
  const domain = bootEntryWordDomains.find((d) => violation(d, token) !== undefined);
  const found = domain && violation(domain, token);
  if (!domain || !found) return;
  const byOptions =
    options && found.rule.check(path.text) === undefined && found.rule.check(options.text) !== undefined;
  const culprit = byOptions ? options : path;
  bag.report(
    "BOND0216",
    culprit.span,
    `\`${culprit.text}\` cannot be written into the boot entries (${domain.title})`,
    {
      label: found.problem,
      notes: [
        `the boot entries \`bondc build\` writes carry \`${token}\``,
        `rule "${found.rule.name}" of ${domain.title.toLowerCase()}: ${found.rule.text} (${found.rule.source})`,
      ],
      help: `change the value so that it keeps this rule; docs/domains.md#${domain.id} lists every rule`,
    },
  );
}
