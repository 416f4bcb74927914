/*
 * A small shell AST: just what the generated boot scripts need. The printer owns all quoting, so no backend ever
 * writes a raw expansion; every `$` the printer emits is inside double quotes.
 */

/** Glob syntax in a pattern (`*`, `[0-9]`), printed as written. */
export interface Glob {
  readonly glob: string;
}

/**
 * A pattern: literal text, which the printer quotes or escapes so it only ever matches itself,
 * and glob syntax. `[glob("*"), "inet addr:", glob("*")]` matches any text containing "inet addr:".
 */
export type Pattern = readonly (string | Glob)[];

export const glob = (text: string): Glob => ({ glob: text });

/** A parameter expansion: `${name}`, `${name#pattern}`, `${name%%pattern}`, `${name-}`. */
export interface Expansion {
  readonly variable: string;
  readonly op?: "#" | "##" | "%" | "%%" | "-";
  readonly pattern?: Pattern;
}

/** A word is literal text and expansions concatenated; it always prints as one shell word. */
export type WordPart = string | Expansion;
export type Word = readonly WordPart[];

/**
 * Standard output to a file (`> FILE`) or to another descriptor (`>&2`); standard error to a file
 * (`2> FILE`); standard input from a file (`< FILE`).
 */
export interface Redirect {
  readonly op: ">" | ">&" | "2>" | "<";
  readonly target: Word;
}

export interface Command {
  readonly kind: "command";
  readonly argv: readonly Word[];
  readonly redirect?: Redirect;
  /** `|| handler args`: what runs when the command fails. */
  readonly orElse?: Command;
}

export interface Assign {
  readonly kind: "assign";
  readonly variable: string;
  /**
   * A word, the output of a command ($(...)), or the sum of a variable and a number
   * ($((name + 600)), arithmetic on a variable the script set to digits itself).
   */
  readonly value:
    Word | { readonly capture: Command } | { readonly sum: { readonly variable: string; readonly add: number } };
  readonly orElse?: Command;
}

export interface CaseArm {
  readonly patterns: readonly Pattern[];
  readonly body: readonly Statement[];
}

export interface Case {
  readonly kind: "case";
  readonly subject: Word;
  readonly arms: readonly CaseArm[];
}

export interface If {
  readonly kind: "if";
  /** A `[ ... ]` test written as argv, e.g. ["-n", word], or a command whose success is the test. */
  readonly test: readonly Word[] | Command;
  readonly then: readonly Statement[];
}

export interface FunctionDef {
  readonly kind: "function";
  readonly name: string;
  readonly body: readonly Statement[];
}

export interface Loop {
  readonly kind: "forever";
  readonly body: readonly Statement[];
}

/** `for variable in items; do body; done`. */
export interface For {
  readonly kind: "for";
  readonly variable: string;
  readonly items: readonly Word[];
  readonly body: readonly Statement[];
}

export interface Comment {
  readonly kind: "comment";
  readonly text: string;
}

export interface Blank {
  readonly kind: "blank";
}

/**
 * Prints nothing: the lines printed after it, up to the next mark, came from origin `id` (the
 * backend's numbering). This is how a script gets its source map without the printer knowing
 * what an origin is.
 */
export interface Mark {
  readonly kind: "mark";
  readonly id: number;
}

export type Statement = Command | Assign | Case | If | FunctionDef | Loop | For | Comment | Blank | Mark;

// ---- constructors, so backends read like the script they produce -------------------------

export const v = (variable: string, op?: Expansion["op"], pattern?: Pattern): Expansion =>
  op === undefined ? { variable } : pattern === undefined ? { variable, op } : { variable, op, pattern };

export function word(...parts: WordPart[]): Word {
  return parts;
}

export function cmd(...argv: (string | Word)[]): Command {
  return { kind: "command", argv: argv.map((a) => (typeof a === "string" ? [a] : a)) };
}

export const comment = (text: string): Comment => ({ kind: "comment", text });
export const blank: Blank = { kind: "blank" };
export const mark = (id: number): Mark => ({ kind: "mark", id });
