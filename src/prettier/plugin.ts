import { doc, type Parser, type Plugin, type Printer, type SupportLanguage } from "prettier";
import { formatParsed } from "../format/format.js";
import { parse, type ParseResult } from "../syntax/parse.js";

/*
 * `bondc/prettier`: lets prettier format .bond files, with exactly the output of `bondc fmt`.
 * The printer hands the whole file to formatParsed, which places comments itself, so the root
 * given to prettier deliberately has no `comments` property: prettier then leaves comment
 * attachment to us instead of demanding that every comment be printed through its machinery.
 * The .bond style is fixed, so printWidth, tabWidth and the like do not apply.
 */

/** What the `bond` parser hands prettier: the parse, wrapped so prettier sees no `comments`. */
export interface BondRoot {
  readonly kind: "BondRoot";
  readonly parsed: ParseResult;
  readonly span: { readonly start: number; readonly end: number };
}

export const languages: SupportLanguage[] = [
  { name: "bond", parsers: ["bond"], extensions: [".bond"], vscodeLanguageIds: ["bond"] },
];

/** A syntax error in prettier's shape: `loc` (1-based columns) makes prettier show a code frame instead of a stack. */
class BondSyntaxError extends SyntaxError {
  constructor(
    message: string,
    readonly loc: { start: { line: number; column: number }; end: { line: number; column: number } },
  ) {
    super(message);
  }
}

const bondParser: Parser<BondRoot> = {
  astFormat: "bond",
  parse(text, options) {
    const parsed = parse(text, options.filepath ?? "untitled.bond");
    const [first, ...more] = parsed.diagnostics;
    if (first) {
      const s = first.span;
      const others = more.length > 0 ? ` (and ${more.length} more syntax error${more.length === 1 ? "" : "s"})` : "";
      throw new BondSyntaxError(`${s.file}:${s.line}:${s.column}: error[${first.code}]: ${first.message}${others}`, {
        start: { line: s.line, column: s.column },
        end: { line: s.endLine, column: s.endColumn },
      });
    }
    return { kind: "BondRoot", parsed, span: { start: 0, end: text.length } };
  },
  locStart: (node) => node.span.start,
  locEnd: (node) => node.span.end,
};

const bondPrinter: Printer<BondRoot> = {
  print(path) {
    // Hard lines rather than "\n" in a string, so prettier's endOfLine option still applies.
    return doc.builders.join(doc.builders.hardline, formatParsed(path.node.parsed).split("\n"));
  },
};

export const parsers = { bond: bondParser };
export const printers = { bond: bondPrinter };

const plugin: Plugin<BondRoot> = { languages, parsers, printers };
export default plugin;
