import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { LspClient } from "../lsp/stdio-client.js";
import { largeProgram } from "./large-program.js";
import { repoRoot } from "./paths.js";
import { formatMs, median, p95, table } from "./stats.js";

/*
 * The language server section: how long after an edit the editor gets fresh diagnostics, from
 * sending didChange to receiving publishDiagnostics for that version, through a real
 * `bondc lsp --stdio` process. The time includes the server's pause before it checks (none while
 * checks are cheap, else half of what the previous check took, at most 250 ms), as a user would
 * wait it.
 */

interface Subject {
  readonly name: string;
  readonly text: string;
  readonly samples: number;
}

/** Milliseconds from each edit to its diagnostics: a comment line typed into, then removed from, the middle. */
async function editLatencies(client: LspClient, subject: Subject, index: number): Promise<{ times: number[]; findings: number }> {
  const uri = pathToFileURL(join(repoRoot, "examples", `bench-${index}.bond`)).href;
  await client.open(uri, subject.text);
  await client.diagnostics(uri, 1);
  const line = Math.floor(subject.text.split("\n").length / 2);
  const at = { line, character: 0 };
  const warmup = 3;
  const times: number[] = [];
  let findings = 0;
  for (let version = 2; version < 2 + warmup + subject.samples; version++) {
    const insert = version % 2 === 0;
    const range = insert ? { start: at, end: at } : { start: at, end: { line: line + 1, character: 0 } };
    const started = performance.now();
    await client.change(uri, version, [{ range, text: insert ? "# an edit\n" : "" }]);
    const published = await client.diagnostics(uri, version);
    if (version >= 2 + warmup) times.push(performance.now() - started);
    findings = published.diagnostics.length;
  }
  await client.close(uri);
  return { times, findings };
}

export async function benchLsp(): Promise<string[]> {
  const seed = readFileSync(join(repoRoot, "examples", "seed-general.bond"), "utf8");
  const subjects: Subject[] = [
    { name: "examples/seed-general.bond", text: seed, samples: 60 },
    { name: "generated, flat", text: largeProgram("flat", 10_000), samples: 12 },
  ];
  const client = LspClient.start(join(repoRoot, "dist", "cli", "main.js"));
  try {
    await client.initialize();
    const rows: string[][] = [];
    for (const [i, subject] of subjects.entries()) {
      const { times, findings } = await editLatencies(client, subject, i);
      rows.push([subject.name, String(subject.text.split("\n").length), formatMs(median(times)), formatMs(p95(times)), String(times.length), String(findings)]);
    }
    return [
      "Diagnostics latency after an edit (didChange → publishDiagnostics of that version), one server process:",
      ...table(["file", "lines", "median", "p95", "n", "diagnostics"], rows),
    ];
  } finally {
    await client.stop();
  }
}
