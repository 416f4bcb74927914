import { createTokenInstance, type IRecognitionException, type IToken, type TokenType } from "chevrotain";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { makeDiagnostic } from "../diagnostics/report.js";
import type { LineIndex } from "../diagnostics/span.js";
import { closest } from "../semantic/literals.js";
import * as T from "./tokens.js";

/*
 * The few mistakes newcomers make most, recognised in chevrotain's raw errors: a misspelled
 * keyword (`enslav eth0, eth1 to bond0`), a forgotten comma (`iface eth0 eth1`) and a forgotten
 * `{` (`up bond0` followed by settings). The parser reads each of them as the start of a
 * procedure call and reports "expected '('" followed by echoes. Here each becomes one message
 * that names the mistake, with its fix, plus the repair of the token stream: parse.ts parses the
 * repaired tokens again, so the rest of the file is read as the user meant it and nothing echoes.
 */

/** Tokens to put in place of `remove` tokens at `index` of the token stream. */
interface TokenEdit {
  readonly index: number;
  readonly remove: number;
  readonly insert: readonly IToken[];
}

export interface Repair {
  readonly diagnostic: Diagnostic;
  readonly edits: readonly TokenEdit[];
}

/** The keywords a statement or declaration starts with, as written. */
const statementKeywords: ReadonlyMap<string, TokenType> = new Map(
  [T.Target, T.Import, T.Proc, T.Let, T.Iface, T.Load, T.Up, T.Down, T.Enslave, T.Mount, T.Handoff, T.On].map((k) => [k.name.toLowerCase(), k]),
);

/** Keywords in the middle of a statement, which a typo turns into a plain name. */
const innerKeywords: ReadonlyMap<string, TokenType> = new Map([
  ["enslaveStmt", T.To],
  ["onFailureStmt", T.Failure],
]);

/** What a setting block can follow: `up X` and `handoff X`. */
const blockOwners: readonly TokenType[] = [T.Up, T.Handoff];

/** Tokens that can end a value, so a name right after one on the same line lacks a comma. */
const valueEnds: readonly TokenType[] = [T.Ident, T.Ipv4Lit, T.MacLit, T.IntLit, T.PrefixLit, T.StringLit, T.Mode8023ad];

export class MistakeReader {
  private readonly index = new Map<IToken, number>();

  constructor(
    private readonly tokens: readonly IToken[],
    private readonly lines: LineIndex,
    private readonly file: string,
  ) {
    tokens.forEach((t, i) => this.index.set(t, i));
  }

  /** The repair for a parser error, when it is one of the mistakes above. */
  read(err: IRecognitionException): Repair | undefined {
    if (err.name !== "MismatchedTokenException") return undefined;
    const rule = err.context.ruleStack.at(-1);
    const previous = (err as { previousToken?: IToken }).previousToken;
    const at = this.index.get(err.token);
    if (previous === undefined || at === undefined || this.index.get(previous) !== at - 1) return undefined;
    if (rule === "callStmt") return this.bareWord(at - 1);
    // After `load MODULE`, a name at the start of the next line is read as an option missing its `=`.
    if (rule === "moduleOption" && this.startsLine(at - 1)) return this.bareWord(at - 1);
    const keyword = rule === undefined ? undefined : innerKeywords.get(rule);
    if (keyword && err.token.tokenType === T.Ident) return this.innerTypo(at, keyword) ?? (rule === "enslaveStmt" ? this.missingComma(at) : undefined);
    return undefined;
  }

  /**
   * A statement that starts with a name not followed by `(`: a misspelled keyword, a name that
   * lacks the comma before it, or the first setting of a block whose `{` is missing.
   */
  private bareWord(i: number): Repair | undefined {
    const word = this.tokens[i]!;
    if (word.tokenType !== T.Ident || this.tokens[i + 1]?.tokenType === T.LParen) return undefined;
    if (this.startsLine(i)) return this.statementTypo(i) ?? this.missingBrace(i);
    return this.missingComma(i);
  }

  /** Whether token i is the first of its line, or follows a brace: where statements start. */
  private startsLine(i: number): boolean {
    const before = this.tokens[i - 1];
    return before === undefined || before.endLine! < this.tokens[i]!.startLine! || before.tokenType === T.LCurly || before.tokenType === T.RCurly;
  }

  private statementTypo(i: number): Repair | undefined {
    const word = this.tokens[i]!;
    const meant = closest(word.image, statementKeywords.keys());
    if (meant === undefined) return undefined;
    const span = this.span(word);
    return {
      diagnostic: makeDiagnostic("BOND0001", span, `\`${word.image}\` is not a statement`, {
        label: "unknown word",
        help: `did you mean \`${meant}\`?`,
        fixes: [{ title: `Change to \`${meant}\``, edits: [{ span, newText: meant }] }],
      }),
      edits: [{ index: i, remove: 1, insert: [retyped(word, statementKeywords.get(meant)!)] }],
    };
  }

  private innerTypo(i: number, keyword: TokenType): Repair | undefined {
    const word = this.tokens[i]!;
    const meant = keyword.name.toLowerCase();
    if (closest(word.image, [meant]) === undefined) return undefined;
    const span = this.span(word);
    return {
      diagnostic: makeDiagnostic("BOND0001", span, `expected \`${meant}\`, found \`${word.image}\``, {
        label: "unknown word",
        help: `did you mean \`${meant}\`?`,
        fixes: [{ title: `Change to \`${meant}\``, edits: [{ span, newText: meant }] }],
      }),
      edits: [{ index: i, remove: 1, insert: [retyped(word, keyword)] }],
    };
  }

