import type { Expr } from "./expr.js";

/*
 * A reader for the subset of W3C EBNF that grammar/bond.ebnf uses: `name ::= expr`, `|`,
 * juxtaposition, postfix `?` `*` `+`, parentheses, `A - B`, 'quoted' and "quoted" terminals,
 * [character classes] (with #xN escapes) and /* comments *\/. Anything else is an error that names
 * its line, so the grammar cannot quietly use notation this reader misunderstands.
 */

export interface Production {
  readonly name: string;
  readonly body: Expr;
  readonly line: number;
}

interface Token {
  readonly kind: "name" | "define" | "literal" | "class" | "op";
  readonly text: string;
  readonly line: number;
}

const lexemes: readonly [Token["kind"] | "skip", RegExp][] = [
  ["skip", /\s+|\/\*[\s\S]*?\*\//y],
  ["define", /::=/y],
  ["name", /[A-Za-z_][A-Za-z0-9_]*/y],
  ["literal", /'[^'\n]*'|"[^"\n]*"/y],
  ["class", /\[\^?(?:#x[0-9A-Fa-f]+|[^\]\n])+\]/y],
  ["op", /[()|?*+-]/y],
];

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  const lineAt = (offset: number) => text.slice(0, offset).split("\n").length;
  while (pos < text.length) {
    const hit = lexemes.find(([, re]) => {
      re.lastIndex = pos;
      return re.test(text);
    });
    if (!hit) throw new Error(`line ${lineAt(pos)}: unexpected ${JSON.stringify(text[pos])}`);
    const [kind, re] = hit;
    if (kind !== "skip") tokens.push({ kind, text: text.slice(pos, re.lastIndex), line: lineAt(pos) });
    pos = re.lastIndex;
  }
  return tokens;
}

class Reader {
  private pos = 0;
  constructor(private readonly tokens: readonly Token[]) {}

  productions(): Production[] {
    const out: Production[] = [];
    while (this.pos < this.tokens.length) {
      const name = this.expect("name");
      this.expect("define");
      out.push({ name: name.text, body: this.alternation(), line: name.line });
    }
    return out;
  }

  private peek(offset = 0): Token | undefined {
    return this.tokens[this.pos + offset];
  }

  private expect(kind: Token["kind"], text?: string): Token {
    const t = this.peek();
    if (!t || t.kind !== kind || (text !== undefined && t.text !== text)) {
      const where = t ? `line ${t.line}: found ${JSON.stringify(t.text)}` : "at the end";
      throw new Error(`${where}, expected ${text ?? kind}`);
    }
    this.pos++;
    return t;
  }

  private isOp(text: string): boolean {
    const t = this.peek();
    return t?.kind === "op" && t.text === text;
  }

  /** The next production starts where a name is followed by `::=`. */
  private atSequenceEnd(): boolean {
    const t = this.peek();
    return (
      !t ||
      (t.kind === "op" && (t.text === ")" || t.text === "|")) ||
      (t.kind === "name" && this.peek(1)?.kind === "define")
    );
  }

  private alternation(): Expr {
    const alts = [this.sequence()];
    while (this.isOp("|")) {
      this.pos++;
      alts.push(this.sequence());
    }
    return alts.length === 1 ? alts[0]! : { kind: "alt", alts };
  }

  private sequence(): Expr {
    const items: Expr[] = [];
    while (!this.atSequenceEnd()) {
      const left = this.postfix();
      if (this.isOp("-")) {
        this.pos++;
        items.push({ kind: "diff", left, right: this.postfix() });
      } else {
        items.push(left);
      }
    }
    if (items.length === 0) throw new Error(`line ${this.peek()?.line ?? "end"}: empty expression`);
    return items.length === 1 ? items[0]! : { kind: "seq", items };
  }

  private postfix(): Expr {
    let e = this.primary();
    for (;;) {
      if (this.isOp("?")) e = { kind: "opt", body: e };
      else if (this.isOp("*")) e = { kind: "star", body: e };
      else if (this.isOp("+")) e = { kind: "plus", body: e };
      else return e;
      this.pos++;
    }
  }

  private primary(): Expr {
    const t = this.peek();
    if (t?.kind === "op" && t.text === "(") {
      this.pos++;
      const inner = this.alternation();
      this.expect("op", ")");
      return inner;
    }
    if (t?.kind === "name") {
      this.pos++;
      return { kind: "name", name: t.text };
    }
    if (t?.kind === "literal") {
      this.pos++;
      return { kind: "literal", text: t.text.slice(1, -1) };
    }
    if (t?.kind === "class") {
      this.pos++;
      return { kind: "charClass", source: t.text };
    }
    throw new Error(t ? `line ${t.line}: unexpected ${JSON.stringify(t.text)}` : "unexpected end of grammar");
  }
}

export function readEbnf(text: string): Production[] {
  return new Reader(tokenize(text)).productions();
}
