import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { TextDocumentContentChangeEvent } from "vscode-languageserver-protocol";
import { LspClient } from "../lsp/stdio-client.js";
import { shippedBin } from "./cold-start.js";
import { editMemory } from "./lsp-memory.js";
import { largeProgram } from "./large-program.js";
import { processCpuMs } from "./process-cpu.js";
import { repoRoot } from "./paths.js";
import { formatMs, median, p95, table } from "./stats.js";

/*
 * The language server section: how long after an edit the editor gets fresh diagnostics, from
 * sending didChange to receiving publishDiagnostics for that version, through a real
 * `bondc lsp --stdio` process. The time includes the server's pause before it checks (none while
 * checks are cheap, else half of what the previous check cost, at most 250 ms), as a user would
 * wait it. Beside it, the server's CPU time per edit, which a busy machine disturbs less: the
 * goals are the issue's, on the wall-clock p95; the CPU figure says how much of a missed goal is
 * the machine's load rather than the server's work.
 */

interface Subject {
  readonly name: string;
  readonly text: string;
  readonly samples: number;
  /** The diagnostics p95 goal, in milliseconds. */
  readonly goalMs: number;
}

/** One kind of edit, made again and again: the change that makes version `version` of the text. */
interface EditKind {
  readonly name: string;
  readonly change: (lines: readonly string[], version: number) => TextDocumentContentChangeEvent;
}

/** The line nearest `from` (searching down, then up) that contains the first of `words` the text has. */
function lineWith(lines: readonly string[], words: readonly string[], from: number): number {
  for (const word of words) {
    for (let i = from; i < lines.length; i++) if (lines[i]!.includes(word)) return i;
    for (let i = from; i >= 0; i--) if (lines[i]!.includes(word)) return i;
  }
  return from;
}

/** A character typed at the end of `line`, then deleted again: the text never grows. */
function typing(lines: readonly string[], line: number, char: string, version: number): TextDocumentContentChangeEvent {
  const at = { line, character: lines[line]!.length };
  return version % 2 === 0
    ? { range: { start: at, end: at }, text: char }
    : { range: { start: at, end: { line, character: at.character + 1 } }, text: "" };
}

const editKinds: readonly EditKind[] = [
  {
    name: "a comment line typed into the middle, removed",
    change: (lines, version) => {
      const at = { line: Math.floor(lines.length / 2), character: 0 };
      return version % 2 === 0
        ? { range: { start: at, end: at }, text: "# an edit\n" }
        : { range: { start: at, end: { line: at.line + 1, character: 0 } }, text: "" };
    },
  },
  {
    // The seed has no miimon: there it is the bond's netmask, 255.255.255.0 ⇄ 255.255.255.00 (an error).
    name: "typing in a statement in the middle",
    change: (lines, version) =>
      typing(lines, lineWith(lines, ["miimon", "netmask"], Math.floor(lines.length / 2)), "0", version),
  },
  {
    name: "typing in the last statement",
    change: (lines, version) => typing(lines, lineWith(lines, ["enslave"], lines.length - 1), "1", version),
  },
];

/**
 * Edits of a row made before its measured ones: the server's JIT is still compiling the check
 * through the first few dozen edits after it starts, which a user pays once, not on every edit.
 * Their figures are shown beside the row's, not judged.
 */
const WARMUP = 50;

/**
 * The measured edits of a subject's rows are made in this many rounds, the rows taking turns:
 * a burst of load from elsewhere on this shared machine then falls on every row a little, not
 * on the one row that happened to be running, and no row is the first after the server started.
 */
const ROUNDS = 4;

/** One row's figures: milliseconds from each edit to its diagnostics, the warm-up edits' apart. */
interface EditTimes {
  readonly times: number[];
  readonly first: number[];
  findings: number;
  /** The server's CPU over the measured edits, undefined where /proc does not say. */
  cpuMs?: number;
}

