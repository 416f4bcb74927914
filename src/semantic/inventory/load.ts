import type { DiagnosticBag } from "../../diagnostics/report.js";
import { LineIndex } from "../../diagnostics/span.js";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { escapedDir, type CompileHost } from "../sources.js";
import { readCsv } from "./csv.js";
import { checkInventoryFacts } from "./facts.js";
import type { Inventory } from "./inventory.js";
import { readNodes } from "./rows.js";
import type { InventorySpec } from "./settings.js";

/**
 * Reads and checks the inventory each declaration names. Its file is read only from inside the
 * project root, as imports are, so a .bond file cannot make bondc read or quote anything else.
 */
export function loadInventories(
  specs: readonly InventorySpec[],
  host: CompileHost,
  rootFile: string,
  bag: DiagnosticBag,
): Inventory[] {
  const projectRoot = resolve(host.root ?? dirname(rootFile));
  return specs.flatMap((spec) => {
    if (spec.file === "") return []; // the parser reported the missing name
    const path = isAbsolute(spec.file) ? spec.file : join(dirname(spec.declaredIn), spec.file);
    const escaped = escapedDir(path, path, projectRoot, host);
    const text = escaped === undefined ? host.readFile(path) : undefined;
    if (text === undefined) {
      bag.report(
        "BOND0130",
        spec.fileSpan,
        escaped === undefined
          ? `cannot read the inventory \`${spec.file}\``
          : `the inventory \`${spec.file}\` is outside the project root`,
        {
          label: escaped === undefined ? "no such file" : "outside the project",
          notes: [
            escaped === undefined
              ? `looked for ${path}`
              : `the project root is ${escaped}; an inventory is read only from inside it`,
          ],
          help: "name the CSV file relative to this .bond file, inside the project (docs/cluster.md)",
        },
      );
      return [];
    }
    const lines = new LineIndex(text);
    const { rows, problems } = readCsv(text);
    for (const p of problems) {
      bag.report("BOND0131", lines.span(path, p.start, p.end), p.message, {
        help: 'close the quote; a quote inside a quoted field is written twice ("")',
      });
    }
    if (problems.length > 0) return [{ spec, path, lines, nodes: [], complete: false }];
    const reported = bag.items.length;
    const nodes = readNodes(rows, path, lines, bag);
    // A row is left out of the nodes only for a mistake reported in it (or in the header).
    const complete = bag.items.length === reported;
    checkInventoryFacts(spec, nodes, bag);
    return [{ spec, path, lines, nodes, complete }];
  });
}
