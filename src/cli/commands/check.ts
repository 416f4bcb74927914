import { parseArgs } from "node:util";
import { check } from "../../api/check.js";
import { summarise } from "../../report/human.js";
import type { Command } from "../command.js";
import { printDiagnostics } from "../diagnostics-out.js";
import { readSource, UsageError } from "../io.js";

export const checkCommand: Command = {
  run(args) {
    const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
    if (positionals.length === 0) throw new UsageError("check takes at least one FILE");
    // Read everything first: a missing file is a usage error (exit 2) whatever the others hold.
    const sources = positionals.map((file) => ({ file, text: readSource(file) }));
    let errors = false;
    for (const { file, text } of sources) {
      const result = check(text, file);
      printDiagnostics(result);
      errors ||= result.hasErrors;
      const summary = summarise(result.diagnostics);
      process.stderr.write(`${file}: ${summary || "ok"}\n`);
    }
    return errors ? 1 : 0;
  },
};
