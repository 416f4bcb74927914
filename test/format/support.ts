import { Lexer, type IToken } from "chevrotain";
import { parse } from "../../src/syntax/parse.js";
import { allTokens } from "../../src/syntax/tokens.js";

/** What a file means, whatever its layout: the items without positions, and the comments in order. */
export interface Meaning {
  readonly items: unknown;
  readonly comments: readonly string[];
}

function withoutSpans(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSpans);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => k !== "span")
      .map(([k, v]) => [k, withoutSpans(v)]),
  );
}

/** The meaning of a file that parses (comments lose trailing whitespace, as the formatter drops it). */
export function meaning(text: string): Meaning {
  const { ast } = parse(text, "meaning.bond");
  return { items: withoutSpans(ast.items), comments: ast.comments.map((c) => c.text.trimEnd()) };
}

export function parsesCleanly(text: string): boolean {
  return parse(text, "probe.bond").diagnostics.length === 0;
}

/**
 * A generated linuxrc with its citations of .bond lines taken out: the `# file.bond:N: source`
 * comments (two statements on one line share one) and the line numbers in echo and fail calls.
 * What is left is what the script does, which formatting must not change.
 */
export function withoutLineCitations(script: string): string {
  return script
    .replace(/\n\n[ \t]*# [\w.-]+\.bond:\d+: [^\n]*/g, "")
    .replace(/\.bond:\d+/g, ".bond:N")
    .replace(/bondc_fail \d+/g, "bondc_fail N");
}

const lexer = new Lexer([...allTokens], { positionTracking: "full", ensureOptimizations: false });

/** Every token of `text`, comments included, in order. */
function tokensAndComments(text: string): IToken[] {
  const lexed = lexer.tokenize(text);
  return [...lexed.tokens, ...(lexed.groups["comments"] ?? [])].sort((a, b) => a.startOffset - b.startOffset);
}

/** Punctuation the lexer splits on by itself, so the space next to it may go. */
const glue = new Set(["{", "}", "(", ")", ",", "="]);

/**
 * Rewrites the whitespace of `text` at random while keeping every token and comment: random
 * indentation and tabs, spaces doubled or (next to punctuation) removed, trailing spaces, extra
 * blank lines where there already was one and at both ends, and some line breaks between code
 * turned into spaces. Comments keep the line breaks around them, so they stay own-line or
 * trailing as written. `random` returns numbers in [0, 1).
 */
export function mangle(text: string, random: () => number): string {
  const tokens = tokensAndComments(text);
  const pick = <T>(...options: T[]): T => options[Math.floor(random() * options.length)]!;
  const spaces = () => pick(" ", "  ", "   ", "\t", " \t ");
  const indent = () => pick("", "  ", "    ", "\t", "       ", " \t");
  const trailing = () => pick("", "", " ", "  ", "\t");
  const isComment = (t: IToken) => t.image.startsWith("#");

  let out = pick("", "\n", "\n\n\n", "  \n\t\n") + indent();
  tokens.forEach((t, i) => {
    out += t.image;
    const next = tokens[i + 1];
    if (!next) return;
    const gap = text.slice(t.startOffset + t.image.length, next.startOffset);
    const breaks = gap.split("\n").length - 1;
    if (breaks === 0) {
      out += glue.has(t.image) || glue.has(next.image) ? pick("", spaces()) : spaces();
    } else if (breaks === 1 && !isComment(t) && !isComment(next) && random() < 0.3) {
      out += spaces();
    } else {
      const blankLines = breaks === 1 ? 0 : pick(1, 2, 3);
      out += trailing() + "\n" + Array.from({ length: blankLines }, () => `${trailing()}\n`).join("") + indent();
    }
  });
  return out + pick("", "\n", "\n\n", " \n\n\t");
}

/**
 * Puts comments into `text` at random token gaps: trailing the code before them, on lines of
 * their own, in the middle of statements and between a block's braces. Each is numbered, so a
 * lost or duplicated one shows. Some line breaks between tokens become spaces as well.
 */
export function sprinkleComments(text: string, random: () => number): string {
  const tokens = tokensAndComments(text);
  let out = "";
  let end = 0;
  let added = 0;
  for (const t of tokens) {
    let gap = text.slice(end, t.startOffset);
    const roll = random();
    if (roll < 0.08) gap = `${gap} # added ${++added}\n`;
    else if (roll < 0.12) gap = `${gap}\n# added ${++added}\n`;
    else if (roll < 0.16) gap = gap.replace(/\n/g, " ") || " ";
    // A comment runs to the end of its line, so whatever follows one starts a new line.
    if (/#[^\n]*$/.test(out) && !gap.includes("\n")) gap = `\n${gap}`;
    out += gap + t.image;
    end = t.startOffset + t.image.length;
  }
  return out + text.slice(end);
}

/** A small deterministic generator (mulberry32), so a failing seed can be replayed. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
