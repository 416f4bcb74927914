import { firstWhere } from "../lists.js";

/**
 * A half-open range of source text. Lines and columns are 1-based (what editors and humans
 * show); offsets are 0-based UTF-16 indices into the file text (what the parser and LSP use).
 */
export interface Span {
  readonly file: string;
  readonly start: number;
  readonly end: number;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/** The offsets at which `text`'s lines start: 0 and every offset just after a `\n`. */
function lineStartsOf(text: string, from = 0, to = text.length, starts: number[] = [0]): number[] {
  for (let i = text.indexOf("\n", from); i >= 0 && i < to; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

/** How many of the ascending `starts` are at most `offset`. */
const countUpTo = (starts: readonly number[], offset: number): number =>
  firstWhere(starts.length, (i) => starts[i]! > offset);

/** Maps offsets to 1-based line/column pairs for one file's text. */
export class LineIndex {
  /** `lineStarts`: where `text`'s lines start, when the caller already knows (edited()). */
  constructor(
    readonly text: string,
    private readonly lineStarts: readonly number[] = lineStartsOf(text),
  ) {}

  /**
   * The index of `text`, this one's text with the characters between its first `prefix` and its
   * last `suffix` replaced (the two must not overlap), without reading all of `text` again: the
   * lines that start in the prefix are where they were, those that start in the suffix moved by
   * the change in length, and only the replaced part is scanned for line breaks. The language
   * server's incremental parser makes one per edit of a long file.
   */
  edited(text: string, prefix: number, suffix: number): LineIndex {
    const old = this.lineStarts;
    const delta = text.length - this.text.length;
    // A line starts after a `\n`: at or before `prefix`, the `\n` is in the common prefix.
    const starts = lineStartsOf(text, prefix, text.length - suffix, old.slice(0, countUpTo(old, prefix)));
    // After the replaced part's end, the `\n` is in the common suffix.
    for (let k = countUpTo(old, this.text.length - suffix); k < old.length; k++) starts.push(old[k]! + delta);
    return new LineIndex(text, starts);
  }

  position(offset: number): { line: number; column: number } {
    const lo = Math.max(0, countUpTo(this.lineStarts, offset) - 1);
    return { line: lo + 1, column: offset - (this.lineStarts[lo] ?? 0) + 1 };
  }

  lineText(line: number): string {
    const start = this.lineStarts[line - 1] ?? this.text.length;
    const next = this.lineStarts[line];
    const end = next === undefined ? this.text.length : next - 1;
    return this.text.slice(start, end).replace(/\r$/, "");
  }

  /** Offset of the first character of a 1-based line (the text length past the last line). */
  lineStart(line: number): number {
    return this.lineStarts[line - 1] ?? this.text.length;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  span(file: string, start: number, end: number): Span {
    const s = this.position(start);
    const e = this.position(end);
    return { file, start, end, line: s.line, column: s.column, endLine: e.line, endColumn: e.column };
  }
}
