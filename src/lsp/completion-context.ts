import { NODE } from "../semantic/inventory/node-field.js";
import { registry } from "../registry/registry.js";
import type { IToken, TokenType } from "chevrotain";
import { bondOptionSpec, bondingModes } from "../semantic/bonding.js";
import * as T from "../syntax/tokens.js";
import { bondLexer } from "./lex.js";

/*
 * Where the cursor is, read from the tokens before it rather than from the AST: while the user
 * is typing the file is usually broken, and the recovered tree says little about a half-written
 * statement, while the last few tokens say exactly what can come next.
 */

export type CursorContext =
  /** Inside a comment or a string: nothing to offer. */
  | { readonly kind: "none" }
  /** Where a statement starts. `proc` names the procedure the cursor is in. */
  | { readonly kind: "statement"; readonly proc?: string }
  /** Where a value goes: names in scope and interfaces. */
  | { readonly kind: "expression"; readonly proc?: string }
  /** Where `enslave` names its slaves: NICs only, since lo and bonds cannot be slaves. */
  | { readonly kind: "slave"; readonly proc?: string }
  /** After `name.`: the fields discover reads. */
  /** After `discover X.`: `node` when X is the inventory's row (`discover node.`), else an interface. */
  | { readonly kind: "field"; readonly of: "node" | "interface" }
  /** After `:` in a parameter or a let. */
  | { readonly kind: "type" }
  /** A setting name at the start of a block line. `subject` is what the block is about (up bond0 → bond0). */
  | { readonly kind: "setting"; readonly block: SettingsBlock; readonly subject: string }
  /** An option after `load bonding`, written name=value. */
  | { readonly kind: "module-option" }
  /** One of a fixed set of words. */
  | { readonly kind: "words"; readonly words: readonly string[]; readonly what: string };

export interface Cursor {
  readonly context: CursorContext;
  /** Start of the word being typed (the cursor offset when there is none). */
  readonly wordStart: number;
}

/** The blocks whose lines are settings from semantic/settings.ts. */
export type SettingsBlock = "target" | "up" | "handoff" | "inventory" | "wait";

interface Block {
  readonly kind: SettingsBlock | "proc" | "other";
  readonly subject: string;
  /** Index of its `{` among the tokens. */
  readonly start: number;
}

const blockOpeners: ReadonlyMap<TokenType, Block["kind"]> = new Map([
  [T.Target, "target"],
  [T.Up, "up"],
  [T.Handoff, "handoff"],
  [T.Inventory, "inventory"],
  [T.Wait, "wait"],
]);

/** What block each `{` opens, read from the tokens before it; popped at `}`. */
function openBlocks(tokens: readonly IToken[]): Block[] {
  const stack: Block[] = [];
  tokens.forEach((t, i) => {
    if (t.tokenType === T.RCurly) stack.pop();
    if (t.tokenType !== T.LCurly) return;
    const before = tokens[i - 1];
    if (before?.tokenType === T.RParen) {
      let proc = i;
      while (proc > 0 && tokens[proc]!.tokenType !== T.Proc) proc--;
      stack.push({ kind: "proc", subject: tokens[proc + 1]?.image ?? "", start: i });
      return;
    }
    const opener = tokens[i - 2] ? blockOpeners.get(tokens[i - 2]!.tokenType) : undefined;
    stack.push({ kind: opener ?? "other", subject: before?.image ?? "", start: i });
  });
  return stack;
}

/** The values a bonding option takes, when they are a fixed set of words. */
function optionWords(name: string): CursorContext | undefined {
  if (name === "tools") return { kind: "words", words: [...registry.toolsets.keys()], what: "toolset" };
  const spec = bondOptionSpec(name);
  if (spec?.value.kind === "mode") return { kind: "words", words: bondingModes, what: "bonding mode" };
  if (spec?.value.kind === "enum") return { kind: "words", words: spec.value.values, what: name };
  return undefined;
}

