/*
 * The CSV an inventory is written in: RFC 4180 fields (a field in double quotes may hold commas,
 * and "" stands for one quote), LF or CRLF line ends, plus two things spreadsheets and scripts
 * never emit but admins write by hand: blank lines and lines starting with `#` are skipped. Every
 * cell keeps its offsets, so a mistake in it is reported at file:line:col like a .bond literal.
 */

export interface Cell {
  /** Unquoted, with surrounding spaces removed. */
  readonly value: string;
  /** Offsets of the cell's text in the file, quotes included, spaces around it excluded. */
  readonly start: number;
  readonly end: number;
}

export interface Row {
  readonly cells: readonly Cell[];
  /** Offsets of the whole row, without its line end. */
  readonly start: number;
  readonly end: number;
}

export interface CsvProblem {
  readonly message: string;
  readonly start: number;
  readonly end: number;
}

/** The rows of `text` (comment and blank lines left out), and the first quoting problem of each row. */
export function readCsv(text: string): { rows: Row[]; problems: CsvProblem[] } {
  const rows: Row[] = [];
  const problems: CsvProblem[] = [];
  let i = 0;
  while (i < text.length) {
    const lineEnd = nextLineEnd(text, i);
    const line = text.slice(i, lineEnd).replace(/\r$/, "");
    if (line.trim() === "" || line.trimStart().startsWith("#")) {
      i = lineEnd + 1;
      continue;
    }
    const row = readRow(text, i, problems);
    rows.push(row.row);
    i = row.next;
  }
  return { rows, problems };
}

function nextLineEnd(text: string, from: number): number {
  const nl = text.indexOf("\n", from);
  return nl < 0 ? text.length : nl;
}

/** One row from `start`; a quoted field may run over line ends, as RFC 4180 allows. */
function readRow(text: string, start: number, problems: CsvProblem[]): { row: Row; next: number } {
  const cells: Cell[] = [];
  let i = start;
  for (;;) {
    while (text[i] === " " || text[i] === "\t") i++;
    const cellStart = i;
    let value = "";
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) {
          problems.push({ message: "this quoted field is never closed", start: cellStart, end: text.length });
          break;
        }
        if (text[i] === '"' && text[i + 1] === '"') {
          value += '"';
          i += 2;
        } else if (text[i] === '"') {
          i++;
          break;
        } else value += text[i++];
      }
      const after = i;
      while (i < text.length && text[i] !== "," && text[i] !== "\n" && text[i] !== "\r") i++;
      if (text.slice(after, i).trim() !== "")
        problems.push({ message: "text after a quoted field's closing quote", start: after, end: i });
      cells.push({ value, start: cellStart, end: after });
    } else {
      while (i < text.length && text[i] !== "," && text[i] !== "\n" && text[i] !== "\r") i++;
      const raw = text.slice(cellStart, i);
      const trimmed = raw.trimEnd();
      cells.push({ value: trimmed, start: cellStart, end: cellStart + trimmed.length });
    }
    if (text[i] === ",") {
      i++;
      continue;
    }
    const end = i;
    if (text[i] === "\r") i++;
    if (text[i] === "\n") i++;
    return { row: { cells, start, end }, next: i };
  }
}
