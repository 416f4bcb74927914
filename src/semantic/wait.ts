import type { Span } from "../diagnostics/span.js";
import type * as A from "../syntax/ast.js";
import { suggestName } from "../syntax/literals.js";
import { evaluateConst, type EvalContext } from "./evaluate.js";
import { defaultClientDeadline, settingsFor } from "./settings.js";
import { uniqueSettings, unknownSetting } from "./statements.js";

/*
 * `wait clients { deadline 600  then bond }`: the server's wait for every client of the
 * inventory (docs/cluster.md). What happens at the deadline with clients still missing is the
 * program's choice, and the safe one is the default: `then fail` leaves the server unbonded,
 * because the missing clients may still be mounting their roots through its boot NIC.
 */

/** What the server does at the deadline when clients are still missing. */
export type LateClients = "fail" | "bond";
const lateWords: readonly LateClients[] = ["fail", "bond"];

export interface TypedWait {
  /** Seconds. */
  readonly deadline: number;
  readonly then: LateClients;
  /** Where `then bond` is written: the explicit choice to bond with clients missing. */
  readonly thenSpan?: Span;
}

/** Reports a word that is not one of `words`; returns it when it is. */
function oneOf<T extends string>(word: A.Ident, words: readonly T[], what: string, ctx: EvalContext): T | undefined {
  if ((words as readonly string[]).includes(word.name)) return word.name as T;
  const suggestion = suggestName(word.name, words);
  ctx.bag.report("BOND0133", word.span, `\`${word.name}\` is not ${what}`, {
    help: suggestion ? `did you mean \`${suggestion}\`?` : `write ${words.map((w) => `\`${w}\``).join(" or ")}`,
  });
  return undefined;
}

export function typeWait(stmt: A.WaitStmt, ctx: EvalContext): TypedWait {
  // A wrong subject is reported and read as `clients`, so the steps after it are not also
  // reported as bonding before any wait (one mistake, one message).
  if (stmt.what.name !== "") oneOf(stmt.what, ["clients"], "something a server waits for", ctx);
  let deadline = defaultClientDeadline;
  let then: LateClients = "fail";
  let thenSpan: Span | undefined;
  for (const s of uniqueSettings(stmt.settings ?? [], ctx)) {
    const first = s.values[0];
    if (!first) continue;
    if (s.name.name === "deadline") {
      const value = evaluateConst(first, "int", ctx);
      if (value) deadline = Number(value.text);
    } else if (s.name.name === "then") {
      const word = first.kind === "NameExpr" ? first.name : { kind: "Ident" as const, name: "?", span: first.span };
      const late = oneOf(word, lateWords, "what a server does with clients missing", ctx);
      if (late) then = late;
      if (late === "bond") thenSpan = s.span;
    } else
      unknownSetting(
        s,
        settingsFor("wait").map((w) => w.name),
        "wait clients",
        ctx,
      );
  }
  return { deadline, then, ...(thenSpan ? { thenSpan } : {}) };
}
