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
  | { readonly kind: "field" }
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

export function cursorAt(text: string, offset: number): Cursor {
  const before = text.slice(0, offset);
  const word = /[A-Za-z0-9_+-]*$/.exec(before)?.[0] ?? "";
  const wordStart = offset - word.length;
  const lexed = bondLexer.tokenize(text.slice(0, wordStart));
  const at = (context: CursorContext): Cursor => ({ context, wordStart });

  const lastComment = lexed.groups["comments"]?.at(-1);
  if (lastComment && (lastComment.endOffset ?? 0) + 1 >= wordStart) return at({ kind: "none" });
  const tokens = lexed.tokens;
  const prev = tokens.at(-1);
  if (prev?.tokenType === T.UnterminatedString && (prev.endOffset ?? 0) + 1 >= wordStart) return at({ kind: "none" });

  const blocks = openBlocks(tokens);
  const block = blocks.at(-1);
  const proc = blocks.find((b) => b.kind === "proc")?.subject;
  const inProc = proc !== undefined ? { proc } : {};
  const lineStart = before.lastIndexOf("\n", wordStart - 1) + 1;
  const atLineStart = before.slice(lineStart, wordStart).trim() === "";
  const lineTokens = tokens.filter((t) => t.startOffset >= lineStart);

  if (prev?.tokenType === T.Dot) return at({ kind: "field" });
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
