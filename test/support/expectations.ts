/*
 * The `# expect:` comments of fixture files (examples/mistakes/, test/lsp/fixes/): on the line a
 * diagnostic starts, each expected diagnostic is written as its code, the column it starts at, and
 * its message in double quotes, the way the CLI prints them:
 *
 *     up bond0 { # expect: BOND0301@1 "bond0 is configured before the bonding module is loaded"
 *     enslave eth0, eth1 to bond0 # expect: BOND0302@9 "eth0 is enslaved …", BOND0302@15 "eth1 is …"
 *
 * Where the help line matters, it follows the message: `BOND0305@1 "…" help "move `mount proc` …"`.
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
  /** Compared only when the fixture writes it. */
  readonly help?: string;
}

/** A diagnostic as the harnesses see it, from whichever client reported it. */
export interface Finding {
  readonly line: number;
  readonly column: number;
  readonly code: string;
  readonly message: string;
  readonly help?: string | null;
}

const marker = /#\s*expect( above)?:(.*)$/;
const quoted = String.raw`"((?:[^"\\]|\\.)*)"`;
const one = new RegExp(String.raw`^\s*(BOND\d{4})@(\d+)\s+${quoted}(?:\s+help\s+${quoted})?\s*(?:,|$)`);
const unescape = (s: string) => s.replace(/\\(.)/g, "$1");

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
      found.push({ line, column: Number(e[2]), code: e[1]!, message: unescape(e[3]!), ...(e[4] !== undefined ? { help: unescape(e[4]) } : {}) });
      rest = rest.slice(e[0].length);
    }
    if (found.length === 0) throw new Error(`line ${i + 1}: \`# expect:\` names no diagnostic`);
    return found;
  });
}

/** `LINE:COLUMN CODE message`: where and what, without the help. */
function place(d: Finding): string {
  return `${d.line}:${d.column} ${d.code} ${d.message}`;
}

/**
 * Findings and expectations as sorted lists of `LINE:COLUMN CODE message[ help: …]` to compare
 * with toEqual; a finding's help is included where its expectation names one. A list statement
 * reports once per item, so duplicates count once.
 */
export function comparable(findings: readonly Finding[], expected: readonly Expectation[]): { found: string[]; expected: string[] } {
  const helped = new Set(expected.filter((e) => e.help !== undefined).map(place));
  const show = (d: Finding, help: boolean) => `${place(d)}${help ? ` help: ${d.help ?? "(none)"}` : ""}`;
  const sorted = (list: string[]) => [...new Set(list)].sort();
  return { found: sorted(findings.map((d) => show(d, helped.has(place(d))))), expected: sorted(expected.map((e) => show(e, e.help !== undefined))) };
}

/** Whether the text carries any `# expect:` comment at all (fixed twins must not). */
export const hasExpectation = (text: string): boolean => text.split("\n").some((line) => marker.test(line));
