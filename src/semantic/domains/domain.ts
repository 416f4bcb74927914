import type { Code } from "../../diagnostics/catalog.js";
/*
 * A value domain: the values one consumer (the kernel, a tool, the shell, a boot loader) takes
 * as they are written, with each of that consumer's rules and where the rule comes from. The
 * compiler checks literals against these rules, the docs (docs/domains.md) print them, and the
 * property tests generate values inside and outside them.
 */

export interface DomainRule {
  /** Short, stable name of the rule, used in messages: "length", "no comma". */
  readonly name: string;
  /** The rule as a sentence, for the docs. */
  readonly text: string;
  /** Where the consumer's own code or manual says so. */
  readonly source: string;
  /** Why `value` breaks the rule (a sentence fragment), or undefined when it keeps it. */
  readonly check: (value: string) => string | undefined;
}

export interface Domain {
  readonly id: string;
  readonly title: string;
  /** One value of the domain, as messages name it: "interface name". */
  readonly noun: string;
  /** Where values of this domain go, for the docs and the messages' notes. */
  readonly consumers: string;
  /**
   * The diagnostic reported for a literal outside the domain; undefined for domains no .bond
   * literal reaches yet (boot-loader entries, image paths), which later targets check.
   */
  readonly code?: Code;
  readonly rules: readonly DomainRule[];
}

/** A domain that .bond literals reach, so it has the code their errors are reported with. */
export interface LiteralDomain extends Domain {
  readonly code: Code;
}

export interface Violation {
  readonly rule: DomainRule;
  readonly problem: string;
}

/** Every rule of `domain` that `value` breaks, in the table's order; empty when the value is in the domain. */
export function violations(domain: Domain, value: string): Violation[] {
  return domain.rules.flatMap((rule) => {
    const problem = rule.check(value);
    return problem === undefined ? [] : [{ rule, problem }];
  });
}

/** The first rule of `domain` that `value` breaks, or undefined when the value is in the domain. */
export function violation(domain: Domain, value: string): Violation | undefined {
  return violations(domain, value)[0];
}

// ---- rule builders shared by several domains --------------------------------------------

const byteLength = (value: string): number => Buffer.byteLength(value, "utf8");

/** At most `max` bytes (the consumer counts bytes, not characters). */
export function maxBytes(max: number, text: string, source: string): DomainRule {
  return {
    name: "length",
    text,
    source,
    check: (v) =>
      byteLength(v) > max
        ? `it is ${byteLength(v)} bytes long, ${byteLength(v) - max} more than the ${max} allowed`
        : undefined,
  };
}

export function nonEmpty(text: string, source: string): DomainRule {
  return { name: "not empty", text, source, check: (v) => (v === "" ? "it is empty" : undefined) };
}

/** How a character is named in messages: visible ones as themselves, the rest by code point. */
export function describeChar(c: string): string {
  if (c === " ") return "a space";
  if (c === "\t") return "a tab";
  const code = c.codePointAt(0) ?? 0;
  if (code < 0x20 || code === 0x7f)
    return `the control character U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
  if (code > 0x7e) return `the non-ASCII character \`${c}\``;
  return `\`${c}\``;
}

/** No character from `chars` (a string of them, or a test), anywhere in the value. */
export function forbids(
  name: string,
  chars: string | ((c: string) => boolean),
  text: string,
  source: string,
  why: string,
): DomainRule {
  const bad = typeof chars === "string" ? (c: string) => chars.includes(c) : chars;
  return {
    name,
    text,
    source,
    // A loop, not [...v].find: boot entries check every word of 10,000 nodes' entries (bench cluster).
    check: (v) => {
      for (const c of v) if (bad(c)) return `it contains ${describeChar(c)}, ${why}`;
      return undefined;
    },
  };
}

/** Whitespace as the kernel's isspace() and the shell's field splitting see it (ASCII only). */
export const isSpace = (c: string): boolean =>
  c === " " || c === "\t" || c === "\n" || c === "\v" || c === "\f" || c === "\r";
/** Control characters and anything outside printable ASCII (one character: a code point, as `for … of` gives). */
export const isUnprintable = (c: string): boolean => {
  const code = c.charCodeAt(0);
  return c.length !== 1 || code < 0x20 || code > 0x7e;
};
