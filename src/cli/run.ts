import { version } from "../version.js";
import { commands, type OpenCommand } from "./commands.js";
import { isUsageError, UsageError } from "./io.js";

function help(): string {
  const width = Math.max(...commands.map((c) => c.usage.length));
  return [
    `bondc ${version}: compile .bond node descriptions into the early-boot bonding scripts of NFS-root nodes`,
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

async function main(argv: string[], open: OpenCommand): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(`${help()}\n`);
    return name === undefined ? 2 : 0;
  }
  if (name === "--version" || name === "-V") {
    process.stdout.write(`bondc ${version}\n`);
    return 0;
  }
  const info = commands.find((c) => c.name === name);
  if (!info) throw new UsageError(`unknown command \`${name}\` (see bondc --help)`);
  if (rest.includes("--help") || rest.includes("-h")) {
    process.stdout.write(`Usage: bondc ${info.usage}\n\n${info.summary}\n`);
    return 0;
  }
  return (await info.load(open)).run(rest);
}

/**
 * Runs `bondc ARGS` (process.argv) to its exit status, loading the command through `open`: the
 * unbundled entry (main.ts) imports tsc's output, the shipped one (bin.ts) its bundles.
 */
export function runBondc(open: OpenCommand): void {
  // A closed pipe (`bondc compile x.bond | head`) is the reader's choice, not an error to report.
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
    process.stderr.write(`bondc: cannot write output: ${e.message}\n`);
    process.exit(2);
  });

  main(process.argv.slice(2), open).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      // Usage and I/O problems are the user's to fix; anything else is a bondc bug. Neither
      // ever reaches the user as a stack trace.
      const isUsage = isUsageError(e);
      process.stderr.write(
        isUsage
          ? `bondc: ${(e as Error).message}\n`
          : `bondc: internal error: ${(e as Error)?.message ?? String(e)} (please report this with the input file)\n`,
      );
      process.exitCode = 2;
    },
  );
}
