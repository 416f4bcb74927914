import type { CheckedProgram } from "../api/check.js";
import type { StatementOutputs } from "../ir/item-counts.js";
import { topLevelBetween } from "./syntax-walk.js";

/*
 * A request about the cursor's place on the user's file asks about one top-level statement, and
 * everything that statement produced (its actions, names, references, typed expressions) is that
 * statement's own part of the check's lists (CheckedProgram.statements). Looking there costs the
 * statement; the position indexes (span-index.ts) cost the file to build, paid by the first
 * request after every edit. So the lookups try the statement first, and fall back to an index
 * only inside a procedure (whose body's results are made at every call) or a declaration.
 */

/**
 * The results of the top-level statements of `file` whose spans reach from `from` to `to` (at an
 * offset, two when one ends where the next begins), in order; undefined when `file` is not the
 * checked file or one of those is not a statement with results of its own.
 */
export function outputsBetween(
  result: CheckedProgram,
  file: string,
  from: number,
  to: number,
): StatementOutputs[] | undefined {
  if (file !== result.source.path) return undefined;
  const found: StatementOutputs[] = [];
  for (const k of topLevelBetween(result.source.ast, from, to)) {
    const outputs = result.source.ast.items[k]!.kind === "ProcDecl" ? undefined : result.statements.outputs(k);
    if (!outputs) return undefined;
    found.push(outputs);
  }
  return found;
}