  /** `iface eth0 eth1`, `down eth0 eth1`, `enslave eth0 eth1 to bond0`: names side by side on one line. */
  private missingComma(i: number): Repair | undefined {
    const word = this.tokens[i]!;
    const before = this.tokens[i - 1];
    if (!before || !valueEnds.includes(before.tokenType) || before.endLine !== word.startLine) return undefined;
    const head = this.listHead(i - 1);
    if (head === undefined) return undefined;
    // `enslave eth0, eth1 bond0` lacks its `to`, not a comma.
    if (head === T.Enslave && !this.tokens.slice(i + 1).some((t) => t.tokenType === T.To && t.startLine === word.startLine)) return undefined;
    const after = before.endOffset! + 1;
    const gap = this.lines.span(this.file, after, after);
    return {
      diagnostic: makeDiagnostic("BOND0001", gap, `missing \`,\` between \`${before.image}\` and \`${word.image}\``, {
        label: "expected `,` here",
        help: `separate the values with commas: ${before.image}, ${word.image}`,
        fixes: [{ title: "Insert `,`", edits: [{ span: gap, newText: "," }] }],
      }),
      edits: [{ index: i, remove: 0, insert: [virtual(T.Comma, ",", before)] }],
    };
  }

  /** The keyword of the list statement (iface, down, enslave) whose comma-separated values end at `last`. */
  private listHead(last: number): TokenType | undefined {
    let j = last;
    while (this.tokens[j - 1]?.tokenType === T.Comma && valueEnds.includes(this.tokens[j - 2]?.tokenType as TokenType)) j -= 2;
    const head = this.tokens[j - 1]?.tokenType;
    return head === T.Iface || head === T.Down || head === T.Enslave ? head : undefined;
  }

  /**
   * `up bond0` (or `handoff nfs`) followed by a line of settings: the block's `{` is missing.
   * When its `}` is missing too (the settings run into the next statement), both are put back.
   */
  private missingBrace(i: number): Repair | undefined {
    const owner = this.ownerBefore(i);
    if (owner === undefined) return undefined;
    const head = this.tokens[owner]!;
    const last = this.tokens[i - 1]!;
    const after = last.endOffset! + 1;
    const gap = this.lines.span(this.file, after, after);
    const what = this.lines.text.slice(head.startOffset, after);
    const close = this.closingBrace(i);
    const edits: TokenEdit[] = [{ index: i, remove: 0, insert: [virtual(T.LCurly, "{", last)] }];
    const textEdits = [{ span: gap, newText: " {" }];
    if (close.found === false) {
      const end = this.tokens[close.at - 1]!;
      edits.push({ index: close.at, remove: 0, insert: [virtual(T.RCurly, "}", end)] });
      textEdits.push({ span: this.lines.span(this.file, end.endOffset! + 1, end.endOffset! + 1), newText: "\n}" });
    }
    const setting = this.tokens[i]!;
    return {
      diagnostic: makeDiagnostic("BOND0001", gap, `missing \`{\` after \`${what}\``, {
        label: "expected `{` here",
        related: [{ span: this.span(setting), message: `\`${setting.image}\` is a setting of \`${what}\`` }],
        help: `settings go in braces: ${what} { ${setting.image} … }`,
        fixes: [{ title: close.found ? "Insert `{`" : "Put the settings in `{ … }`", edits: textEdits }],
      }),
      edits,
    };
  }

  /** The index of `up`/`handoff` when tokens i-2, i-1 (or i-3.. for `iface X`) are that statement's head. */
  private ownerBefore(i: number): number | undefined {
    for (const owner of [i - 2, i - 3]) {
      const t = this.tokens[owner];
      if (t === undefined || !blockOwners.includes(t.tokenType)) continue;
      if (owner === i - 3 && this.tokens[i - 2]?.tokenType !== T.Iface) continue;
      return owner;
    }
    return undefined;
  }

  /**
   * Where the settings starting at `i` end: at a `}` (found), or before the next statement (its
   * keyword, or a line starting with a misspelling of one) or the end.
   */
  private closingBrace(i: number): { found: boolean; at: number } {
    for (let j = i; j < this.tokens.length; j++) {
      const t = this.tokens[j]!;
      if (t.tokenType === T.RCurly) return { found: true, at: j };
      const misspeltKeyword = j > i && t.tokenType === T.Ident && this.startsLine(j) && closest(t.image, statementKeywords.keys()) !== undefined;
      if (t.tokenType === T.LCurly || [...statementKeywords.values()].includes(t.tokenType) || misspeltKeyword) return { found: false, at: j };
    }
    return { found: false, at: this.tokens.length };
  }

  private span(t: IToken) {
    return this.lines.span(this.file, t.startOffset, t.endOffset! + 1);
  }
}

/** Applies the repairs' edits to a copy of the token stream. */
export function applyRepairs(tokens: readonly IToken[], repairs: readonly Repair[]): IToken[] {
  const out = [...tokens];
  const edits = repairs.flatMap((r) => r.edits).sort((a, b) => b.index - a.index);
  for (const e of edits) out.splice(e.index, e.remove, ...e.insert);
  return out;
}

/** The same text read as another token type; the parser matches on tokenTypeIdx, so both fields change. */
function retyped(t: IToken, type: TokenType): IToken {
  return { ...t, tokenType: type, tokenTypeIdx: type.tokenTypeIdx! };
}

/** A zero-width token just after `after`, standing for punctuation the user left out. */
function virtual(type: TokenType, image: string, after: IToken): IToken {
  const offset = after.endOffset! + 1;
  return createTokenInstance(type, image, offset, offset - 1, after.endLine!, after.endLine!, after.endColumn! + 1, after.endColumn!);
}
