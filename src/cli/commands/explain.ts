import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { catalog, lookup } from "../../diagnostics/catalog.js";
import { closest } from "../../semantic/literals.js";
import type { Command } from "../command.js";
import { UsageError } from "../io.js";

const mistakesDir = resolve(dirname(fileURLToPath(import.meta.url)), "../../../examples/mistakes");

/** The failing example for a code, if the examples ship alongside. */
function exampleFor(code: string): string | undefined {
  if (!existsSync(mistakesDir)) return undefined;
  const file = readdirSync(mistakesDir).find((f) => f.startsWith(`${code}-`));
  return file ? readFileSync(join(mistakesDir, file), "utf8") : undefined;
}

export const explainCommand: Command = {
  name: "explain",
  usage: "explain CODE",
  summary: "print the long explanation of a diagnostic code, with an example",
  run(args) {
    const [code] = args;
    if (!code || args.length !== 1) throw new UsageError("explain takes one CODE, e.g. bondc explain BOND0301");
    const entry = lookup(code);
    if (!entry) {
      const near = closest(code.toUpperCase(), catalog.map((e) => e.code));
      throw new UsageError(`${code} is not a bondc diagnostic code${near ? ` (did you mean ${near}?)` : ""}`);
    }
    const lines = [`${entry.code} (${entry.severity}): ${entry.summary}`, "", entry.explanation.replace(/\n(?!\n)/g, " ").replace(/ {2,}/g, " ")];
    const example = exampleFor(entry.code);
    if (example) lines.push("", "Example that triggers it:", "", ...example.trimEnd().split("\n").map((l) => `    ${l}`));
    process.stdout.write(`${lines.join("\n")}\n`);
    return 0;
  },
};
