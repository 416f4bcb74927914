/*
 * Finds the command names a POSIX sh script runs, for asserting that generated linuxrc scripts
 * stay inside their toolset. It reads the shell grammar (quotes, $(...), operators, reserved
 * words, case patterns, function definitions, redirections), not the printer's layout, so a
 * printer change cannot hide a new dependency. Here-documents are not part of generated
 * scripts and are rejected rather than misread.
 */

type Token =
  | { readonly kind: "word"; readonly text: string; readonly line: number }
  | { readonly kind: "op"; readonly text: string; readonly line: number };

export interface CommandUse {
  readonly name: string;
  readonly line: number;
}

export interface ScriptCommands {
  /** Every simple command's name, in order, including those inside $(...). */
  readonly commands: readonly CommandUse[];
  /** Functions the script defines (`name() {`). */
  readonly functions: ReadonlySet<string>;
}

const operators = [";;", "||", "&&", ">>", ">&", "<&", "<<", ";", "|", "&", "(", ")", ">", "<", "\n"];
const reserved = new Set([
  "if",
  "then",
  "else",
  "elif",
  "fi",
  "do",
  "done",
  "while",
  "until",
  "for",
  "case",
  "esac",
  "in",
  "{",
  "}",
  "!",
]);
const redirections = new Set([">", ">>", ">&", "<", "<&"]);
const separators = new Set([";", ";;", "||", "&&", "|", "&", "\n", "(", ")"]);

class Lexer {
  private i = 0;
  private line = 1;
  readonly tokens: Token[] = [];
  /** Bodies of command substitutions, scanned separately. */
  readonly substitutions: { text: string; line: number }[] = [];

  constructor(private readonly src: string) {}

  /** Lexes until the end, or until an unmatched `)` when reading a $(...) body; returns where it stopped. */
  run(insideSubstitution: boolean): number {
    let depth = 0;
    while (this.i < this.src.length) {
      const c = this.src[this.i]!;
      if (c === " " || c === "\t") {
        this.i++;
        continue;
      }
      if (c === "#") {
        while (this.i < this.src.length && this.src[this.i] !== "\n") this.i++;
        continue;
      }
      if (c === "\\" && this.src[this.i + 1] === "\n") {
        this.i += 2;
        this.line++;
        continue;
      }
      const op = operators.find((o) => this.src.startsWith(o, this.i));
      if (op) {
        if (op === "<<") throw new Error(`line ${this.line}: here-documents are not expected in a generated script`);
        if (insideSubstitution && op === ")" && depth === 0) return this.i;
        if (op === "(") depth++;
        if (op === ")") depth--;
        this.tokens.push({ kind: "op", text: op, line: this.line });
        this.i += op.length;
        if (op === "\n") this.line++;
        continue;
      }
      this.word();
    }
    if (insideSubstitution) throw new Error(`line ${this.line}: unterminated $(`);
    return this.i;
  }

  private word(): void {
    const start = this.i;
    const line = this.line;
    while (this.i < this.src.length) {
      const c = this.src[this.i]!;
      if (c === " " || c === "\t" || operators.some((o) => this.src.startsWith(o, this.i))) break;
      if (c === "\\") this.i += 2;
      else if (c === "'") this.skipPast("'");
      else if (c === '"') this.doubleQuoted();
      else if (c === "`") throw new Error(`line ${this.line}: backquote substitution; generated scripts use $(...)`);
      else if (this.src.startsWith("$(", this.i)) this.substitution();
      else if (this.src.startsWith("${", this.i)) this.skipPast("}");
      else this.i++;
    }
    this.tokens.push({ kind: "word", text: this.src.slice(start, this.i), line });
  }

  private skipPast(close: string): void {
    const end = this.src.indexOf(close, this.i + 1);
    if (end < 0) throw new Error(`line ${this.line}: unterminated ${this.src[this.i]}`);
    this.line += this.src.slice(this.i, end).split("\n").length - 1;
    this.i = end + 1;
  }

  private doubleQuoted(): void {
    this.i++;
    while (this.i < this.src.length && this.src[this.i] !== '"') {
      if (this.src[this.i] === "\\") this.i += 2;
      else if (this.src.startsWith("$(", this.i)) this.substitution();
      else if (this.src[this.i] === "`")
        throw new Error(`line ${this.line}: backquote substitution; generated scripts use $(...)`);
      else {
        if (this.src[this.i] === "\n") this.line++;
        this.i++;
      }
    }
    if (this.i >= this.src.length) throw new Error(`line ${this.line}: unterminated "`);
    this.i++;
  }

  private substitution(): void {
    const inner = new Lexer(this.src);
    inner.i = this.i + 2;
    inner.line = this.line;
    const end = inner.run(true);
    this.substitutions.push({ text: this.src.slice(this.i + 2, end), line: this.line });
    this.line = inner.line;
    this.i = end + 1;
  }
}

/** Lists the commands `script` runs and the functions it defines; throws on shell it cannot read. */
export function scriptCommands(script: string, firstLine = 1): ScriptCommands {
  const lexer = new Lexer(script);
  lexer.run(false);
  const commands: CommandUse[] = [];
  const functions = new Set<string>();
  const tokens = lexer.tokens;
  let atStart = true;
  /** Inside `case … in … esac`, outside an arm's body: words are patterns. */
  let inPatterns = false;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    const line = t.line + firstLine - 1;
    if (inPatterns) {
      if (t.kind === "word" && t.text === "esac") inPatterns = false;
      else if (t.kind === "op" && t.text === ")") {
        inPatterns = false;
        atStart = true;
      }
      continue;
    }
    if (t.kind === "op") {
      if (redirections.has(t.text))
        k++; // the target is a file or descriptor, not a command
      else if (t.text === ";;") inPatterns = true;
      if (separators.has(t.text)) atStart = true;
      continue;
    }
    if (!atStart) continue;
    if (t.text === "case") {
      k += 2; // the subject and `in`
      inPatterns = true;
      continue;
    }
    if (t.text === "for") {
      while (k < tokens.length && !(tokens[k]!.kind === "word" && tokens[k]!.text === "do")) k++;
      continue;
    }
    if (reserved.has(t.text) || /^[A-Za-z_][A-Za-z0-9_]*=/.test(t.text)) continue;
    const next = tokens[k + 1];
    if (next?.kind === "op" && next.text === "(" && tokens[k + 2]?.text === ")") {
      functions.add(t.text);
      k += 2;
      continue;
    }
    commands.push({ name: t.text, line });
    atStart = false;
  }
  for (const sub of lexer.substitutions) {
    const inner = scriptCommands(sub.text, sub.line + firstLine - 1);
    commands.push(...inner.commands);
    for (const f of inner.functions) functions.add(f);
  }
  return { commands, functions };
}
