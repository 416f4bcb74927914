import { explanationOf } from "../../registry/explain.js";
import { catalog, lookup } from "../../diagnostics/catalog.js";
import { relative } from "node:path";
import { inventoryBeside, mistakePath, readExample, repoRoot, twinPath } from "../../diagnostics/examples.js";
import { plainExplanation } from "../../diagnostics/explanation.js";
import { closest } from "../../syntax/literals.js";
import type { Command } from "../command.js";
import { UsageError } from "../io.js";

export const explainCommand: Command = {
  run(args) {
    const [code] = args;
    if (!code || args.length !== 1) throw new UsageError("explain takes one CODE, e.g. bondc explain BOND0301");
    const entry = lookup(code);
    if (!entry) {
      const near = closest(
        code.toUpperCase(),
        catalog.map((e) => e.code),
      );
      // Always point somewhere: the nearest code, or what a code looks like and where to find one.
      const hint = near ? `did you mean ${near}?` : "codes look like BOND0301, as in error[BOND0301] in bondc's output";
      throw new UsageError(`${code} is not a bondc diagnostic code (${hint})`);
    }
    const lines = [`${entry.code} (${entry.severity}): ${entry.summary}`, "", plainExplanation(explanationOf(entry))];
    // Both examples ship in examples/; BOND0901 has none, since no .bond file should cause it.
    const indent = (text: string) =>
      text
        .trimEnd()
        .split("\n")
        .map((l) => (l ? `    ${l}` : ""));
    for (const [title, path] of [
      ["Example that triggers it", mistakePath(entry)],
      ["The same, fixed", twinPath(entry)],
    ] as const) {
      const text = readExample(path);
      if (text) lines.push("", `${title} (${relative(repoRoot, path)}):`, "", ...indent(text));
      const inventory = readExample(inventoryBeside(path));
      if (inventory)
        lines.push("", `with its inventory (${relative(repoRoot, inventoryBeside(path))}):`, "", ...indent(inventory));
    }
    process.stdout.write(`${lines.join("\n")}\n`);
    return 0;
  },
};
