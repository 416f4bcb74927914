import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { repoRoot } from "../support/repo.js";

/** A fresh temporary directory holding `files` (relative path → text). */
export function tempTree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "bondc-lint-test-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

export const exampleText = (name: string): string => readFileSync(join(repoRoot, "examples", `${name}.bond`), "utf8");

/**
 * The seed's general form without its `# bondc:allow BOND0507`: a file whose only diagnostic is
 * one warning (balance-rr without link monitoring), for the warning and config policies.
 */
export function oneWarning(): string {
  const text = exampleText("seed-general").replace(/^# bondc:allow BOND0507\n/m, "");
  if (!/^up bond0 \{$/m.test(text)) throw new Error("examples/seed-general.bond changed shape: update oneWarning()");
  return text;
}
