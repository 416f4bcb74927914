import { parse, type ParseResult } from "../syntax/parse.js";
import { layOut } from "./layout.js";
import { printFile } from "./print.js";

/*
 * The canonical .bond layout. The style is fixed (no options), so every .bond file in every
 * editor and CI looks the same:
 *
 * - two-space indentation; one statement per line; `{` ends its header line and `}` has a
 *   line of its own; no trailing whitespace; the file ends with exactly one newline.
 * - `target NAME { kernel "2.2.14"  tools net-tools }`: settings on one line, two spaces
 *   apart, while the line fits in 100 columns; one setting per line otherwise.
 * - `up` and `handoff` blocks: on one line (two spaces between settings) with at most two
 *   settings that fit in 100 columns, else one setting per line. An empty block is `{}`, and
 *   `up eth1` without a block stays without one (the two mean different things).
 * - `proc name(a: interface, b: mode) {` with one statement per line; an empty body is `{}`.
 * - lists `a, b`; module options `load bonding mode=active-backup miimon=100`; a declared type
 *   `let x: ipv4 = …`; calls `name(a, b)`; `discover boot.hwaddr`.
 * - blank lines: a run of them becomes one; none at the top of the file or of a block, none at
 *   the end of a block or file, none between a `# bondc:allow` directive and its statement.
 * - comments keep their text (trailing whitespace dropped) and their order. A comment on its own
 *   line stays on its own line at the indentation of what follows; a comment after code stays
 *   after it, one space from it. Any comment inside a block puts the block on several lines. A
 *   comment in the middle of a statement (between a statement's lines, before a block's `{`)
 *   moves to its own line above that statement.
 * - long `load`, `proc` and list lines are not wrapped: the grammar gives them nowhere to break
 *   but between tokens, and a wrapped statement reads worse than a long one.
 */

/**
 * Formats .bond text. Returns undefined when the text has syntax errors: a broken file is
 * never rewritten, since the recovered tree is only a guess at what was meant.
 */
export function formatBond(text: string, file = "untitled.bond"): string | undefined {
  const parsed = parse(text, file);
  return parsed.diagnostics.length > 0 ? undefined : formatParsed(parsed);
}

/** Formats an already parsed file; it must have parsed without diagnostics. */
export function formatParsed(parsed: ParseResult): string {
  return printFile(layOut(parsed.ast, parsed.lines));
}
