/*
 * A small JSON reader that keeps the offset of every key and value. JSON.parse throws positions
 * away, and a config error is only useful when it names the line and column of the bad key.
 * It accepts exactly RFC 8259 JSON (no comments, no trailing commas), like JSON.parse.
 */

export type JsonNode =
  | { readonly kind: "object"; readonly start: number; readonly members: readonly JsonMember[] }
  | { readonly kind: "array"; readonly start: number; readonly items: readonly JsonNode[] }
  | { readonly kind: "string"; readonly start: number; readonly value: string }
  | { readonly kind: "number"; readonly start: number; readonly value: number }
  | { readonly kind: "boolean"; readonly start: number; readonly value: boolean }
  | { readonly kind: "null"; readonly start: number };

export interface JsonMember {
  readonly key: string;
  /** Offset of the key's opening quote. */
  readonly keyStart: number;
  readonly value: JsonNode;
}

/** Malformed JSON, at a 0-based offset into the text. */
export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const escapes: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };
const numberPattern = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

class Reader {
  private pos = 0;

  constructor(private readonly text: string) {}

  document(): JsonNode {
    const node = this.value();
    this.skipSpace();
    if (this.pos < this.text.length) this.fail("unexpected text after the JSON value");
    return node;
  }

  private fail(message: string, offset = this.pos): never {
    throw new JsonSyntaxError(message, offset);
  }

  private skipSpace(): void {
    while (this.pos < this.text.length && " \t\r\n".includes(this.text[this.pos]!)) this.pos++;
  }

  private expect(ch: string): void {
    this.skipSpace();
    if (this.text[this.pos] !== ch) this.fail(`expected \`${ch}\``);
    this.pos++;
  }

  private value(): JsonNode {
    this.skipSpace();
    const start = this.pos;
    const ch = this.text[this.pos];
    if (ch === "{") return this.object();
    if (ch === "[") return this.array();
    if (ch === '"') return { kind: "string", start, value: this.string() };
    for (const [word, node] of [
      ["true", { kind: "boolean", start, value: true }],
      ["false", { kind: "boolean", start, value: false }],
      ["null", { kind: "null", start }],
    ] as const) {
      if (this.text.startsWith(word, start)) {
        this.pos += word.length;
        return node;
      }
    }
    numberPattern.lastIndex = start;
    const m = numberPattern.exec(this.text);
    if (m) {
      this.pos += m[0].length;
      return { kind: "number", start, value: Number(m[0]) };
    }
    return this.fail(ch === undefined ? "unexpected end of file, expected a value" : "expected a value");
  }

  /** `{ ... }` or `[ ... ]`: comma-separated items up to `close`, the opening bracket at pos. */
  private sequence<T>(close: string, item: () => T): { start: number; items: T[] } {
    const start = this.pos++;
    const items: T[] = [];
    this.skipSpace();
    if (this.text[this.pos] === close) {
      this.pos++;
      return { start, items };
    }
    for (;;) {
      items.push(item());
      this.skipSpace();
      const next = this.text[this.pos++];
      if (next === close) return { start, items };
      if (next !== ",") this.fail(`expected \`,\` or \`${close}\``, this.pos - 1);
    }
  }

  private object(): JsonNode {
    const { start, items } = this.sequence("}", () => this.member());
    return { kind: "object", start, members: items };
  }

  private member(): JsonMember {
    this.skipSpace();
    const keyStart = this.pos;
    if (this.text[this.pos] !== '"') this.fail("expected a key in double quotes");
    const key = this.string();
    this.expect(":");
    return { key, keyStart, value: this.value() };
  }

  private array(): JsonNode {
    const { start, items } = this.sequence("]", () => this.value());
    return { kind: "array", start, items };
  }

  private string(): string {
    const open = this.pos++;
    let out = "";
    for (;;) {
      const ch = this.text[this.pos];
      if (ch === undefined || ch === "\n") this.fail("unterminated string", open);
      this.pos++;
      if (ch === '"') return out;
      if (ch < " ") this.fail("control character in a string", this.pos - 1);
      if (ch !== "\\") {
        out += ch;
        continue;
      }
      const esc = this.text[this.pos++] ?? "";
      if (esc === "u") {
        const hex = this.text.slice(this.pos, this.pos + 4);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail("bad \\u escape", this.pos - 2);
        out += String.fromCharCode(parseInt(hex, 16));
        this.pos += 4;
      } else if (Object.hasOwn(escapes, esc)) {
        out += escapes[esc];
      } else {
        this.fail(`bad escape \`\\${esc}\``, this.pos - 2);
      }
    }
  }
}

/** Parses JSON text, keeping offsets; throws JsonSyntaxError with the offset of the problem. */
export function parseJsonTree(text: string): JsonNode {
  return new Reader(text).document();
}
