#!/usr/bin/env node
import { version } from "../version.js";
import type { Command } from "./command.js";
import { bootCommand } from "./commands/boot.js";
import { checkCommand } from "./commands/check.js";
import { compileCommand } from "./commands/compile.js";
import { explainCommand } from "./commands/explain.js";
import { fmtCommand } from "./commands/fmt.js";
import { lintCommand } from "./commands/lint.js";
import { lspCommand } from "./commands/lsp.js";
import { UsageError } from "./io.js";

const commands: readonly Command[] = [compileCommand, checkCommand, lintCommand, fmtCommand, explainCommand, lspCommand, bootCommand];

function help(): string {
  const width = Math.max(...commands.map((c) => c.usage.length));
  return [
    `bondc ${version}: compile .bond node descriptions into a bonding /linuxrc for NFS-root nodes`,
    "",
    "Usage: bondc COMMAND [ARGS]",
    "",
    ...commands.map((c) => `  bondc ${c.usage.padEnd(width)}  ${c.summary}`),
    "",
    "  bondc --help | --version",
    "",
    "Exit status: 0 success, 1 errors in the input, 2 usage or I/O error.",
  ].join("\n");
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(`${help()}\n`);
    return name === undefined ? 2 : 0;
  }
  if (name === "--version" || name === "-V") {
    process.stdout.write(`bondc ${version}\n`);
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) throw new UsageError(`unknown command \`${name}\` (see bondc --help)`);
  if (rest.includes("--help") || rest.includes("-h")) {
    process.stdout.write(`Usage: bondc ${command.usage}\n\n${command.summary}\n`);
    return 0;
  }
  return command.run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    // Usage and I/O problems are the user's to fix; anything else is a bondc bug. Neither
    // ever reaches the user as a stack trace.
    const isUsage = e instanceof UsageError || (e as { code?: string }).code?.startsWith("ERR_PARSE_ARGS");
    process.stderr.write(isUsage ? `bondc: ${(e as Error).message}\n` : `bondc: internal error: ${(e as Error)?.message ?? String(e)} (please report this with the input file)\n`);
    process.exitCode = 2;
  },
);
