import { isDeepStrictEqual } from "node:util";
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { LineIndex, type Span } from "../../diagnostics/span.js";
import type * as A from "../ast.js";
import { parse, type ParseResult } from "../parse.js";
import { contextAt, cutChunks, type Chunk } from "./chunks.js";
import { collectSpans, moveSpans } from "./shift.js";

/*
 * Incremental parsing for the language server. A file is cut into chunks of whole top-level
 * statements (chunks.ts); each chunk is parsed on its own, with the few lines after it as
 * lookahead. An edit changes the text between a common prefix and a common suffix of the old and
 * new text: the chunks before it (with their lookahead) and after it are reused, the latter's
 * span objects moved in place to where they now are in the file (shift.ts: the same objects, so
 * what a session computed from them moves too), and only the chunks in between are cut and
 * parsed again. The
 * result is the same as parse() of the whole text (a property test holds it to that), so check()
 * cannot tell the difference.
 *
 * Why a chunk parsed alone equals its part of the whole parse: the parser is LL(3) and its error
 * recovery looks at most 2 tokens ahead, so what it does with a chunk depends only on the chunk
 * and the next 3 tokens, which the lookahead lines hold; and the next chunk then starts from the
 * same state as a file does, provided the parser really is back at the top level where it
 * starts. That last part is verified, not assumed: the lookahead's first token must begin a
 * top-level item of the chunk's parse. When it does not (a `{` left open, a statement that goes
 * on over the next line), the two chunks are merged and parsed as one. A reused chunk keeps its
 * text and its lookahead, so what was verified of it still holds.
 */

interface ChunkParse {
  readonly items: readonly A.Item[];
  readonly comments: readonly A.Comment[];
  readonly diagnostics: readonly Diagnostic[];
  /** Whether the parser was back at the top level at the first token after the chunk. */
  readonly endsAtTopLevel: boolean;
  /** Every span object of the parse, to move them when the chunk moves (shift.ts). */
  readonly spans: readonly Span[];
  /** Where the spans are now: the chunk's start and first line in the file they were last placed in. */
  at: { start: number; line: number };
}

/** A parsed chunk of the latest text: where it is, how long it and its lookahead are. */
interface Piece {
  readonly start: number;
  readonly line: number;
  readonly length: number;
  /** 0 for the last chunk, which is parsed with no lookahead. */
  readonly contextLength: number;
  readonly parsed: ChunkParse;
}

function parseChunk(chunk: string, context: string, file: string): ChunkParse {
  const { ast, diagnostics } = parse(chunk + context, file);
  // What lies in the lookahead belongs to the next chunk; the last chunk keeps everything, its
  // errors at the end of the file included.
  const end = context === "" ? Infinity : chunk.length;
  const first = chunk.length + (/^[ \t]*/.exec(context)?.[0].length ?? 0);
  const items = ast.items.filter((i) => i.span.start < end);
  const comments = ast.comments.filter((c) => c.span.start < end);
  const kept = diagnostics.filter((d) => d.span.start < end);
  return {
    items,
    comments,
    diagnostics: kept,
    endsAtTopLevel: context === "" || ast.items.some((i) => i.span.start === first),
    spans: collectSpans([items, comments, kept]),
    at: { start: 0, line: 0 },
  };
}

/**
 * Below this size a whole parse is cheaper than the chunk bookkeeping (the seed example: 0.1 ms
 * whole, several chunks re-parsed with their lookahead after an edit near them: 0.8 ms).
 */
const CHUNKED_FROM = 16 * 1024;

function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/** The common suffix of `a` and `b`, at most `limit` long (so it never overlaps the common prefix). */
function commonSuffix(a: string, b: string, limit: number): number {
  let i = 0;
  while (i < limit && a.charCodeAt(a.length - 1 - i) === b.charCodeAt(b.length - 1 - i)) i++;
  return i;
}

const keyOf = (chunk: string, context: string) => `${chunk}\0${context}`;

function newlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf("\n", from); i >= 0 && i < to; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

/** One document's incremental parser. Memory: the chunks of its latest text, nothing older. */
export class IncrementalParser {
  private previous: { readonly text: string; readonly file: string; readonly pieces: readonly Piece[] } | undefined;

  /** `chunkedFrom`: the text length from which chunks pay; tests set 0 to chunk every file. */
  constructor(private readonly chunkedFrom = CHUNKED_FROM) {}

  parse(text: string, file: string): ParseResult {
    // A lone carriage return is a line break to the lexer and not to LineIndex, and the parser's
    // error placement compares the two kinds of line number, which only agree in a whole parse.
    if (text.length < this.chunkedFrom || /\r(?!\n)/.test(text)) {
      this.previous = undefined;
      return parse(text, file);
    }
    const pieces = this.pieces(text, file);
    this.previous = { text, file, pieces };
    const items: A.Item[] = [];
    const comments: A.Comment[] = [];
    const diagnostics: Diagnostic[] = [];
    for (const piece of pieces) {
      const placed = place(piece);
      for (const item of placed.items) items.push(item);
      for (const comment of placed.comments) comments.push(comment);
      for (const diagnostic of placed.diagnostics) diagnostics.push(diagnostic);
    }
    // A syntax error is repaired by looking across statements (a missing brace or comma, a keyword
    // typo on the line after `load`: syntax/mistakes.ts), which a chunk cannot see: a file with one
    // is parsed whole, so the result is always parse()'s. Clean files, the common case, keep chunks.
    if (diagnostics.length > 0) return parse(text, file);
    const lines = new LineIndex(text);
    return { ast: { kind: "BondFile", items, comments, span: lines.span(file, 0, text.length) }, diagnostics, lines };
  }

