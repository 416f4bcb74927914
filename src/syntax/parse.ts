import { EOF, Lexer, type IToken } from "chevrotain";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { makeDiagnostic } from "../diagnostics/report.js";
import { LineIndex } from "../diagnostics/span.js";
import type { BondFile } from "./ast.js";
import { bondParser } from "./parser.js";
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
  const lexed = lexer.tokenize(text);

  for (const err of lexed.errors) {
    const span = lines.span(file, err.offset, err.offset + Math.max(1, err.length));
    const ch = text.slice(err.offset, err.offset + err.length);
    diagnostics.push(
      makeDiagnostic("BOND0002", span, `unexpected character \`${ch}\``, {
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
    // Keep going as if it had been closed, so the statement around it is still checked.
    tokens.push({ ...t, tokenType: StringLit, image: `${t.image}"` });
  }

  const parser = bondParser();
  parser.input = tokens;
  const cst = parser.file();
  const seenLines = new Set<number>();
  for (const err of parser.errors) {
    const t = err.token;
    const offset = Number.isNaN(t.startOffset) || t.tokenType === EOF ? text.length : t.startOffset;
    const end = t.tokenType === EOF || Number.isNaN(t.startOffset) ? offset : (t.endOffset ?? offset) + 1;
    const span = lines.span(file, offset, end);
    if (seenLines.has(span.line)) continue;
    seenLines.add(span.line);
    diagnostics.push(makeDiagnostic("BOND0001", span, err.message, { label: "unexpected here" }));
  }

  const ast = new AstBuilder(file, lines).build(cst, lexed.groups["comments"] ?? []);
  return { ast, diagnostics, lines };
}
