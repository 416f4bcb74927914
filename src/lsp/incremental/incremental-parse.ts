import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { LineIndex } from "../../diagnostics/span.js";
import type * as A from "../../syntax/ast.js";
import { parse, type ParseResult } from "../../syntax/parse.js";
import { chunksOf, contextAfter, type Chunk } from "./chunks.js";
import { shiftSpans } from "./shift.js";

/*
 * Incremental parsing for the language server. A file is cut into chunks of whole top-level
 * statements (chunks.ts); each chunk is parsed on its own, with the few lines after it as
 * lookahead, and the parse is cached under the chunk's text and that lookahead. An edit changes
 * one or two chunks, so only those are parsed again; the others are reused, moved to their new
 * place in the file. The result is the same as parse() of the whole text (a property test holds
 * it to that), so check() cannot tell the difference.
 *
 * Why a chunk parsed alone equals its part of the whole parse: the parser is LL(3) and its error
 * recovery looks at most 2 tokens ahead, so what it does with a chunk depends only on the chunk
 * and the next 3 tokens, which the lookahead lines hold; and the next chunk then starts from the
 * same state as a file does, provided the parser really is back at the top level where it
 * starts. That last part is verified, not assumed: the lookahead's first token must begin a
 * top-level item of the chunk's parse. When it does not (a `{` left open, a statement that goes
 * on over the next line), the two chunks are merged and parsed as one.
 */

interface ChunkParse {
  readonly items: readonly A.Item[];
  readonly comments: readonly A.Comment[];
  readonly diagnostics: readonly Diagnostic[];
  /** Whether the parser was back at the top level at the first token after the chunk. */
  readonly endsAtTopLevel: boolean;
  /** The last copy moved into place, reused while the chunk does not move. */
  placed?: {
    readonly start: number;
    readonly line: number;
    readonly items: readonly A.Item[];
    readonly comments: readonly A.Comment[];
    readonly diagnostics: readonly Diagnostic[];
  };
}

function parseChunk(chunk: string, context: string, file: string): ChunkParse {
  const { ast, diagnostics } = parse(chunk + context, file);
  // What lies in the lookahead belongs to the next chunk; the last chunk keeps everything, its
  // errors at the end of the file included.
  const end = context === "" ? Infinity : chunk.length;
  const first = chunk.length + (/^[ \t]*/.exec(context)?.[0].length ?? 0);
  return {
    items: ast.items.filter((i) => i.span.start < end),
    comments: ast.comments.filter((c) => c.span.start < end),
    diagnostics: diagnostics.filter((d) => d.span.start < end),
    endsAtTopLevel: context === "" || ast.items.some((i) => i.span.start === first),
  };
}

/**
 * Below this size a whole parse is cheaper than the chunk bookkeeping (the seed example: 0.1 ms
 * whole, several chunks re-parsed with their lookahead after an edit near them: 0.8 ms).
 */
const CHUNKED_FROM = 16 * 1024;

/** One document's incremental parser. Memory: the chunks of its latest text, nothing older. */
export class IncrementalParser {
  private cache = new Map<string, ChunkParse>();
  private file: string | undefined;

  /** `chunkedFrom`: the text length from which chunks pay; tests set 0 to chunk every file. */
  constructor(private readonly chunkedFrom = CHUNKED_FROM) {}

  parse(text: string, file: string): ParseResult {
    if (text.length < this.chunkedFrom) {
      this.cache.clear();
      return parse(text, file);
    }
    if (file !== this.file) {
      this.cache.clear();
      this.file = file;
    }
    const kept = new Map<string, ChunkParse>();
    const chunks: Chunk[] = chunksOf(text);
    const items: A.Item[] = [];
    const comments: A.Comment[] = [];
    const diagnostics: Diagnostic[] = [];
    for (let i = 0; i < chunks.length; i++) {
      let chunk = chunks[i]!;
      let context = contextAfter(chunks, i);
      let key = `${chunk.text}\0${context}`;
      let parsed = kept.get(key) ?? this.cache.get(key) ?? parseChunk(chunk.text, context, file);
      while (!parsed.endsAtTopLevel && i + 1 < chunks.length) {
        // The statement runs on into the next chunk: parse the two as one.
        chunk = { start: chunk.start, line: chunk.line, text: chunk.text + chunks[i + 1]!.text };
        chunks.splice(i, 2, chunk);
        context = contextAfter(chunks, i);
        key = `${chunk.text}\0${context}`;
        parsed = kept.get(key) ?? this.cache.get(key) ?? parseChunk(chunk.text, context, file);
      }
      kept.set(key, parsed);
      const placed = place(parsed, chunk);
      items.push(...placed.items);
      comments.push(...placed.comments);
      diagnostics.push(...placed.diagnostics);
    }
    // Only the latest text's chunks are kept: memory stays bounded however long the session.
    this.cache = kept;
    // A syntax error is repaired by looking across statements (a missing brace or comma, a keyword
    // typo on the line after `load`: syntax/mistakes.ts), which a chunk cannot see: a file with one
    // is parsed whole, so the result is always parse()'s. Clean files, the common case, keep chunks.
    if (diagnostics.length > 0) return parse(text, file);
    const lines = new LineIndex(text);
    return { ast: { kind: "BondFile", items, comments, span: lines.span(file, 0, text.length) }, diagnostics, lines };
  }
}

/** The chunk's parse moved to where the chunk now is in the file. */
function place(parsed: ChunkParse, chunk: Chunk): NonNullable<ChunkParse["placed"]> {
  if (parsed.placed?.start === chunk.start && parsed.placed.line === chunk.line) return parsed.placed;
  const [items, comments, diagnostics] = shiftSpans(
    [parsed.items, parsed.comments, parsed.diagnostics] as const,
    chunk.start,
    chunk.line,
  );
  parsed.placed = { start: chunk.start, line: chunk.line, items, comments, diagnostics };
  return parsed.placed;
}
