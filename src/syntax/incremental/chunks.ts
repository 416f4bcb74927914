/*
 * Cutting a file into chunks for the incremental parser: runs of whole lines, each starting at a
 * line that looks like the start of a top-level statement. The cut is only a guess (a cheap scan
 * of braces, strings and comments, not the lexer); the parser verifies every cut before trusting
 * it (see incremental-parse.ts), so a wrong guess costs time, never correctness.
 */

export interface Chunk {
  /** Offset of the chunk's first character in the file. */
  readonly start: number;
  /** 0-based line of that character. */
  readonly line: number;
  readonly text: string;
}

/** Lines that can start a top-level statement begin with a letter or `_` (a keyword or a call). */
const startsStatement = /^[ \t]*[A-Za-z_]/;

/** The brace depth change of one line, ignoring braces inside strings and comments. */
function braceDelta(line: string): number {
  let delta = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 35 /* # */) break;
    if (c === 34 /* " */) {
      // Strings cannot span lines; an unterminated one runs to the end of the line, as in the lexer.
      const close = line.indexOf('"', i + 1);
      if (close < 0) break;
      i = close;
    } else if (c === 123 /* { */) delta++;
    else if (c === 125 /* } */) delta--;
  }
  return delta;
}

/**
 * The chunks of `text` from `from` (the start of a line at brace depth 0, on 0-based line
 * `line`), in order, covering every character from there once. The scan stops early at the first
 * cut for which `stopAt(offset)` holds (the cut is then `stoppedAt`): a later cut depends only on
 * the depth and the text from there on, so from a cut the editor's previous chunks already had,
 * the rest of the file is cut as before.
 */
export function cutChunks(
  text: string,
  from: number,
  line: number,
  stopAt: (offset: number) => boolean = () => false,
): { chunks: Chunk[]; stoppedAt?: number } {
  const chunks: Chunk[] = [];
  let depth = 0;
  let chunkStart = from;
  let chunkLine = line;
  let offset = from;
  for (; offset < text.length; line++) {
    const newline = text.indexOf("\n", offset);
    const end = newline < 0 ? text.length : newline + 1;
    const lineText = text.slice(offset, end);
    if (depth === 0 && offset > chunkStart && startsStatement.test(lineText)) {
      chunks.push({ start: chunkStart, line: chunkLine, text: text.slice(chunkStart, offset) });
      if (stopAt(offset)) return { chunks, stoppedAt: offset };
      chunkStart = offset;
      chunkLine = line;
    }
    depth += braceDelta(lineText);
    offset = end;
  }
  if (chunkStart < text.length || chunks.length === 0)
    chunks.push({ start: chunkStart, line: chunkLine, text: text.slice(chunkStart) });
  return { chunks };
}

/** Lines of lookahead a chunk is parsed with: enough to hold the parser's 3 tokens of lookahead. */
const CONTEXT_LINES = 3;

/** Lines a lookahead may take beyond those to close a block it opened (a `{` never closed takes no more). */
const MAX_BLOCK_LINES = 64;

/** A line with a token on it: a character that starts one, before any comment. */
const hasToken = /^[^#\n]*[A-Za-z0-9_"{}(),:=./]/;

/** How many more `{` than `}` lines have, outside their strings and comments. */
function braceBalance(line: string): number {
  let balance = 0;
  for (const m of line.matchAll(/"(?:[^"\\\n]|\\.)*"?|#.*|[{}]/g)) {
    if (m[0] === "{") balance++;
    else if (m[0] === "}") balance--;
  }
  return balance;
}

/** Where the line that starts at `start` ends, its `\n` included. */
function lineEnd(text: string, start: number): number {
  const newline = text.indexOf("\n", start);
  return newline < 0 ? text.length : newline + 1;
}

/** The end of the CONTEXT_LINES-th line from `offset` that holds a token (or of the text). */
function tokenLinesEnd(text: string, offset: number): number {
  let found = 0;
  let end = offset;
  while (end < text.length && found < CONTEXT_LINES) {
    const next = lineEnd(text, end);
    if (hasToken.test(text.slice(end, next))) found++;
    end = next;
  }
  return end;
}

/**
 * The text from `offset` (the end of a chunk) that the chunk's parse may look at: the following
 * lines up to and including the third that holds a token (the parser looks at most 3 tokens
 * ahead), and on to the end of a block those lines open. Any lookahead holding those 3 tokens
 * gives the chunk the same parse; one that stops inside a block makes the parser meet the end of
 * the text there and recover from it, which costs a chunk's parse several times over.
 */
export function contextAt(text: string, offset: number): string {
  let end = tokenLinesEnd(text, offset);
  let open = braceBalance(text.slice(offset, end));
  for (let blockLines = 0; end < text.length && open > 0 && blockLines < MAX_BLOCK_LINES; blockLines++) {
    const next = lineEnd(text, end);
    open += braceBalance(text.slice(end, next));
    end = next;
  }
  return text.slice(offset, end);
}

/**
 * The part of a lookahead (contextAt()) that decides the parse of the chunk before it: its lines
 * up to the third that holds a token (the parser looks at most 3 tokens ahead), without the blank
 * and comment-only lines after the first (withoutTokenlessLines()). The rest, the end of a block
 * those lines open, is parsed with the chunk only so that the parse does not meet the end of its
 * text inside a block; what the parser makes of the chunk is the same whatever that rest holds.
 */
export function decidingLookahead(context: string): string {
  return withoutTokenlessLines(context.slice(0, tokenLinesEnd(context, 0)));
}

/** A line with no token: blank, or a comment alone. */
const tokenless = /^[ \t\r]*(?:#[^\n]*)?\n?$/;

/**
 * A lookahead (contextAt()) without its blank and comment-only lines after the first: the same
 * tokens in the same order, on lines in the same order, and the first token where it was (the
 * first line, which says whether the chunk before it ended a statement, is kept whatever it is).
 */
export function withoutTokenlessLines(context: string): string {
  const first = context.indexOf("\n") + 1 || context.length;
  let kept = context.slice(0, first);
  for (let start = first; start < context.length;) {
    const newline = context.indexOf("\n", start);
    const end = newline < 0 ? context.length : newline + 1;
    const line = context.slice(start, end);
    if (!tokenless.test(line)) kept += line;
    start = end;
  }
  return kept;
}