/**
 * In a settings block (`name value[, value]` pairs, on one line or many), the setting whose value
 * the cursor is at, or undefined where the next setting's name goes.
 */
function settingBeingValued(tokens: readonly IToken[], blockStart: number): string | undefined {
  let setting: string | undefined;
  let wantsValue = false;
  for (const t of tokens.slice(blockStart + 1)) {
    if (wantsValue) wantsValue = false;
    else if (t.tokenType === T.Comma) wantsValue = true;
    else {
      setting = t.image;
      wantsValue = true;
    }
  }
  return wantsValue ? setting : undefined;
}

const afterKeyword: ReadonlyMap<TokenType, { words: readonly string[]; what: string }> = new Map([
  [T.On, { words: ["failure"], what: "keyword" }],
  [T.Failure, { words: ["fallback", "shell", "halt"], what: "failure policy" }],
  [T.Mount, { words: [...new Set([...registry.targets.values()].flatMap((t) => t.mounts))], what: "file system" }],
  [T.Target, { words: [...registry.targets.keys()], what: "target" }],
  [T.Handoff, { words: ["nfs"], what: "root device" }],
  [T.Wait, { words: ["clients"], what: "what a server waits for" }],
  [T.Load, { words: ["bonding"], what: "module" }],
]);

/** Tokens after which a new name is being written, where completing an existing one would be wrong. */
const namingTokens: readonly TokenType[] = [T.Let, T.Iface, T.Proc, T.Import];

/** Characters of the word being typed. */
function isWordChar(c: number): boolean {
  return (
    (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 43 || c === 45 // 0-9 A-Z a-z _ + -
  );
}

/**
 * The tokens before `end`, lexed from a line start shortly before it rather than from the file's
 * start (a completion in a large file would lex all of it): from a line where no `{` or `(` is
 * open, tokens and open blocks are what the whole file's lexing has there (no token spans lines),
 * provided what the context reads lies after it: the last two tokens, and the `proc` a block's
 * `(…) {` belongs to, and the two tokens before each `{`. When it does not, lexing starts from
 * the quiet line before. `wholeFile` lexes from the file's start, which tests compare with.
 */
function tokensBefore(text: string, end: number, wholeFile: boolean): { tokens: IToken[]; comments: IToken[] } {
  const quiet = wholeFile ? [] : quietLineStarts(text, end);
  for (let i = quiet.length - 1; ; i--) {
    const from = i < 0 ? 0 : quiet[i]!;
    const lexed = bondLexer.tokenize(text.slice(from, end));
    const tokens = from === 0 ? lexed.tokens : lexed.tokens.map((t) => moved(t, from));
    const comments = lexed.groups["comments"] ?? [];
    if (from === 0 || (tokens.length >= 2 && lookBackFound(tokens)))
      return { tokens, comments: from === 0 ? comments : comments.map((t) => moved(t, from)) };
  }
}

const moved = (t: IToken, by: number): IToken => ({
  ...t,
  startOffset: t.startOffset + by,
  ...(t.endOffset !== undefined ? { endOffset: t.endOffset + by } : {}),
});

/** Whether every `{` among the tokens has the two tokens before it, and a `(…) {` its `proc`, among them too. */
function lookBackFound(tokens: readonly IToken[]): boolean {
  let proc = false;
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i]!.tokenType === T.Proc) proc = true;
    else if (tokens[i]!.tokenType === T.LCurly) {
      if (i < 2 || (tokens[i - 1]!.tokenType === T.RParen && !proc)) return false;
    }
  }
  return true;
}

/**
 * Starts of the lines before `end` at which no `{` or `(` is open, counted as the lexer sees them
 * (not in strings or comments) and as openBlocks does (a `}` with none open closes nothing).
 */
