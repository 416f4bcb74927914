import { isDeepStrictEqual } from "node:util";
import { firstWhere } from "../../lists.js";
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { LineIndex, type Span } from "../../diagnostics/span.js";
import type * as A from "../ast.js";
import { parse, type ParseResult } from "../parse.js";
import { contextAt, cutChunks, decidingLookahead, withoutTokenlessLines, type Chunk } from "./chunks.js";
import { editAddsLoneCarriageReturn, editBetween, type TextEdit } from "./edit.js";
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
 * and the next 3 tokens, which the lookahead lines hold. (The lookahead is parsed without its
 * blank and comment-only lines after the first: the same tokens, each on the line of the one
 * before it or not as before, which is all the parser and its repairs read of it; where in the
 * file its tokens are changes only spans that are not kept.) The next chunk then starts from the
 * same state as a file does, provided the parser really is back at the top level where it
 * starts. That last part is verified, not assumed: the lookahead's first token must begin a
 * top-level item of the chunk's parse. When it does not (a `{` left open, a statement that goes
 * on over the next line), the two chunks are merged and parsed as one. A chunk is reused when its
 * text and the part of its lookahead that decides its parse (chunks.ts: decidingLookahead) are
 * the same, so what was verified of it still holds. The lookahead goes on past those lines to the
 * end of a block they open, only so that the parse does not stop inside one: a statement typed in
 * a block is not a reason to parse again the chunks whose lookahead merely runs through it.
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
  readonly at: { start: number; line: number };
}

/**
 * A parsed chunk of the latest text: where it is, how long it and its lookahead are. The pieces
 * after an edit are the previous text's, moved: their position changes in place, so that an edit
 * costs no copy of every piece after it.
 */
interface Piece {
  start: number;
  line: number;
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

const keyOf = (chunk: string, context: string) => `${chunk}\0${context}`;

/** The first index in `pieces` from which `after` holds (it must hold for every piece from there on). */
const firstFrom = (pieces: readonly Piece[], after: (piece: Piece) => boolean): number =>
  firstWhere(pieces.length, (i) => after(pieces[i]!));

/** What a text's chunk parses hold together, in file order. */
interface Parts {
  readonly items: readonly A.Item[];
  readonly comments: readonly A.Comment[];
  readonly diagnostics: readonly Diagnostic[];
}

const noParts: Parts = { items: [], comments: [], diagnostics: [] };

/** The pieces of a text, and which of them are new to it. */
interface Pieces {
  readonly pieces: Piece[];
  /** pieces[from, to) are new; those before are the previous text's as they were, those after it moved. */
  readonly from: number;
  readonly to: number;
  /**
   * Where the previous text's pieces that were let go start (the first one's start) and end (the
   * start of the first one kept after them), in the previous text.
   */
  readonly dropped: { readonly start: number; readonly end: number };
}

/** What the parser keeps of the latest text it chunked. */
interface Previous {
  readonly text: string;
  readonly file: string;
  readonly lines: LineIndex;
  readonly pieces: Piece[];
  readonly parts: Parts;
}

/** The first of `all` (in order of where they start) that starts at or after `offset`. */
const firstAt = (all: readonly { readonly span: Span }[], offset: number): number =>
  firstWhere(all.length, (i) => all[i]!.span.start >= offset);

/**
 * The parts of the new text: the old parts of the pieces before and after the dropped ones (found
 * by where they start: a chunk's parts start in it, and the old spans are not moved yet), and in
 * between those of the new pieces. Copies of arrays, not a walk of every piece.
 */
function spliceParts(old: Parts, dropped: Pieces["dropped"], made: readonly Piece[]): Parts {
  const splice = <T extends { readonly span: Span }>(all: readonly T[], of: (parsed: ChunkParse) => readonly T[]) => {
    const out = all.slice(0, firstAt(all, dropped.start));
    for (const piece of made) for (const x of of(piece.parsed)) out.push(x);
    for (let i = firstAt(all, dropped.end); i < all.length; i++) out.push(all[i]!);
    return out;
  };
  return {
    items: splice(old.items, (p) => p.items),
    comments: splice(old.comments, (p) => p.comments),
    diagnostics: splice(old.diagnostics, (p) => p.diagnostics),
  };
}

/** One document's incremental parser. Memory: the chunks of its latest text, nothing older. */
export class IncrementalParser {
  private previous: Previous | undefined;

