import { statSync } from "node:fs";
import { parseArgs } from "node:util";
import { formatParsed } from "../../format/format.js";
import { summarise } from "../../report/human.js";
import { parse } from "../../syntax/parse.js";
import type { Command } from "../command.js";
import { printDiagnosticList } from "../diagnostics-out.js";
import { readSource, UsageError, writeAtomically } from "../io.js";

export const fmtCommand: Command = {
  run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { check: { type: "boolean" } },
    });
    if (positionals.length === 0) throw new UsageError("fmt takes at least one FILE");
    // Read everything first: a missing file is a usage error (exit 2) and nothing is rewritten.
    const sources = positionals.map((file) => ({ file, text: readSource(file) }));
    let status = 0;
    for (const { file, text } of sources) {
      const parsed = parse(text, file);
      if (parsed.diagnostics.length > 0) {
        // Never rewrite a broken file: the recovered tree is only a guess at what was meant.
        printDiagnosticList(parsed.diagnostics, (f) => (f === file ? parsed.lines : undefined));
        process.stderr.write(`${file}: ${summarise(parsed.diagnostics)}; not formatted\n`);
        status = 1;
        continue;
      }
      const formatted = formatParsed(parsed);
      if (formatted === text) continue;
      if (values.check) {
        process.stdout.write(`would reformat ${file}\n`);
        status = 1;
      } else {
        writeAtomically(file, formatted, statSync(file).mode & 0o777);
        process.stdout.write(`formatted ${file}\n`);
      }
    }
    return status;
  },
};
