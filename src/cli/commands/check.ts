import { parseArgs } from "node:util";
import { check } from "../../api/check.js";
import { summarise } from "../../report/human.js";
import type { Command } from "../command.js";
import { printDiagnostics } from "../diagnostics-out.js";
import { readSource, UsageError } from "../io.js";
import { hostFor } from "../root.js";

export const checkCommand: Command = {
  name: "check",
  usage: "check FILE... [--root DIR]",
  summary: "run every check; exit 0 when clean, 1 when there are errors",
  run(args) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { root: { type: "string" } } });
    if (positionals.length === 0) throw new UsageError("check takes at least one FILE");
    // One unreadable file does not hide what the others hold: each is checked or reported in
    // turn, and the worst outcome decides the exit status (2 for a file that cannot be read).
    let errors = false;
    let unreadable = false;
    for (const file of positionals) {
      let text: string;
      try {
        text = readSource(file);
      } catch (e) {
        if (!(e instanceof UsageError)) throw e;
        process.stderr.write(`bondc: ${e.message}\n`);
        unreadable = true;
        continue;
      }
      const result = check(text, file, hostFor(file, values.root));
      printDiagnostics(result);
      errors ||= result.hasErrors;
      const summary = summarise(result.diagnostics);
      process.stderr.write(`${file}: ${summary || "ok"}\n`);
    }
    return unreadable ? 2 : errors ? 1 : 0;
  },
};