  /** The parsed chunks of `text`: the previous text's where the edit left them alone, new ones around it. */
  private pieces(text: string, file: string): Piece[] {
    const old = this.previous?.file === file ? this.previous : undefined;
    let head: Piece[] = [];
    let tail: Piece[] = [];
    let delta = 0;
    let lineDelta = 0;
    // The old chunks between the two, by their text and lookahead: the text between two edits far
    // apart (an undo, a paste) is mostly statements that were already parsed.
    const spare = new Map<string, ChunkParse>();
    // The same by their text alone: a chunk just before the edit is parsed again because its
    // lookahead changed, and mostly parses as it did.
    const spareByText = new Map<string, ChunkParse[]>();
    const taken = new Set<ChunkParse>();
    if (old) {
      const prefix = commonPrefix(old.text, text);
      const suffix = commonSuffix(old.text, text, Math.min(old.text.length, text.length) - prefix);
      const oldEnd = old.text.length - suffix;
      const kept = old.pieces.findIndex((p) => p.contextLength === 0 || p.start + p.length + p.contextLength >= prefix);
      head = old.pieces.slice(0, kept < 0 ? old.pieces.length : kept);
      tail = old.pieces.filter((p) => p.start >= oldEnd && p.start > 0);
      for (const p of old.pieces.slice(head.length, old.pieces.length - tail.length)) {
        const end = p.start + p.length;
        const chunkText = old.text.slice(p.start, end);
        spare.set(keyOf(chunkText, old.text.slice(end, end + p.contextLength)), p.parsed);
        spareByText.set(chunkText, [...(spareByText.get(chunkText) ?? []), p.parsed]);
      }
      delta = text.length - old.text.length;
      lineDelta = newlines(text, prefix, text.length - suffix) - newlines(old.text, prefix, oldEnd);
    }
    const last = head[head.length - 1];
    const from = last ? last.start + last.length : 0;
    const fromLine = last ? last.line + newlines(text, last.start, from) : 0;
    // The tail's chunks, by where they start in the new text: cutting stops at the first of them.
    const tailAt = new Map(tail.map((p, i) => [p.start + delta, i]));
    const cut = cutChunks(text, from, fromLine, (offset) => tailAt.has(offset));
    const rest: (Chunk | Piece)[] = [...cut.chunks];
    if (cut.stoppedAt !== undefined) {
      for (const p of tail.slice(tailAt.get(cut.stoppedAt)))
        rest.push({ ...p, start: p.start + delta, line: p.line + lineDelta });
    }
    const out = head;
    for (let i = 0; i < rest.length; i++) {
      const next = rest[i]!;
      if ("parsed" in next) {
        out.push(next);
        continue;
      }
      let chunk: Chunk = next;
      let context = contextAt(text, chunk.start + chunk.text.length);
      // Each old parse is taken once: two equal chunks in the new text need two parses, each placed where it is.
      const parseOf = () => {
        const found = spare.get(keyOf(chunk.text, context));
        if (found && !taken.has(found)) {
          taken.add(found);
          return found;
        }
        const fresh = parseChunk(chunk.text, context, file);
        // The same parse as before with another lookahead: the old one's statements stay the same
        // objects, so what a session made of them (api/session.ts) still holds.
        const same = spareByText.get(chunk.text)?.find((p) => !taken.has(p) && sameParse(p, fresh));
        if (same) taken.add(same);
        return same ?? fresh;
      };
      let parsed = parseOf();
      while (!parsed.endsAtTopLevel && i + 1 < rest.length) {
        // The statement runs on into the next chunk: parse the two as one.
        const following = rest[i + 1]!;
        const length = "parsed" in following ? following.length : following.text.length;
        chunk = { start: chunk.start, line: chunk.line, text: text.slice(chunk.start, following.start + length) };
        rest.splice(i + 1, 1);
        context = contextAt(text, chunk.start + chunk.text.length);
        parsed = parseOf();
      }
      out.push({
        start: chunk.start,
        line: chunk.line,
        length: chunk.text.length,
        contextLength: context.length,
        parsed,
      });
    }
    return out;
  }
}

/** Whether `fresh` (a new parse, moved to where `old` is for the comparison) says what `old` says. */
function sameParse(old: ChunkParse, fresh: ChunkParse): boolean {
  moveSpans(fresh.spans, old.at.start - fresh.at.start, old.at.line - fresh.at.line);
  fresh.at = { ...old.at };
  return isDeepStrictEqual(
    [old.items, old.comments, old.diagnostics, old.endsAtTopLevel],
    [fresh.items, fresh.comments, fresh.diagnostics, fresh.endsAtTopLevel],
  );
}

/**
 * The chunk's parse, moved (in place) to where the chunk now is in the file. Each chunk parse is
 * placed once per text: a spare one taken by its text is taken once (pieces() deletes it).
 */
function place(piece: Piece): ChunkParse {
  const { parsed, start, line } = piece;
  moveSpans(parsed.spans, start - parsed.at.start, line - parsed.at.line);
  parsed.at = { start, line };
  return parsed;
}
