import { describe, expect, it } from "vitest";
import { readEbnf } from "./ebnf.js";
import { print } from "./expr.js";

const read = (text: string) => readEbnf(text).map((p) => `${p.name}@${p.line} ::= ${print(p.body)}`);

describe("the EBNF reader", () => {
  it("binds postfix operators tighter than sequences, and sequences tighter than |", () => {
    expect(readEbnf("a ::= b c* | 'x' ( d | e )+")[0]!.body).toEqual({
      kind: "alt",
      alts: [
        {
          kind: "seq",
          items: [
            { kind: "name", name: "b" },
            { kind: "star", body: { kind: "name", name: "c" } },
          ],
        },
        {
          kind: "seq",
          items: [
            { kind: "literal", text: "x" },
            {
              kind: "plus",
              body: {
                kind: "alt",
                alts: [
                  { kind: "name", name: "d" },
                  { kind: "name", name: "e" },
                ],
              },
            },
          ],
        },
      ],
    });
  });

  it("ends a production where the next name is followed by ::=, and skips comments", () => {
    expect(read('/* intro */\na ::= b\n  c /* why */\nb ::= [^"#xA]+ - C\nc ::= "\'"')).toEqual([
      "a@2 ::= b c",
      'b@4 ::= [^"#xA]+ - C',
      'c@5 ::= "\'"',
    ]);
  });

  it("rejects notation it does not know, naming the line", () => {
    expect(() => readEbnf("a ::= b\nc ::= d {e}")).toThrow(/^line 2: unexpected "\{"/);
    expect(() => readEbnf("a ::= ( b")).toThrow("at the end, expected )");
    expect(() => readEbnf("a ::= b |\nc ::= d")).toThrow(/^line 2: empty expression/);
  });
});
