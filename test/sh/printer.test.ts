import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { glob, v, word, type Pattern, type Statement } from "../../src/sh/ast.js";
import { printScript } from "../../src/sh/printer.js";

/*
 * The printer owns quoting: data in a word or a pattern reaches the shell as itself, whatever
 * characters it holds. Proven by running the printed script under dash (pure string work, no
 * commands with effects) and reading back what it computed.
 */

const awkward = [
  "plain",
  "two words",
  "it's",
  'say "hi"',
  "$(reboot)",
  "`id`",
  "a*b?c[d]",
  "back\\slash",
  "}brace{",
  "",
];

function run(statements: readonly Statement[]): string {
  return execFileSync("dash", ["-c", printScript(statements).text], { encoding: "utf8" });
}

describe("the printer quotes data so it stays data", () => {
  it.each(awkward.map((s) => [JSON.stringify(s), s] as const))("a word holding %s prints as itself", (_, text) => {
    expect(run([{ kind: "command", argv: [word("printf"), word("%s"), word(text)] }])).toBe(text);
  });

  it.each(awkward.filter((s) => s !== "").map((s) => [JSON.stringify(s), s] as const))(
    "a case pattern and an expansion pattern holding %s match only that text",
    (_, text) => {
      const contains: Pattern = [glob("*"), text, glob("*")];
      const script: Statement[] = [
        { kind: "assign", variable: "subject", value: word(`<${text}>`) },
        { kind: "assign", variable: "decoy", value: word("<", text.replace(/./g, "x"), ">") },
        {
          kind: "case",
          subject: word(v("subject")),
          arms: [
            { patterns: [contains], body: [{ kind: "command", argv: [word("printf"), word("subject ")] }] },
            { patterns: [[glob("*")]], body: [] },
          ],
        },
        {
          kind: "case",
          subject: word(v("decoy")),
          arms: [
            { patterns: [contains], body: [{ kind: "command", argv: [word("printf"), word("decoy ")] }] },
            { patterns: [[glob("*")]], body: [] },
          ],
        },
        { kind: "command", argv: [word("printf"), word("%s"), word(v("subject", "#", [glob("*"), text]))] },
      ];
      expect(run(script)).toBe("subject >");
    },
  );

  it("marks give each printed line the origin of the last mark before it", () => {
    const printed = printScript([
      { kind: "mark", id: -1 },
      { kind: "comment", text: "prelude" },
      { kind: "mark", id: 0 },
      { kind: "blank" },
      { kind: "command", argv: [word("true")] },
      { kind: "mark", id: 1 },
      { kind: "command", argv: [word("false")] },
    ]);
    expect(printed.text).toBe("#!/bin/sh\n# prelude\n\ntrue\nfalse\n");
    expect(printed.marks).toEqual([-1, -1, 0, 0, 1]);
  });
});
