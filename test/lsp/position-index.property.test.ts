import fc from "fast-check";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { check, type CheckResult } from "../../src/api/check.js";
import { CheckSession } from "../../src/api/session.js";
import { largeProgram } from "../../src/bench/large-program.js";
import type { Span } from "../../src/diagnostics/span.js";
import { userSpan, type Action } from "../../src/ir/ir.js";
import { actionsOfBody, actionsOnLine, actionsWritten, firstActionFrom } from "../../src/lsp/action-index.js";
import { definitionAt } from "../../src/lsp/navigation.js";
import { definitionStartingAt, spanKey, typedAt, usesOf } from "../../src/lsp/symbol-index.js";
import { contains, identSites, identSitesAt, statementAt, statementSites } from "../../src/lsp/syntax-walk.js";
import { applyEdit, editStep, tokenSoup } from "../property/inputs.js";
import { examples, repoRoot } from "../support/repo.js";

/*
 * The editor's requests look things up by position in indexes of a check (symbol-index.ts,
 * action-index.ts, syntax-walk.ts), or in the results of the statement at that position
 * (statement-lookup.ts), rather than scanning the file. Here each lookup is held to
 * the scan it replaces, written out plainly, at every offset of the examples, the mistakes (broken
 * files whose recovered trees are odd), a file of procedures called many times (a name in a
 * body has a reference per call), edited copies of them and token soups.
 */

const mistakesDir = join(repoRoot, "examples", "mistakes");
const documents = [
  ...examples().map((e) => ({ path: e.path, text: e.text })),
  ...readdirSync(mistakesDir)
    .filter((f) => f.endsWith(".bond"))
    .map((f) => ({ path: join(mistakesDir, f), text: readFileSync(join(mistakesDir, f), "utf8") })),
  { path: join(repoRoot, "examples", "generated-procs.bond"), text: largeProgram("procedures", 40) },
];

const inside = (inner: Span, outer: Span) =>
  inner.file === outer.file && inner.start >= outer.start && inner.end <= outer.end;

/** What each lookup answered before the indexes: a scan of everything. */
const scan = {
  definitionAt(result: CheckResult, file: string, offset: number) {
    const ref = result.symbols.references.find((r) => r.span.file === file && contains(r.span, offset));
    if (ref) return { definition: ref.definition, at: ref.span };
    const def = result.symbols.definitions.find((d) => d.span.file === file && contains(d.span, offset));
    return def ? { definition: def, at: def.span } : undefined;
  },
  typedAt(result: CheckResult, file: string, offset: number) {
    return result.symbols.types
      .filter((t) => t.span.file === file && contains(t.span, offset))
      .sort((a, b) => a.span.end - a.span.start - (b.span.end - b.span.start))[0];
  },
  sitesAround(result: CheckResult, offset: number) {
    return statementSites(result.source.ast).filter((s) => contains(s.stmt.span, offset));
  },
  actionsInside(result: CheckResult, span: Span, where: (i: number) => Span) {
    return result.program.actions.flatMap((_, i) => (inside(where(i), span) ? [i] : []));
  },
};

function sameLookups(result: CheckResult): void {
  const { path, text } = result.source;
  const { actions } = result.program;
  const written = (i: number) => userSpan(actions[i]!, path);
  const names = identSites(result.source.ast);
  for (let offset = 0; offset <= text.length; offset++) {
    const at = `at ${offset} of ${path}`;
    const hit = definitionAt(result, path, offset);
    const scanned = scan.definitionAt(result, path, offset);
    expect(hit?.definition, at).toBe(scanned?.definition);
    expect(hit?.at, at).toBe(scanned?.at);
    expect(typedAt(result, path, offset), at).toBe(scan.typedAt(result, path, offset));
    expect(definitionStartingAt(result, path, offset), at).toBe(
      result.symbols.definitions.find((d) => d.span.file === path && d.span.start === offset),
    );
    const around = scan.sitesAround(result, offset);
    expect(statementAt(result.source.ast, offset), at).toEqual(around.find((s) => s.proc) ?? around[0]);
    const owners = new Set(around.map((s) => s.stmt));
    expect(identSitesAt(result.source.ast, offset), at).toEqual(
      names.filter((s) => owners.has(s.owner) && contains(s.ident.span, offset)),
    );
  }
  for (const site of statementSites(result.source.ast)) {
    const span = site.stmt.span;
    if (site.proc)
      expect(actionsOfBody(result, path, span)).toEqual(scan.actionsInside(result, span, (i) => actions[i]!.span));
    else {
      expect(actionsWritten(result, path, span)).toEqual(scan.actionsInside(result, span, written));
      // The statement that produced an action is where its outermost call is, or where it is.
      const producer = (a: Action) => a.callSites[0] ?? a.span;
      expect(firstActionFrom(result, span)).toBe(
        actions.findIndex((a) => producer(a).file === path && producer(a).start >= span.start),
      );
    }
  }
  for (let line = 1; line <= result.source.lines.lineCount; line++) {
    const onLine = actions.flatMap((a, i) =>
      userSpan(a, path).file === path && userSpan(a, path).line === line ? [i] : [],
    );
    expect(actionsOnLine(result, path, line)).toEqual(onLine);
  }
  for (const d of result.symbols.definitions) {
    const key = spanKey(d.span);
    expect(usesOf(result, key)).toEqual(
      result.symbols.references.filter((r) => spanKey(r.definition.span) === key).map((r) => r.span),
    );
  }
}

describe("lookups by position in a check's indexes", () => {
  it("answer as a scan does, at every offset of every example and mistake", () => {
    for (const d of documents) sameLookups(check(d.text, d.path));
  });

  it("answer as a scan does in edited examples and token soups", () => {
    const edited = fc.tuple(fc.constantFrom(...documents), fc.array(editStep, { minLength: 1, maxLength: 6 }));
    fc.assert(
      fc.property(
        fc.oneof(
          tokenSoup.map((text) => ({ path: join(repoRoot, "examples", "soup.bond"), text })),
          edited.map(([d, steps]) => ({ path: d.path, text: steps.reduce(applyEdit, d.text) })),
        ),
        (d) => sameLookups(check(d.text, d.path)),
      ),
      { numRuns: 100 },
    );
  });

  it("answer as a scan does after each edit of an editing session, whose results are mostly taken over", () => {
    fc.assert(
      fc.property(fc.constantFrom(...documents), fc.array(editStep, { minLength: 1, maxLength: 5 }), (d, steps) => {
        const session = new CheckSession(d.path);
        let text = d.text;
        session.check(text);
        for (const step of steps) {
          text = applyEdit(text, step);
          sameLookups(session.check(text));
        }
      }),
      { numRuns: 25 },
    );
  });
});
