import type { CheckResult } from "../api/check.js";
import type { Span } from "../diagnostics/span.js";
import { userSpan, type Action } from "../ir/ir.js";
import { firstAfter, firstFrom } from "./span-index.js";

/*
 * The boot actions of one check by where they are written, for a hover's "what this statement
 * does": which actions a statement produced, which a line produced, the first after a statement.
 * Built on a result's first hover and kept with it (its spans move only when the session checks
 * the next text, which makes a new result), so a hover looks at the statement's actions, not at
 * every action of the file.
 */

/** Actions' places sorted by start: each one's start, end and index in the program. */
class Placements {
  readonly starts: number[] = [];
  readonly ends: number[] = [];
  readonly orders: number[] = [];

  constructor(placed: readonly { readonly span: Span; readonly order: number }[]) {
    // Stable: actions with one start stay in boot order.
    for (const { span, order } of [...placed].sort((a, b) => a.span.start - b.span.start)) {
      this.starts.push(span.start);
      this.ends.push(span.end);
      this.orders.push(order);
    }
  }

  /** The indices, ascending, of the actions placed inside `span` (in the file these are placed in). */
  inside(span: Span): number[] {
    const out: number[] = [];
    const last = firstAfter(this.starts, span.end);
    for (let i = firstFrom(this.starts, span.start); i < last; i++)
      if (this.ends[i]! <= span.end) out.push(this.orders[i]!);
    return out.sort((a, b) => a - b);
  }
}

interface ActionIndex {
  /** Where the user's file wrote each action (at a procedure's call for an expanded one), of those in it. */
  readonly written: Placements;
  /** Where each action's own statement is, of those in the user's file (a procedure's body, for a call's). */
  readonly own: Placements;
  readonly byLine: ReadonlyMap<number, readonly number[]>;
  /** Every action's userSpan start, ascending, and the least action index from each one on. */
  readonly starts: readonly number[];
  readonly leastFrom: readonly number[];
}

const indexes = new WeakMap<CheckResult, Map<string, ActionIndex>>();

function build(actions: readonly Action[], path: string): ActionIndex {
  const written: { span: Span; order: number }[] = [];
  const own: { span: Span; order: number }[] = [];
  const all: { span: Span; order: number }[] = [];
  const byLine = new Map<number, number[]>();
  actions.forEach((action, order) => {
    const at = userSpan(action, path);
    all.push({ span: at, order });
    if (action.span.file === path) own.push({ span: action.span, order });
    if (at.file !== path) return;
    written.push({ span: at, order });
    let line = byLine.get(at.line);
    if (!line) byLine.set(at.line, (line = []));
    line.push(order);
  });
  const everywhere = new Placements(all);
  const leastFrom = [...everywhere.orders];
  for (let i = leastFrom.length - 2; i >= 0; i--) leastFrom[i] = Math.min(leastFrom[i]!, leastFrom[i + 1]!);
  return { written: new Placements(written), own: new Placements(own), byLine, starts: everywhere.starts, leastFrom };
}

function indexOf(result: CheckResult, path: string): ActionIndex {
  let byPath = indexes.get(result);
  if (!byPath) indexes.set(result, (byPath = new Map<string, ActionIndex>()));
  let index = byPath.get(path);
  if (!index) byPath.set(path, (index = build(result.program.actions, path)));
  return index;
}

/** The actions a top-level statement of `path` produced (by userSpan), ascending. */
export function actionsWritten(result: CheckResult, path: string, statement: Span): number[] {
  return indexOf(result, path).written.inside(statement);
}

/** The actions a procedure's body statement in `path` produced, in every call of it, ascending. */
export function actionsOfBody(result: CheckResult, path: string, statement: Span): number[] {
  return indexOf(result, path).own.inside(statement);
}

/** The actions written on `line` of `path` (by userSpan), ascending. */
export function actionsOnLine(result: CheckResult, path: string, line: number): readonly number[] {
  return indexOf(result, path).byLine.get(line) ?? [];
}

/** The first action (in boot order) whose userSpan starts at or after `offset`; -1 when none does. */
export function firstActionFrom(result: CheckResult, path: string, offset: number): number {
  const { starts, leastFrom } = indexOf(result, path);
  return leastFrom[firstFrom(starts, offset)] ?? -1;
}