/** Each kind of edit made to its own copy of the subject, in turns (ROUNDS), all in one server. */
async function editLatencies(client: LspClient, subject: Subject, index: number): Promise<EditTimes[]> {
  const lines = subject.text.split("\n");
  const rows = editKinds.map((kind, k) => {
    const figures: EditTimes = { times: [], first: [], findings: 0 };
    return {
      kind,
      uri: pathToFileURL(join(repoRoot, "examples", `bench-${index}-${k}.bond`)).href,
      version: 1,
      figures,
    };
  });
  for (const row of rows) {
    await client.open(row.uri, subject.text);
    await client.diagnostics(row.uri, 1);
  }
  const edits = async (row: (typeof rows)[number], count: number, into: number[]) => {
    const cpuBefore = processCpuMs(client.process.pid);
    for (let n = 0; n < count; n++) {
      const version = ++row.version;
      const started = performance.now();
      await client.change(row.uri, version, [row.kind.change(lines, version)]);
      const published = await client.diagnostics(row.uri, version);
      into.push(performance.now() - started);
      row.figures.findings = published.diagnostics.length;
    }
    const cpuAfter = processCpuMs(client.process.pid);
    return cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore;
  };
  for (const row of rows) await edits(row, WARMUP, row.figures.first);
  for (let round = 0; round < ROUNDS; round++) {
    for (const row of rows) {
      const count = Math.ceil(subject.samples / ROUNDS);
      const cpu = await edits(row, count, row.figures.times);
      row.figures.cpuMs = cpu === undefined ? undefined : (row.figures.cpuMs ?? 0) + cpu;
    }
  }
  for (const row of rows) await client.close(row.uri);
  return rows.map(({ figures }) => {
    const cpuMs = figures.cpuMs === undefined ? undefined : figures.cpuMs / figures.times.length;
    return { ...figures, ...(cpuMs === undefined ? {} : { cpuMs }) };
  });
}

/** One kind of request's wall-clock times, and the server's CPU over them (undefined where /proc does not say). */
interface Requests {
  readonly times: number[];
  cpuMs?: number;
}

/**
 * Times a request into `into` (unless `warmup`), with the CPU the server used meanwhile: its own
 * work for the request, and whatever it did first (a pending diagnostics check), as the user waits.
 */
async function timed(client: LspClient, into: Requests, warmup: boolean, request: () => Promise<unknown>) {
  const cpuBefore = processCpuMs(client.process.pid);
  const started = performance.now();
  await request();
  const cpuAfter = processCpuMs(client.process.pid);
  if (warmup) return;
  into.times.push(performance.now() - started);
  if (cpuBefore !== undefined && cpuAfter !== undefined) into.cpuMs = (into.cpuMs ?? 0) + cpuAfter - cpuBefore;
}

/**
 * Hover and completion on the large file: after an edit (a character typed in a statement, so the
 * first request of each pair finds the analysis to be redone) and again on the same text, at
 * statements spread over the file.
 */
