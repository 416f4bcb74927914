import type { Command, Expansion, Pattern, Statement, Word } from "./ast.js";

/*
 * Prints the shell AST as POSIX sh. Literal-only words print bare when they are made of safe
 * characters, quoted otherwise; words with expansions print double-quoted, so every expansion is
 * quoted and the output passes `shellcheck -s sh`. Quoted data is printed so that ShellCheck has
 * nothing to say about it: text with `$`, a backquote or a backslash goes in double quotes with
 * those escaped (in single quotes ShellCheck takes `$(x)` for a forgotten expansion, SC2016, and
 * `\'` for a mistaken escape, SC1003), and a leading `~` is escaped outside the quotes (a quoted
 * tilde looks like a forgotten $HOME, SC2088).
 */

const safe = /^[A-Za-z0-9_.,:/=+@%^-]+$/;

function quote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** A case pattern: every literal part single-quoted (so glob characters in it are inert), even an empty one. */
function casePattern(p: Pattern): string {
  return p.map((part) => (typeof part === "string" ? quote(part) : part.glob)).join("");
}

/**
 * A pattern inside "${v#…}": quotes there mean different things to different shells, so
 * literal parts are backslash-escaped instead (glob characters, what double quotes would take,
 * the closing brace and the single quote), which dash, bash, mksh, busybox, yash and posh agree on.
 */
function expansionPattern(p: Pattern): string {
  return p.map((part) => (typeof part === "string" ? part.replace(/([*?[\]\\"$`}'])/g, "\\$1") : part.glob)).join("");
}

function expansion(e: Expansion): string {
  if (!e.op) return `\${${e.variable}}`;
  return `\${${e.variable}${e.op}${e.pattern ? expansionPattern(e.pattern) : ""}}`;
}

const doubleQuoted = (text: string): string => text.replace(/(["$`\\])/g, "\\$1");

function printLiteral(text: string): string {
  if (text !== "" && safe.test(text)) return text;
  if (text.startsWith("~")) return text === "~" ? "\\~" : `\\~${printLiteral(text.slice(1))}`;
  if (/[$`\\]/.test(text)) return `"${doubleQuoted(text)}"`;
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

export function printWord(w: Word): string {
  if (w.every((p) => typeof p === "string")) return printLiteral(w.join(""));
  const inner = w.map((p) => (typeof p === "string" ? doubleQuoted(p) : expansion(p))).join("");
  return `"${inner}"`;
}

/** A variable named inside $((...)), where nothing is quoted: only a plain shell name may appear. */
function name(variable: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(variable)) throw new Error(`not a shell variable name: ${variable}`);
  return variable;
}

function printCommand(c: Command): string {
  let text = c.argv.map(printWord).join(" ");
  if (c.redirect) {
    text +=
      c.redirect.op === ">&"
        ? ` >&${printWord(c.redirect.target)}`
        : ` ${c.redirect.op} ${printWord(c.redirect.target)}`;
  }
  if (c.orElse) text += ` || ${printCommand(c.orElse)}`;
  return text;
}

function printStatement(s: Statement, indent: string, out: string[], marks?: Map<number, number>): void {
  switch (s.kind) {
    case "mark":
      marks?.set(out.length, s.id);
      return;
    case "blank":
      // Sections are separated by one blank line, however the backend's pieces meet.
      if (out[out.length - 1] !== "") out.push("");
      return;
    case "comment":
      for (const line of s.text.split("\n")) out.push(`${indent}# ${line}`.trimEnd());
      return;
    case "command":
      out.push(indent + printCommand(s));
      return;
    case "assign": {
      const value =
        "capture" in s.value
          ? `"$(${printCommand(s.value.capture)})"`
          : "sum" in s.value
            ? `"$((${name(s.value.sum.variable)} + ${Math.trunc(s.value.sum.add)}))"`
            : printWord(s.value);
      out.push(`${indent}${s.variable}=${value}${s.orElse ? ` || ${printCommand(s.orElse)}` : ""}`);
      return;
    }
    case "case":
      out.push(`${indent}case ${printWord(s.subject)} in`);
      for (const arm of s.arms) {
        if (arm.body.length === 1 && arm.body[0]!.kind !== "case") {
          const body: string[] = [];
          printStatement(arm.body[0]!, "", body);
          out.push(`${indent}  ${arm.patterns.map(casePattern).join(" | ")}) ${body.join("; ")} ;;`);
        } else if (arm.body.length === 0) {
          out.push(`${indent}  ${arm.patterns.map(casePattern).join(" | ")}) ;;`);
        } else {
          out.push(`${indent}  ${arm.patterns.map(casePattern).join(" | ")})`);
          for (const b of arm.body) printStatement(b, `${indent}    `, out, marks);
          out.push(`${indent}    ;;`);
        }
      }
      out.push(`${indent}esac`);
      return;
    case "if":
      out.push(
        `${indent}if ${"kind" in s.test ? printCommand(s.test) : `[ ${s.test.map(printWord).join(" ")} ]`}; then`,
      );
      for (const b of s.then) printStatement(b, `${indent}  `, out, marks);
      out.push(`${indent}fi`);
      return;
    case "function":
      out.push(`${indent}${s.name}() {`);
      for (const b of s.body) printStatement(b, `${indent}  `, out, marks);
      out.push(`${indent}}`);
      return;
    case "for":
      out.push(`${indent}for ${s.variable} in ${s.items.map(printWord).join(" ")}; do`);
      for (const b of s.body) printStatement(b, `${indent}  `, out, marks);
      out.push(`${indent}done`);
      return;
    case "forever":
      out.push(`${indent}while :; do`);
      for (const b of s.body) printStatement(b, `${indent}  `, out, marks);
      out.push(`${indent}done`);
      return;
  }
}

export interface PrintedScript {
  readonly text: string;
  /** For each line (0-based), the id of the last mark printed before it; -1 before the first. */
  readonly marks: readonly number[];
}

export function printScript(statements: readonly Statement[]): PrintedScript {
  const out: string[] = ["#!/bin/sh"];
  const at = new Map<number, number>();
  for (const s of statements) printStatement(s, "", out, at);
  const marks: number[] = [];
  let current = -1;
  for (let i = 0; i < out.length; i++) {
    current = at.get(i) ?? current;
    marks.push(current);
  }
  return { text: `${out.join("\n")}\n`, marks };
}
