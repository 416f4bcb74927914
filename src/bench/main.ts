import { cpus } from "node:os";
import * as available from "./sections.js";

/*
 * `npm run bench [-- SECTION...]`: prints each section's figures under a heading, in the order
 * given (all sections, alphabetically, when none is). Benchmarks report, they never assert: a
 * section that throws is reported and the others still run, and the exit status says so.
 */

type Section = () => Promise<string[]>;
const sections: Readonly<Record<string, Section>> = available;

function usage(): string {
  return `Usage: npm run bench [-- SECTION...]\nSections: ${Object.keys(sections).join(", ")}`;
}

async function main(argv: readonly string[]): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    process.stdout.write(`${usage()}\n`);
    return 0;
  }
  const unknown = argv.filter((name) => !Object.hasOwn(sections, name));
  if (unknown.length > 0) {
    process.stderr.write(`bench: unknown section ${unknown.map((n) => `\`${n}\``).join(", ")}\n${usage()}\n`);
    return 2;
  }
  const chosen = argv.length > 0 ? argv : Object.keys(sections);
  const cpu = cpus();
  process.stdout.write(
    `bondc bench: node ${process.version}, ${process.platform}-${process.arch}, ${cpu.length} × ${cpu[0]?.model.trim() ?? "unknown CPU"}\n`,
  );
  process.stdout.write(
    "Figures are medians of repeated runs on a noisy machine: compare ratios, not single timings.\n",
  );
  let failures = 0;
  for (const name of chosen) {
    process.stdout.write(`\n== ${name} ==\n`);
    const started = performance.now();
    try {
      const lines = await sections[name]!();
      process.stdout.write(`${lines.join("\n")}\n`);
    } catch (e) {
      failures++;
      process.stdout.write(`section failed: ${e instanceof Error ? e.message : String(e)}\n`);
    }
    process.stdout.write(`(${name}: ${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
  }
  return failures > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`bench: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 2;
  },
);
