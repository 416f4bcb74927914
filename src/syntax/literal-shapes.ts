import type { ILexingResult } from "chevrotain";
import type { Diagnostic, Fix } from "../diagnostics/diagnostic.js";
import { makeDiagnostic } from "../diagnostics/report.js";
import type { LineIndex, Span } from "../diagnostics/span.js";
import { macForm, parseIpv4, parseMac, type Parsed } from "../semantic/literals.js";
import { StringLit, UnterminatedString } from "./tokens.js";

/*
 * Literals written the way other tools write them, which the lexer would cut into pieces for the
 * parser to trip over ("expected '}', found `/24`"): an address with its prefix length
 * (`10.0.2.15/24`, as ip(8) prints it), a MAC with dashes (`52-54-00-12-34-56`, as Windows and
 * QEMU's docs do) and a MAC with a digit that is not hexadecimal (`52:54:00:12:34:5g`). Each is
 * reported once, as the literal it is, with the form .bond accepts; the text is then patched to
 * the same length (the prefix blanked, dashes made colons, the bad digit a 0) so that the lexer
 * reads one literal where the user wrote one, every offset stays, and nothing echoes.
 */

/** Where a literal may start and end: not inside a longer word, address or name. */
const alone = (body: string) => new RegExp(`(?<![\\w.:/-])${body}(?![\\w.:/-])`, "g");

const cidr = alone(String.raw`\d+(?:\.\d+){3}\/\d+`);
const dashedMac = alone(String.raw`[0-9A-Fa-f]{2}(?:-[0-9A-Fa-f]{2}){5}`);
const macLike = alone(String.raw`[0-9A-Za-z]{1,2}(?::[0-9A-Za-z]{1,2}){5}`);

interface Shape {
  readonly diagnostic: Diagnostic;
  /** Same-length text the lexer reads as the literal meant. */
  readonly patched: string;
}

/** A literal found in the text: what it says and where, with the whole text around it. */
interface Found {
  readonly literal: string;
  readonly span: Span;
  readonly text: string;
  spanAt(start: number, end: number): Span;
}

export function readLiteralShapes(text: string, lexed: ILexingResult, lines: LineIndex, file: string): { text: string; diagnostics: Diagnostic[] } {
  const opaque = [...(lexed.groups["comments"] ?? []), ...lexed.tokens.filter((t) => t.tokenType === StringLit || t.tokenType === UnterminatedString)].map(
    (t) => [t.startOffset, (t.endOffset ?? t.startOffset) + 1] as const,
  );
  const inOpaque = (offset: number) => opaque.some(([start, end]) => offset >= start && offset < end);
  const spanAt = (start: number, end: number) => lines.span(file, start, end);
  const shapes: { start: number; shape: Shape }[] = [];
  const scan = (pattern: RegExp, read: (found: Found) => Shape | undefined) => {
    for (const m of text.matchAll(pattern)) {
      if (inOpaque(m.index)) continue;
      const shape = read({ literal: m[0], span: spanAt(m.index, m.index + m[0].length), text, spanAt });
      if (shape) shapes.push({ start: m.index, shape });
    }
  };
  scan(cidr, addressWithPrefix);
  scan(dashedMac, dashed);
  scan(macLike, (found) => (/[^0-9A-Fa-f:]/.test(found.literal) ? notHex(found) : undefined));
  if (shapes.length === 0) return { text, diagnostics: [] };
  let patched = text;
  for (const { start, shape } of shapes) patched = patched.slice(0, start) + shape.patched + patched.slice(start + shape.patched.length);
  return { text: patched, diagnostics: shapes.map((f) => f.shape.diagnostic) };
}

function addressWithPrefix({ literal, span, text, spanAt }: Found): Shape {
  const slash = literal.indexOf("/");
  const address = literal.slice(0, slash);
  const prefix = literal.slice(slash);
  const prefixSpan = spanAt(span.start + slash, span.end);
  // `address 10.0.2.15/24` in a block that has no netmask yet: the prefix becomes its netmask.
  const blockEnd = text.indexOf("}", span.end);
  const block = text.slice(text.lastIndexOf("{", span.start) + 1, blockEnd < 0 ? text.length : blockEnd);
  const toNetmask = /\baddress[ \t]+$/.test(text.slice(0, span.start)) && !/\bnetmask\b/.test(block);
  const fix: Fix = toNetmask
    ? { title: `Move ${prefix} to a netmask setting`, edits: [{ span: prefixSpan, newText: `  netmask ${prefix}` }] }
    : { title: `Remove ${prefix}`, edits: [{ span: prefixSpan, newText: "" }] };
  return {
    diagnostic: makeDiagnostic("BOND0201", span, `\`${literal}\` is not a valid IPv4 address`, {
      label: problemOf(parseIpv4(literal)),
      help: `write the address alone and the prefix as its netmask: address ${address}  netmask ${prefix}`,
      fixes: [fix],
    }),
    patched: address + " ".repeat(prefix.length),
  };
}

function dashed({ literal, span }: Found): Shape {
  const colons = literal.replace(/-/g, ":");
  return {
    diagnostic: makeDiagnostic("BOND0202", span, `\`${literal}\` is not a valid MAC address`, {
      label: problemOf(parseMac(literal)),
      help: `write it with colons: ${colons}`,
      fixes: [{ title: `Change to ${colons}`, edits: [{ span, newText: colons }] }],
    }),
    patched: colons,
  };
}

function notHex({ literal, span }: Found): Shape {
  return {
    diagnostic: makeDiagnostic("BOND0202", span, `\`${literal}\` is not a valid MAC address`, {
      label: problemOf(parseMac(literal)),
      help: `hexadecimal digits are 0-9 and a-f; ${macForm}`,
    }),
    patched: literal.replace(/[^0-9A-Fa-f:]/g, "0"),
  };
}

/** What literals.ts says is wrong; only called on text these shapes already showed to be wrong. */
function problemOf(parsed: Parsed<unknown>): string {
  return parsed.ok ? "" : parsed.problem;
}
