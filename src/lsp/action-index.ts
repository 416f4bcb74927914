import type { CheckResult } from "../api/check.js";
import type { Span } from "../diagnostics/span.js";
import { userSpan, type Action } from "../ir/ir.js";
import type { SourceFile } from "../semantic/sources.js";
import { SpanIndex } from "./span-index.js";

/*
 * The boot actions of one check by where they are written, for a hover's "what this statement
 * does": which actions a statement produced, which a line produced, the first after a statement.
 * Built on a check's first hover and kept with its source, as symbol-index.ts keeps its index, so
 * a hover looks at the statement's actions, not at every action of the file.
 */

interface ActionIndex {
  /** Where the user's file wrote each action (at a procedure's call for an expanded one), of those in it. */
  written?: SpanIndex<Action>;
  /** Where each action's own statement is, of those in the user's file (a procedure's body, for a call's). */
  own?: SpanIndex<Action>;
  /** Where each action is written, whatever the file. */
  anywhere?: SpanIndex<Action>;
}

const indexes = new WeakMap<SourceFile, Map<string, ActionIndex>>();

function indexOf(result: CheckResult, path: string): ActionIndex {
  let byPath = indexes.get(result.source);
  if (!byPath) indexes.set(result.source, (byPath = new Map<string, ActionIndex>()));
  let index = byPath.get(path);
  if (!index) byPath.set(path, (index = {}));
  return index;
}

function written(result: CheckResult, path: string): SpanIndex<Action> {
  const index = indexOf(result, path);
  return (index.written ??= new SpanIndex(result.program.actions, (a) => {
    const at = userSpan(a, path);
    return at.file === path ? at : undefined;
  }));
}

/** The actions a top-level statement of `path` produced (by userSpan), ascending. */
export function actionsWritten(result: CheckResult, path: string, statement: Span): number[] {
  return written(result, path).startingIn(statement.start, statement.end, statement.end);
}

/** The actions a procedure's body statement in `path` produced, in every call of it, ascending. */
export function actionsOfBody(result: CheckResult, path: string, statement: Span): number[] {
  const index = indexOf(result, path);
  index.own ??= new SpanIndex(result.program.actions, (a) => (a.span.file === path ? a.span : undefined));
  return index.own.startingIn(statement.start, statement.end, statement.end);
}

/** The actions written on `line` of `path` (by userSpan), ascending: those whose place starts on it. */
export function actionsOnLine(result: CheckResult, path: string, line: number): number[] {
  const { lines } = result.source;
  if (line < 1 || line > lines.lineCount) return [];
  const next = line < lines.lineCount ? lines.lineStart(line + 1) : Infinity;
  return written(result, path).startingIn(lines.lineStart(line), next - 1);
}

/** The first action (in boot order) whose userSpan starts at or after `offset`; -1 when none does. */
export function firstActionFrom(result: CheckResult, path: string, offset: number): number {
  const index = indexOf(result, path);
  index.anywhere ??= new SpanIndex(result.program.actions, (a) => userSpan(a, path));
  return index.anywhere.firstFrom(offset);
}
