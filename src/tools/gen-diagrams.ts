import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { syntaxDiagramsHtml } from "./diagrams-html.js";

/*
 * `npm run grammar`: regenerates grammar/diagrams.html from the parser. test/grammar/ fails when
 * the committed page is out of date, so run this after changing src/syntax/parser.ts.
 */
const out = fileURLToPath(new URL("../../grammar/diagrams.html", import.meta.url));
try {
  writeFileSync(out, syntaxDiagramsHtml());
  process.stdout.write(`wrote ${out}\n`);
} catch (e) {
  process.stderr.write(`gen-diagrams: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 2;
}
