/*
 * The `# expect:` comments of fixture files (examples/mistakes/, test/lsp/fixes/): on the line a
 * diagnostic starts, each expected diagnostic is written as its code, the column it starts at, and
 * its message in double quotes, the way the CLI prints them:
 *
 *     up bond0 { # expect: BOND0301@1 "bond0 is configured before the bonding module is loaded"
 *     enslave eth0, eth1 to bond0 # expect: BOND0302@9 "eth0 is enslaved …", BOND0302@15 "eth1 is …"
 *
 * A `"` inside a message is written `\"`. A bare code (the old `# expect: BOND0301`) is refused,
 * so no fixture can fall back to checking less than the place and the words. On a line whose end
 * is not a comment (an unclosed string runs to the end of its line and would swallow it), the
 * expectation goes on its own line below, as `# expect above: …`.
 */

export interface Expectation {
  /** 1-based, the line the comment is on. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
  readonly code: string;
  readonly message: string;
}

const marker = /#\s*expect( above)?:(.*)$/;
const one = /^\s*(BOND\d{4})@(\d+)\s+"((?:[^"\\]|\\.)*)"\s*(?:,|$)/;

/** Every expectation in the raw text (raw, so the line of an unclosed string counts too). */
export function expectations(text: string): Expectation[] {
  return text.split("\n").flatMap((raw, i) => {
    const m = marker.exec(raw);
    if (!m) return [];
    const found: Expectation[] = [];
    const line = m[1] ? i : i + 1;
    let rest = m[2]!;
    while (rest.trim() !== "") {
      const e = one.exec(rest);
      if (!e) throw new Error(`line ${i + 1}: cannot read the expectation \`${rest.trim()}\`; write CODE@COLUMN "message"`);
      found.push({ line, column: Number(e[2]), code: e[1]!, message: e[3]!.replace(/\\(.)/g, "$1") });
      rest = rest.slice(e[0].length);
    }
    if (found.length === 0) throw new Error(`line ${i + 1}: \`# expect:\` names no diagnostic`);
    return found;
  });
}

/** `LINE:COLUMN CODE message`, the one form in which expectations and findings are compared. */
export function place(d: { line: number; column: number; code: string; message: string }): string {
  return `${d.line}:${d.column} ${d.code} ${d.message}`;
}

/** Whether the text carries any `# expect:` comment at all (fixed twins must not). */
export const hasExpectation = (text: string): boolean => text.split("\n").some((line) => marker.test(line));
