import type { CheckResult } from "../api/check.js";
import type { Span } from "../diagnostics/span.js";
import { userSpan, type Action } from "../ir/ir.js";
import type { SourceFile } from "../semantic/sources.js";
import { firstWhere } from "../lists.js";
import { SpanIndex } from "./span-index.js";
import { outputsBetween } from "./statement-lookup.js";

/*
 * The boot actions of one check by where they are written, for a hover's "what this statement
 * does": which actions a statement produced, which a line produced, the first from a statement.
 * Built on a check's first hover and kept with its source, as symbol-index.ts keeps its index, so
 * a hover looks at the statement's actions, not at every action of the file.
 */

interface ActionIndex {
  /** Where the user's file wrote each action (at a procedure's call for an expanded one), of those in it. */
  written?: SpanIndex<Action>;
  /** Where each action's own statement is, of those in the user's file (a procedure's body, for a call's). */
  own?: SpanIndex<Action>;
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

/**
 * The actions whose userSpan in `path` starts from `from` to `to` and ends by `endBy`, ascending,
 * as written().startingIn answers, from the actions of the statements there alone
 * (statement-lookup.ts); undefined where only the index can answer.
 */
function writtenBetween(
  result: CheckResult,
  path: string,
  from: number,
  to: number,
  endBy = Infinity,
): number[] | undefined {
  const near = outputsBetween(result, path, from, to);
  if (!near) return undefined;
  const found: number[] = [];
  for (const { firstAction, actions } of near) {
    actions.forEach((action, i) => {
      const at = userSpan(action, path);
      if (at.file === path && at.start >= from && at.start <= to && at.end <= endBy) found.push(firstAction + i);
    });
  }
  return found;
}

/** The actions whose userSpan in `path` starts from `from` to `to` and ends by `endBy`, ascending. */
function writtenIn(result: CheckResult, path: string, from: number, to: number, endBy = Infinity): number[] {
  return writtenBetween(result, path, from, to, endBy) ?? written(result, path).startingIn(from, to, endBy);
}

/** The actions a top-level statement of `path` produced (by userSpan), ascending. */
export function actionsWritten(result: CheckResult, path: string, statement: Span): number[] {
  return writtenIn(result, path, statement.start, statement.end, statement.end);
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
  return writtenIn(result, path, lines.lineStart(line), next - 1);
}

/**
 * The first action (in boot order) that the checked file's top-level statement at `statement`
 * or a later one produced, a procedure's expanded at its call: the step whose state that
 * statement sees; -1 when none comes after it.
 */
export function firstActionFrom(result: CheckResult, statement: Span): number {
  const { items } = result.source.ast;
  const first = result.statements.actionsFrom(firstWhere(items.length, (k) => items[k]!.span.start >= statement.start));
  return first < result.program.actions.length ? first : -1;
}
