import { createHash } from "node:crypto";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { LinesOf } from "./human.js";

/**
 * Stable identities for findings, for SARIF's partialFingerprints.primaryLocationLineHash:
 * code scanning uses them to recognise an alert as the same one across commits. They hash the
 * code, the file and the whitespace-normalised text of the primary line (never its number, so
 * editing lines above a finding keeps its identity), plus `:N` for the Nth finding with the same
 * hash in file order, as GitHub's own line hashes do.
 */
export function lineHashes(
  diagnostics: readonly Diagnostic[],
  linesOf: LinesOf,
  fileKey: (file: string) => string,
): string[] {
  const seen = new Map<string, number>();
  return diagnostics.map((d) => {
    const text = (linesOf(d.span.file)?.lineText(d.span.line) ?? "").trim().replace(/\s+/g, " ");
    const hash = createHash("sha256")
      .update(`${d.code}\0${fileKey(d.span.file)}\0${text}`)
      .digest("hex")
      .slice(0, 16);
    const n = (seen.get(hash) ?? 0) + 1;
    seen.set(hash, n);
    return `${hash}:${n}`;
  });
}
