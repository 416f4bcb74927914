import { relative, resolve, sep } from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { LinesOf } from "./human.js";

/** What every lint output format renders: the diagnostics to show and the text they point into. */
export interface LintReport {
  /** Already configured, filtered by severity and sorted by file and position. */
  readonly diagnostics: readonly Diagnostic[];
  /** Line indexes of the linted files and their imports, for snippets and fingerprints. */
  readonly linesOf: LinesOf;
  readonly filesLinted: number;
  /** The directory paths are made relative to in machine formats: the repository root. */
  readonly root: string;
}

/** A path as code scanning and workflow annotations want it: relative to the root, with `/`. */
export function rootRelative(root: string, file: string): string {
  return relative(root, resolve(file)).split(sep).join("/");
}

/** The message with its notes and help on following lines, for formats that carry only text. */
export function messageWithDetails(d: Diagnostic): string {
  return [d.message, ...d.notes.map((n) => `note: ${n}`), ...(d.help ? [`help: ${d.help}`] : [])].join("\n");
}