function quietLineStarts(text: string, end: number): number[] {
  const out: number[] = [];
  let braces = 0;
  let parens = 0;
  let lineStart = true;
  for (let i = 0; i < end; i++) {
    if (lineStart && braces === 0 && parens === 0 && i > 0) out.push(i);
    lineStart = false;
    const c = text.charCodeAt(i);
    if (c === 10 /* \n */) lineStart = true;
    else if (c === 35 /* # */ || c === 34 /* " */) {
      // A comment runs to the end of the line, a string to its closing quote or the line's end.
      const close = c === 34 ? text.indexOf('"', i + 1) : -1;
      const newline = text.indexOf("\n", i + 1);
      const stop = close >= 0 && (newline < 0 || close < newline) ? close : newline < 0 ? end : newline - 1;
      i = stop;
    } else if (c === 123 /* { */) braces++;
    else if (c === 125 /* } */) braces = Math.max(0, braces - 1);
    else if (c === 40 /* ( */) parens++;
    else if (c === 41 /* ) */) parens = Math.max(0, parens - 1);
  }
  return out;
}

export function cursorAt(text: string, offset: number, options: { readonly wholeFile?: boolean } = {}): Cursor {
  let wordStart = offset;
  while (wordStart > 0 && isWordChar(text.charCodeAt(wordStart - 1))) wordStart--;
  const lexed = tokensBefore(text, wordStart, options.wholeFile === true);
  const at = (context: CursorContext): Cursor => ({ context, wordStart });

  const lastComment = lexed.comments.at(-1);
  if (lastComment && (lastComment.endOffset ?? 0) + 1 >= wordStart) return at({ kind: "none" });
  const tokens = lexed.tokens;
  const prev = tokens.at(-1);
  if (prev?.tokenType === T.UnterminatedString && (prev.endOffset ?? 0) + 1 >= wordStart) return at({ kind: "none" });

  const blocks = openBlocks(tokens);
  const block = blocks.at(-1);
  const proc = blocks.find((b) => b.kind === "proc")?.subject;
  const inProc = proc !== undefined ? { proc } : {};
  const lineStart = text.lastIndexOf("\n", wordStart - 1) + 1;
  const atLineStart = text.slice(lineStart, wordStart).trim() === "";
  const lineTokens = tokens.filter((t) => t.startOffset >= lineStart);

  if (prev?.tokenType === T.Dot) return at({ kind: "field", of: tokens.at(-2)?.image === NODE ? "node" : "interface" });
  if (prev?.tokenType === T.Colon) return at({ kind: "type" });
  // `mount proc` ends a statement; only a `proc` that starts a declaration is followed by a new name.
  const mountsProc = prev?.tokenType === T.Proc && tokens.at(-2)?.tokenType === T.Mount;
  if (prev && namingTokens.includes(prev.tokenType) && !mountsProc) return at({ kind: "none" });

  if (block && block.kind !== "proc" && block.kind !== "other") {
    const setting = settingBeingValued(tokens, block.start);
    if (setting === undefined) return at({ kind: "setting", block: block.kind, subject: block.subject });
    return at(optionWords(setting) ?? { kind: "expression", ...inProc });
  }

  const enslaving = lineTokens[0]?.tokenType === T.Enslave && !lineTokens.some((t) => t.tokenType === T.To);
  if (enslaving && (prev?.tokenType === T.Enslave || prev?.tokenType === T.Comma))
    return at({ kind: "slave", ...inProc });
  if (prev?.tokenType === T.Comma) return at({ kind: "expression", ...inProc });
  if (atLineStart || !prev || prev.tokenType === T.RCurly || prev.tokenType === T.LCurly)
    return at({ kind: "statement", ...inProc });

  if (lineTokens[0]?.tokenType === T.Load && lineTokens.length >= 2) {
    if (prev.tokenType === T.Equals) return at(optionWords(tokens.at(-2)?.image ?? "") ?? { kind: "none" });
    return at({ kind: "module-option" });
  }

  const fixed = afterKeyword.get(prev.tokenType);
  return at(fixed ? { kind: "words", ...fixed } : { kind: "expression", ...inProc });
}