async function requestLatencies(client: LspClient, text: string): Promise<string[]> {
  const uri = pathToFileURL(join(repoRoot, "examples", "bench-requests.bond")).href;
  await client.open(uri, text);
  await client.diagnostics(uri, 1);
  const lines = text.split("\n");
  const targets = lines
    .flatMap((l, i) => (l.startsWith("up bond") ? [i] : []))
    .filter((_, i, all) => i % Math.ceil(all.length / 60) === 0);
  // [after an edit, on the text already analysed]
  const hover: [Requests, Requests] = [{ times: [] }, { times: [] }];
  const completion: [Requests, Requests] = [{ times: [] }, { times: [] }];
  // The edit: a character typed at the end of a statement's line in the middle of the file, and
  // deleted again (typing(): even versions hold it), as typing goes; no line moves.
  const typed = lineWith(lines, ["miimon"], Math.floor(lines.length / 2));
  let version = 1;
  const edit = async () => {
    version++;
    await client.change(uri, version, [typing(lines, typed, "0", version)]);
  };
  for (const [n, line] of targets.entries()) {
    const afterEdit = n % 2 === 0;
    if (afterEdit) await edit();
    // On the same text: once it is analysed, as when the cursor rests after typing has stopped
    // (the last iteration's edit is otherwise still being checked, and the hover would pay it).
    else await client.diagnostics(uri, version);
    await timed(client, hover[afterEdit ? 0 : 1], n <= 1, () =>
      client.request("textDocument/hover", { textDocument: { uri }, position: { line, character: 1 } }),
    );
    await timed(client, completion[1], n <= 1, () =>
      client.request("textDocument/completion", { textDocument: { uri }, position: { line: line + 1, character: 2 } }),
    );
    if (afterEdit) {
      // Completion right after an edit too (the hover above has done the analysis otherwise).
      await edit();
      await timed(client, completion[0], n <= 1, () =>
        client.request("textDocument/completion", {
          textDocument: { uri },
          position: { line: line + 1, character: 2 },
        }),
      );
    }
  }
  await client.close(uri);
  const row = (name: string, { times, cpuMs }: Requests) => [
    name,
    formatMs(median(times)),
    formatMs(p95(times)),
    "≤ 20 ms",
    p95(times) <= 20 ? "met" : "NOT met",
    cpuMs === undefined ? "n/a" : formatMs(cpuMs / times.length),
    String(times.length),
  ];
  return [
    `Hover and completion on the ${lines.length}-line file; "after typing": right after a character typed in a statement in the middle of the file, re-analysing it;`,
    "the server's CPU per request (a mean, in 10 ms ticks) includes any diagnostics check it ran first:",
    ...table(
      ["request", "median", "p95", "p95 goal", "", "server CPU/request", "n"],
      [
        row("hover on `up bondN`, after typing", hover[0]),
        row("hover on `up bondN`, same text", hover[1]),
        row("completion in its block, after typing", completion[0]),
        row("completion in its block, same text", completion[1]),
      ],
    ),
  ];
}

export async function benchLsp(): Promise<string[]> {
  const seed = readFileSync(join(repoRoot, "examples", "seed-general.bond"), "utf8");
  const large = largeProgram("flat", 10_000);
  const subjects: Subject[] = [
    { name: "examples/seed-general.bond", text: seed, samples: 200, goalMs: 5 },
    { name: `generated, flat, ${large.split("\n").length} lines`, text: large, samples: 100, goalMs: 50 },
  ];
  const client = LspClient.start(shippedBin);
  try {
    await client.initialize();
    const rows: string[][] = [];
    for (const [index, subject] of subjects.entries()) {
      const figures = await editLatencies(client, subject, index);
      for (const [k, { times, first, findings, cpuMs }] of figures.entries()) {
        const met = p95(times) <= subject.goalMs ? "met" : "NOT met";
        rows.push([
          subject.name,
          editKinds[k]!.name,
          formatMs(median(times)),
          formatMs(p95(times)),
          `≤ ${subject.goalMs} ms`,
          met,
          `${formatMs(median(first))} / ${formatMs(p95(first))}`,
          cpuMs === undefined ? "n/a" : formatMs(cpuMs),
          String(times.length),
          String(findings),
        ]);
      }
    }
    return [
      "Diagnostics latency after an edit (didChange → publishDiagnostics of that version), one server process;",
      `each row's first ${WARMUP} edits warm it up (their median / p95 shown apart); the goal is judged on the`,
      `wall-clock p95 of the n edits after them, made in ${ROUNDS} rounds in which a file's rows take turns;`,
      "the server's CPU per edit is what the edit cost it, whatever the load:",
      ...table(
        [
          "file",
          "edit",
          "median",
          "p95",
          "p95 goal",
          "",
          `first ${WARMUP}: median / p95`,
          "server CPU/edit",
          "n",
          "diagnostics",
        ],
        rows,
      ),
      "",
      ...(await requestLatencies(client, subjects[1]!.text)),
      "",
      ...editMemory(seed, subjects[1]!.text),
    ];
  } finally {
    await client.stop();
  }
}
