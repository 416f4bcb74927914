import type { Span } from "../diagnostics/span.js";

/*
 * Where each line of a generated script comes from, so that tools reading the script (lint's
 * ShellCheck pass, the editor's hovers) never parse the script's comments back.
 */

/** The mark of the prelude the target and failure policy add; steps are marked with their action's index. */
export const preludeMark = -1;

export interface ScriptOrigin {
  /** The statement in the user's file: the step itself, or the call that expanded to it. */
  readonly span: Span;
  /** The IR action, by index; undefined for the prelude the target and failure policy add. */
  readonly action?: number;
  /** The library line the step was written on, when it came from a procedure in another file. */
  readonly via?: Span;
}

export interface SourceMap {
  /** lines[i] is the origin of script line i + 1. */
  readonly lines: readonly ScriptOrigin[];
}

/** The origin of a 1-based script line; out-of-range lines belong to the nearest end. */
export function originOf(map: SourceMap, line: number): ScriptOrigin | undefined {
  return map.lines[Math.min(Math.max(line, 1), map.lines.length) - 1];
}