  parse(text: string, file: string): ParseResult {
    const old = this.previous?.file === file ? this.previous : undefined;
    // Kept only once this text's pieces are made: they are the previous ones, changed in place.
    this.previous = undefined;
    const changed = old && { ...old, edit: editBetween(old.text, text) };
    // A lone carriage return is a line break to the lexer and not to LineIndex, and the parser's
    // error placement compares the two kinds of line number, which only agree in a whole parse.
    // The previous text had none (it was chunked), so only the edit can have brought one.
    if (changed ? editAddsLoneCarriageReturn(text, changed.edit) : /\r(?!\n)/.test(text)) return parse(text, file);
    const lines = changed ? changed.lines.edited(text, changed.edit.prefix, changed.edit.suffix) : new LineIndex(text);
    const { pieces, from, to, dropped } = this.pieces(text, file, lines, changed);
    const parts = spliceParts(changed?.parts ?? noParts, dropped, pieces.slice(from, to));
    // The pieces before the new ones are where they were.
    for (let i = from; i < pieces.length; i++) place(pieces[i]!);
    this.previous = { text, file, lines, pieces, parts };
    const { items, comments, diagnostics } = parts;
    // A syntax error is repaired by looking across statements (a missing brace or comma, a keyword
    // typo on the line after `load`: syntax/mistakes.ts), which a chunk cannot see: a file with one
    // is parsed whole, so the result is always parse()'s. Clean files, the common case, keep chunks.
    if (diagnostics.length > 0) return parse(text, file);
    return { ast: { kind: "BondFile", items, comments, span: lines.span(file, 0, text.length) }, diagnostics, lines };
  }

