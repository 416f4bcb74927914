import { parseArgs } from "node:util";
import { compile } from "../../api/compile.js";
import { summarise } from "../../report/human.js";
import type { Command } from "../command.js";
import { printDiagnostics } from "../diagnostics-out.js";
import { readSource, UsageError, writeAtomically } from "../io.js";
import { hostFor } from "../root.js";

export const compileCommand: Command = {
  run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { output: { type: "string", short: "o" }, stats: { type: "boolean" }, root: { type: "string" } },
    });
    if (positionals.length !== 1) throw new UsageError("compile takes exactly one FILE");
    const file = positionals[0]!;
    const result = compile(readSource(file), file, hostFor(file, values.root));
    printDiagnostics(result);
    if (result.program.library && !result.hasErrors) {
      process.stderr.write(`error: ${file} is a library (procedures, no node program): import it from a node's file\n`);
      return 1;
    }
    if (!result.script) {
      process.stderr.write(`error: ${file} was not compiled: ${summarise(result.diagnostics)}\n`);
      return 1;
    }
    if (values.output) writeAtomically(values.output, result.script, 0o755);
    else process.stdout.write(result.script);
    if (values.stats && result.stats) {
      process.stderr.write(
        `${file}: ${result.stats.processes} processes, ${result.stats.discoveryProcesses} for discovery\n`,
      );
    }
    return 0;
  },
};
