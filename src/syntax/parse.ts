import { EOF, Lexer, type CstNode, type IRecognitionException, type IToken } from "chevrotain";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { makeDiagnostic } from "../diagnostics/report.js";
import { LineIndex } from "../diagnostics/span.js";
import type { BondFile } from "./ast.js";
import { bondParser } from "./parser.js";
import { readLiteralShapes } from "./literal-shapes.js";
import { applyRepairs, MistakeReader, type Repair } from "./mistakes.js";
import { AstBuilder } from "./to-ast.js";
import { allTokens, StringLit, UnterminatedString } from "./tokens.js";

export interface ParseResult {
  readonly ast: BondFile;
  readonly diagnostics: readonly Diagnostic[];
  readonly lines: LineIndex;
}

const lexer = new Lexer([...allTokens], { positionTracking: "full", ensureOptimizations: false });

/**
 * Parses one file. Never throws: lexing and parsing errors become BOND00xx diagnostics and the
 * AST covers whatever could be recovered. At most one syntax error is reported per line, since
 * the ones after the first on a line are almost always echoes of it.
 */
export function parse(text: string, file: string): ParseResult {
  const lines = new LineIndex(text);
  const diagnostics: Diagnostic[] = [];
  const first = lexer.tokenize(text);
  const shapes = readLiteralShapes(text, first, lines, file);
  const lexed = shapes.diagnostics.length === 0 ? first : lexer.tokenize(shapes.text);

  for (const err of lexed.errors) {
    const span = lines.span(file, err.offset, err.offset + Math.max(1, err.length));
    const ch = text.slice(err.offset, err.offset + err.length);
    diagnostics.push(
      makeDiagnostic("BOND0002", span, `unexpected character \`${visible(ch)}\``, {
        label: "not part of the .bond language",
        help: ch.startsWith("$") ? "names are written without $: `ip`, not `$ip`" : "remove it",
      }),
    );
  }

  const tokens: IToken[] = [];
  for (const t of lexed.tokens) {
    if (t.tokenType !== UnterminatedString) {
      tokens.push(t);
      continue;
    }
    const span = lines.span(file, t.startOffset, (t.endOffset ?? t.startOffset) + 1);
    diagnostics.push(
      makeDiagnostic("BOND0003", span, "this string is not closed", { label: "missing `\"`", help: "add a closing double quote" }),
    );
    // Keep going as if it had been closed, so the statement around it is still checked. The parser
    // matches on tokenTypeIdx, so both fields must say StringLit.
    tokens.push({ ...t, tokenType: StringLit, tokenTypeIdx: StringLit.tokenTypeIdx!, image: `${t.image}"` });
  }

  const { cst, errors, repaired } = parseRepairing(tokens, lines, file);
  diagnostics.push(...repaired);
  for (const err of errors) diagnostics.push(syntaxError(err, text, lines, file));

  const ast = new AstBuilder(file, lines).build(cst, lexed.groups["comments"] ?? []);
  // Literals in another tool's shape are mistakes of their own, never echoes: each is kept.
  const all = [...firstPerLine(diagnostics), ...shapes.diagnostics].sort((a, b) => a.span.start - b.span.start);
  return { ast, diagnostics: all, lines };
}

/** Rounds of repair: each fixes every recognised mistake at once, so a file full of them stays linear. */
const maxRepairRounds = 4;

/**
 * Parses, and while the parser's errors include mistakes MistakeReader recognises (a misspelled
 * keyword, a missing comma or `{`), reports each once in its own words and parses the repaired
 * token stream again, so the errors they would have caused further on never appear. Only the
 * first error of a line is read: the others on it are echoes, not mistakes of their own.
 */
function parseRepairing(tokens: readonly IToken[], lines: LineIndex, file: string): { cst: CstNode; errors: IRecognitionException[]; repaired: Diagnostic[] } {
  const parser = bondParser();
  const repaired: Diagnostic[] = [];
  let input = tokens;
  for (let round = 0; ; round++) {
    parser.input = [...input];
    const cst = parser.file();
    const errors = [...parser.errors];
    if (round === maxRepairRounds) return { cst, errors, repaired };
    const reader = new MistakeReader(input, lines, file);
    const seenLines = new Set<number>();
    const repairs: Repair[] = [];
    for (const err of errors) {
      const line = err.token.startLine ?? Number.NaN;
      if (seenLines.has(line)) continue;
      seenLines.add(line);
      const repair = reader.read(err);
      if (repair) repairs.push(repair);
    }
    if (repairs.length === 0) return { cst, errors, repaired };
    repaired.push(...repairs.map((r) => r.diagnostic));
    input = applyRepairs(input, repairs);
  }
}

/** Control and invisible characters spelled as U+XXXX, so a message never carries raw bytes to a terminal. */
function visible(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff\ufff9-\ufffb]/g, (c) => `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`);
}

/**
 * A parser error. When the offending token starts a later line than the token before it (a
 * statement cut short), the error is placed just after that previous token, on the line that is
 * actually incomplete, with the token found as a secondary label, as rustc does; otherwise the
 * squiggle would land on the next, perfectly good statement.
 */
function syntaxError(err: IRecognitionException, text: string, lines: LineIndex, file: string): Diagnostic {
  const t = err.token;
  const atEnd = Number.isNaN(t.startOffset) || t.tokenType === EOF;
  const offset = atEnd ? text.length : t.startOffset;
  const found = lines.span(file, offset, atEnd ? offset : (t.endOffset ?? offset) + 1);
  const previous = (err as { previousToken?: IToken }).previousToken;
  if (previous && !Number.isNaN(previous.startOffset) && (previous.endLine ?? 0) < found.line) {
    const after = (previous.endOffset ?? previous.startOffset) + 1;
    return makeDiagnostic("BOND0001", lines.span(file, after, after), err.message, {
      label: "expected more here",
      related: [{ span: found, message: "unexpected here" }],
    });
  }
  return makeDiagnostic("BOND0001", found, err.message, { label: "unexpected here" });
}

/** At most one syntax error per line (the earliest): the ones after it are almost always echoes. */
function firstPerLine(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seenLines = new Set<number>();
  return [...diagnostics]
    .sort((a, b) => a.span.start - b.span.start)
    .filter((d) => {
      if (seenLines.has(d.span.line)) return false;
      seenLines.add(d.span.line);
      return true;
    });
}
