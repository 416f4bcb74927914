import { createToken, Lexer, type TokenType } from "chevrotain";

/*
 * Token order matters: chevrotain takes the first pattern that matches, not the longest. MAC
 * addresses come before identifiers (ab:cd:... starts like a name) and the 802.3ad mode before
 * dotted numbers. Literal patterns are deliberately loose (any count of octets, any width) so that
 * a malformed address reaches the checker, which can say precisely what is wrong with it.
 *
 * Every token also says which characters can start it and whether it can hold a line break
 * (start_chars_hint, line_breaks), which chevrotain would otherwise work out by analysing each
 * regular expression on every start-up. test/syntax/lexer-hints.test.ts checks that the hints
 * change nothing: a lexer without them tokenizes every input the same. (Chevrotain's own analysis
 * finds no line break in `[^"\n]` or `[^\n]`, carriage returns included, and the hints agree.)
 */
const digits = "0123456789";
const hexDigits = `${digits}abcdefABCDEF`;
const nameStarts = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_";
const hint = (chars: string, lineBreaks = false) => ({ start_chars_hint: [...chars], line_breaks: lineBreaks });

export const WhiteSpace = createToken({
  name: "WhiteSpace",
  pattern: /[ \t\r\n]+/,
  group: Lexer.SKIPPED,
  ...hint(" \t\r\n", true),
});
export const Comment = createToken({ name: "Comment", pattern: /#[^\n]*/, group: "comments", ...hint("#") });

export const StringLit = createToken({ name: "StringLit", pattern: /"[^"\n]*"/, ...hint('"') });
export const UnterminatedString = createToken({ name: "UnterminatedString", pattern: /"[^"\n]*/, ...hint('"') });
export const MacLit = createToken({
  name: "MacLit",
  pattern: /[0-9A-Fa-f]+(?::[0-9A-Fa-f]+)+(?![0-9A-Za-z_])/,
  ...hint(hexDigits),
});
export const Mode8023ad = createToken({ name: "Mode8023ad", pattern: /802\.3ad/, ...hint("8") });
export const Ipv4Lit = createToken({ name: "Ipv4Lit", pattern: /\d+(?:\.\d+)+/, ...hint(digits) });
/** Not followed by a letter: `8021q` is a name (a module's), not 8021 and q. */
export const IntLit = createToken({ name: "IntLit", pattern: /\d+(?![0-9A-Za-z_])/, ...hint(digits) });
export const PrefixLit = createToken({ name: "PrefixLit", pattern: /\/\d+/, ...hint("/") });

/**
 * Words such as balance-rr, net-tools and layer3+4 are single identifiers, and so are a module
 * name that starts with digits (8021q) and a VLAN interface, `bond0.100`: the parent's name, a
 * dot and the VLAN id, as the kernel names it.
 */
export const Ident = createToken({
  name: "Ident",
  pattern: /(?:[A-Za-z_]|\d+[A-Za-z_])[A-Za-z0-9_]*(?:[-+][A-Za-z0-9_]+)*(?:\.\d+)?/,
  ...hint(nameStarts + digits),
});

function keyword(word: string): TokenType {
  return createToken({
    name: word[0]!.toUpperCase() + word.slice(1),
    pattern: new RegExp(`${word}(?![A-Za-z0-9_+-])`),
    longer_alt: Ident,
    ...hint(word[0]!),
  });
}

export const Target = keyword("target");
export const Import = keyword("import");
export const Proc = keyword("proc");
export const Inventory = keyword("inventory");
export const Let = keyword("let");
export const Iface = keyword("iface");
export const Discover = keyword("discover");
export const Load = keyword("load");
export const Up = keyword("up");
export const Down = keyword("down");
export const Enslave = keyword("enslave");
export const To = keyword("to");
export const Mount = keyword("mount");
export const Handoff = keyword("handoff");
export const Wait = keyword("wait");
export const On = keyword("on");
export const Failure = keyword("failure");
export const True = keyword("true");
export const False = keyword("false");

export const LCurly = createToken({ name: "LCurly", pattern: /\{/, label: "'{'", ...hint("{") });
export const RCurly = createToken({ name: "RCurly", pattern: /\}/, label: "'}'", ...hint("}") });
export const LParen = createToken({ name: "LParen", pattern: /\(/, label: "'('", ...hint("(") });
export const RParen = createToken({ name: "RParen", pattern: /\)/, label: "')'", ...hint(")") });
export const Comma = createToken({ name: "Comma", pattern: /,/, label: "','", ...hint(",") });
export const Colon = createToken({ name: "Colon", pattern: /:/, label: "':'", ...hint(":") });
export const Equals = createToken({ name: "Equals", pattern: /=/, label: "'='", ...hint("=") });
export const Dot = createToken({ name: "Dot", pattern: /\./, label: "'.'", ...hint(".") });

export const keywords: readonly TokenType[] = [
  Target,
  Import,
  Proc,
  Inventory,
  Let,
  Iface,
  Discover,
  Load,
  Up,
  Down,
  Enslave,
  To,
  Mount,
  Handoff,
  Wait,
  On,
  Failure,
  True,
  False,
];

export const allTokens: readonly TokenType[] = [
  WhiteSpace,
  Comment,
  StringLit,
  UnterminatedString,
  MacLit,
  Mode8023ad,
  Ipv4Lit,
  IntLit,
  PrefixLit,
  ...keywords,
  Ident,
  LCurly,
  RCurly,
  LParen,
  RParen,
  Comma,
  Colon,
  Equals,
  Dot,
];

/** Words the grammar reserves; also what the LSP offers as keyword completions. */
export const keywordWords: readonly string[] = keywords.map((k) => k.name.toLowerCase());
