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

/** Maps offsets to 1-based line/column pairs for one file's text. */
export class LineIndex {
  private readonly lineStarts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
    }
  }

  position(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.lineStarts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
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