  /**
   * The parsed chunks of `text`: the previous text's where `old.edit` left them alone (those after
   * it moved in place), new ones around it.
   */
  private pieces(text: string, file: string, lines: LineIndex, old?: Previous & { readonly edit: TextEdit }): Pieces {
    // The old pieces before the edit, with their lookahead, and from `tailFrom` on those after it.
    let headEnd = 0;
    let tailFrom = 0;
    let delta = 0;
    let lineDelta = 0;
    // The old chunks between the two, by their text and the part of the lookahead that decided
    // their parse: the text between two edits far apart (an undo, a paste) is mostly statements
    // that were already parsed, and a line typed in a comment or left blank, or in a block further
    // on, changes the lookahead of the chunks before it, not what decided their parse.
    const spare = new Map<string, ChunkParse>();
    // The same by their text alone: a chunk just before the edit is parsed again because its
    // lookahead changed, and mostly parses as it did.
    const spareByText = new Map<string, ChunkParse[]>();
    const taken = new Set<ChunkParse>();
    const oldPieces = old?.pieces ?? [];
    if (old) {
      const { prefix, suffix } = old.edit;
      const oldEnd = old.text.length - suffix;
      // Pieces are in order, and so are their ends and their lookaheads' ends: binary searches.
      headEnd = firstFrom(oldPieces, (p) => p.contextLength === 0 || p.start + p.length + p.contextLength >= prefix);
      tailFrom = firstFrom(oldPieces, (p) => p.start >= oldEnd && p.start > 0);
      for (const p of oldPieces.slice(headEnd, tailFrom)) {
        const end = p.start + p.length;
        const chunkText = old.text.slice(p.start, end);
        const context = old.text.slice(end, end + p.contextLength);
        spare.set(keyOf(chunkText, decidingLookahead(context)), p.parsed);
        spareByText.set(chunkText, [...(spareByText.get(chunkText) ?? []), p.parsed]);
      }
      delta = text.length - old.text.length;
      lineDelta = lines.lineCount - old.lines.lineCount;
    }
    const out = oldPieces.slice(0, headEnd);
    const last = out[out.length - 1];
    const from = last ? last.start + last.length : 0;
    const fromLine = lines.position(from).line - 1;
    // The old piece after the edit that starts at `offset` of the new text, if one does.
    const tailAt = (offset: number): number | undefined => {
      const i = firstFrom(oldPieces, (p) => p.start + delta >= offset);
      return i >= tailFrom && i < oldPieces.length && oldPieces[i]!.start + delta === offset ? i : undefined;
    };
    // Cutting stops at the first old piece after the edit; it and the rest are reused from `reused` on.
    // An edit that only took text away (a line deleted) can leave one right where the cut would
    // begin, which cutting never sees (it stops at the cuts it makes): taken as it is.
    const cut =
      tailAt(from) !== undefined
        ? { chunks: [], stoppedAt: from }
        : cutChunks(text, from, fromLine, (offset) => tailAt(offset) !== undefined);
    let reused = cut.stoppedAt === undefined ? oldPieces.length : tailAt(cut.stoppedAt)!;
    const chunks = cut.chunks;
    for (let i = 0; i < chunks.length; i++) {
      let chunk: Chunk = chunks[i]!;
      let context = contextAt(text, chunk.start + chunk.text.length);
      // Each old parse is taken once: two equal chunks in the new text need two parses, each placed where it is.
      const parseOf = () => {
        const found = spare.get(keyOf(chunk.text, decidingLookahead(context)));
        if (found && !taken.has(found)) {
          taken.add(found);
          return found;
        }
        const fresh = parseChunk(chunk.text, withoutTokenlessLines(context), file);
        // The same parse as before with another lookahead: the old one's statements stay the same
        // objects, so what a session made of them (api/session.ts) still holds.
        const same = spareByText.get(chunk.text)?.find((p) => !taken.has(p) && sameParse(p, fresh));
        if (same) taken.add(same);
        return same ?? fresh;
      };
      let parsed = parseOf();
      while (!parsed.endsAtTopLevel) {
        // The statement runs on into the next chunk, a new one or a reused one: parse the two as one.
        let end: number;
        if (i + 1 < chunks.length) {
          const following = chunks[++i]!;
          end = following.start + following.text.length;
        } else if (reused < oldPieces.length) {
          const following = oldPieces[reused++]!;
          end = following.start + delta + following.length;
        } else break;
        chunk = { start: chunk.start, line: chunk.line, text: text.slice(chunk.start, end) };
        context = contextAt(text, end);
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
    const made = { from: headEnd, to: out.length };
    const dropped = { start: oldPieces[headEnd]?.start ?? Infinity, end: oldPieces[reused]?.start ?? Infinity };
    for (; reused < oldPieces.length; reused++) {
      const p = oldPieces[reused]!;
      p.start += delta;
      p.line += lineDelta;
      out.push(p);
    }
    return { pieces: out, ...made, dropped };
  }
}

/** Whether `fresh` (a new parse, moved to where `old` is for the comparison) says what `old` says. */
function sameParse(old: ChunkParse, fresh: ChunkParse): boolean {
  moveTo(fresh, old.at.start, old.at.line);
  return isDeepStrictEqual(
    [old.items, old.comments, old.diagnostics, old.endsAtTopLevel],
    [fresh.items, fresh.comments, fresh.diagnostics, fresh.endsAtTopLevel],
  );
}

/**
 * The chunk's parse, moved (in place) to where the chunk now is in the file. Each chunk parse is
 * placed once per text: a spare one is taken once (pieces()).
 */
function place(piece: Piece): void {
  moveTo(piece.parsed, piece.start, piece.line);
}

/** Moves a chunk parse's spans (in place) so that the chunk starts at `start`, on 0-based line `line`. */
function moveTo(parsed: ChunkParse, start: number, line: number): void {
  moveSpans(parsed.spans, start - parsed.at.start, line - parsed.at.line);
  parsed.at.start = start;
  parsed.at.line = line;
}
