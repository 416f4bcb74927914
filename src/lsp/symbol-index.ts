import type { CheckResult } from "../api/check.js";
import type { Span } from "../diagnostics/span.js";
import type { SourceFile } from "../semantic/sources.js";
import type { Definition, Reference, TypedSpan } from "../semantic/symbols.js";
import { SpanIndex } from "./span-index.js";
import { outputsBetween } from "./statement-lookup.js";
import { contains } from "./syntax-walk.js";

/*
 * The symbol table of one check, indexed by position for the requests that ask about the name
 * under the cursor (hover, definition, references, rename). Built on a check's first request and
 * kept with its source (one per lowering of a text: a check carried further, CheckSession.deepen,
 * has the same one): the spans move (syntax/incremental/shift.ts) only when the session checks
 * the next text, which makes a new source.
 */

/**
 * Where a span is written. A definition is known by it: a procedure's parameter gets a Definition
 * per call, all written in one place.
 */
export const spanKey = (span: Span) => `${span.file}:${span.start}`;

/** The symbol table's lists, by what their entries are. */
interface Entries {
  readonly definitions: Definition;
  readonly references: Reference;
  readonly types: TypedSpan;
}
type Lists = { readonly [K in keyof Entries]: readonly Entries[K][] };

type Indexes = { readonly [K in keyof Entries]: Map<string, SpanIndex<Entries[K]>> };

type SymbolIndex = Indexes & {
  /** Each definition's references, by spanKey of the definition; made on the first references or rename. */
  uses?: ReadonlyMap<string, readonly Span[]>;
};

const indexes = new WeakMap<SourceFile, SymbolIndex>();

function indexOf(result: CheckResult): SymbolIndex {
  let index = indexes.get(result.source);
  if (!index) indexes.set(result.source, (index = { references: new Map(), definitions: new Map(), types: new Map() }));
  return index;
}

/** The file's entries of `list`, indexed once; the first of those with the very same span stands for them all. */
function inFile<T extends { readonly span: Span }>(
  known: Map<string, SpanIndex<T>>,
  list: readonly T[],
  file: string,
): SpanIndex<T> {
  let index = known.get(file);
  if (!index) {
    index = new SpanIndex(list, (e) => (e.span.file === file ? e.span : undefined), true);
    known.set(file, index);
  }
  return index;
}

/**
 * The entries of `file` whose spans the cursor at `offset` touches, in the table's order: from
 * the statement there when it has its own results (statement-lookup.ts), else from the index.
 */
function touching<K extends keyof Entries>(result: CheckResult, file: string, offset: number, part: K): Entries[K][] {
  const near = outputsBetween(result, file, offset, offset);
  if (near) {
    const entries = near.flatMap((outputs): readonly Entries[K][] => (outputs as Lists)[part]);
    return entries.filter((e) => e.span.file === file && contains(e.span, offset));
  }
  const known = (indexOf(result) as Indexes)[part];
  return inFile(known, (result.symbols as Lists)[part], file)
    .containing(offset)
    .map((found) => found.item);
}

/** The first reference (in the table's order) whose name in `file` the cursor at `offset` touches. */
export function referenceAt(result: CheckResult, file: string, offset: number): Reference | undefined {
  return touching(result, file, offset, "references")[0];
}

/** The first definition whose defining name in `file` the cursor at `offset` touches. */
export function definitionNameAt(result: CheckResult, file: string, offset: number): Definition | undefined {
  return touching(result, file, offset, "definitions")[0];
}

/** The first definition whose defining name in `file` starts at `start`. */
export function definitionStartingAt(result: CheckResult, file: string, start: number): Definition | undefined {
  return touching(result, file, start, "definitions").find((d) => d.span.start === start);
}

/** The innermost typed expression of `file` at `offset`: the shortest, the first in the table's order of those as short. */
export function typedAt(result: CheckResult, file: string, offset: number): TypedSpan | undefined {
  let best: TypedSpan | undefined;
  for (const item of touching(result, file, offset, "types")) {
    if (!best || item.span.end - item.span.start < best.span.end - best.span.start) best = item;
  }
  return best;
}

/** The spans of every reference to the definition written at `key` (spanKey), in the table's order. */
export function usesOf(result: CheckResult, key: string): readonly Span[] {
  const index = indexOf(result);
  if (!index.uses) {
    const uses = new Map<string, Span[]>();
    for (const r of result.symbols.references) {
      const k = spanKey(r.definition.span);
      let list = uses.get(k);
      if (!list) uses.set(k, (list = []));
      list.push(r.span);
    }
    index.uses = uses;
  }
  return index.uses.get(key) ?? [];
}
