/*
 * One tree shape for both sides of the grammar comparison: grammar/bond.ebnf as read by ebnf.ts,
 * and the parser's GAST as converted by gast.ts. Both are brought to a canonical form and printed
 * as EBNF text, so a mismatch reads as two lines of grammar rather than two object dumps.
 */

export type Expr =
  | { readonly kind: "seq"; readonly items: readonly Expr[] }
  | { readonly kind: "alt"; readonly alts: readonly Expr[] }
  | { readonly kind: "opt" | "star" | "plus"; readonly body: Expr }
  /** W3C `A - B`: what A matches and B does not. Lexical rules only. */
  | { readonly kind: "diff"; readonly left: Expr; readonly right: Expr }
  /** A reference to another production (a nonterminal, or a token's lexical rule). */
  | { readonly kind: "name"; readonly name: string }
  /** A quoted terminal: 'let', '{', '802.3ad'. */
  | { readonly kind: "literal"; readonly text: string }
  /** A W3C character class, kept as written: [^"#xA]. */
  | { readonly kind: "charClass"; readonly source: string };

export const seq = (items: readonly Expr[]): Expr => ({ kind: "seq", items });

/** Nested sequences and alternations flattened, one-item sequences unwrapped. */
export function canonical(e: Expr): Expr {
  switch (e.kind) {
    case "seq": {
      const items = e.items.map(canonical).flatMap((i) => (i.kind === "seq" ? i.items : [i]));
      return items.length === 1 ? items[0]! : { kind: "seq", items };
    }
    case "alt": {
      const alts = e.alts.map(canonical).flatMap((a) => (a.kind === "alt" ? a.alts : [a]));
      return alts.length === 1 ? alts[0]! : { kind: "alt", alts };
    }
    case "opt":
    case "star":
    case "plus":
      return { kind: e.kind, body: canonical(e.body) };
    case "diff":
      return { kind: "diff", left: canonical(e.left), right: canonical(e.right) };
    default:
      return e;
  }
}

const postfix = { opt: "?", star: "*", plus: "+" } as const;

/** EBNF text with only the parentheses the structure needs. */
export function print(e: Expr): string {
  switch (e.kind) {
    case "seq":
      return e.items.map((i) => (i.kind === "alt" || i.kind === "diff" ? `( ${print(i)} )` : print(i))).join(" ");
    case "alt":
      return e.alts.map(print).join(" | ");
    case "opt":
    case "star":
    case "plus": {
      const inner =
        e.body.kind === "seq" || e.body.kind === "alt" || e.body.kind === "diff"
          ? `( ${print(e.body)} )`
          : print(e.body);
      return `${inner}${postfix[e.kind]}`;
    }
    case "diff":
      return `${print(e.left)} - ${print(e.right)}`;
    case "name":
      return e.name;
    case "literal":
      return e.text.includes("'") ? `"${e.text}"` : `'${e.text}'`;
    case "charClass":
      return e.source;
  }
}

/** Every production name the expression refers to. */
export function referencedNames(e: Expr): string[] {
  switch (e.kind) {
    case "seq":
      return e.items.flatMap(referencedNames);
    case "alt":
      return e.alts.flatMap(referencedNames);
    case "opt":
    case "star":
    case "plus":
      return referencedNames(e.body);
    case "diff":
      return [...referencedNames(e.left), ...referencedNames(e.right)];
    case "name":
      return [e.name];
    default:
      return [];
  }
}
