import fc from "fast-check";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { pathToFileURL } from "node:url";
import { TextDocument } from "vscode-languageserver-textdocument";
import { check, type CheckLevel, type CheckResult } from "../../src/api/check.js";
import { compileChecked } from "../../src/api/compile.js";
import { largeProgram } from "../../src/bench/large-program.js";
import { CheckSession } from "../../src/api/session.js";
import { hover } from "../../src/lsp/hover.js";
import { definitionAt } from "../../src/lsp/navigation.js";
import type { Analysis } from "../../src/lsp/workspace.js";
import { diskHost } from "../../src/semantic/sources.js";
import { applyEdit, editStep, tokenSoup, type EditStep } from "../property/inputs.js";
import { examples, repoRoot } from "../support/repo.js";
import { readdirSync, readFileSync } from "node:fs";

/*
 * The language server's incremental check must be indistinguishable from a fresh full one: after
 * every edit of a random sequence (one CheckSession, so what it keeps carries over from edit to
 * edit: chunk parses, imported files' parses, the lowering of the statements before the edit),
 * the AST, the syntax diagnostics and the whole check() result (diagnostics, symbols, the
 * program, boot states: what diagnostics, hover, completion and semantic tokens are answered
 * from) and the script equal those of check() on the same text. The edits include whole
 * statements pasted in and cut out (a `load`, a `let`, an `up`, the target block) that change
 * what the statements after them read, and the test asserts that the statements after an edit
 * were often taken from what the previous check did (item-memo.ts), so that path is exercised.
 * The server checks only as far as a request needs (CheckLevel) and carries a check further
 * later (CheckSession.deepen): hovers and definitions after each edit, from checks stopped short
 * and carried on, equal those of a fresh check, and the checks' reports taken over across checks
 * that stopped short of them equal a fresh check's.
 */

const mistakesDir = join(repoRoot, "examples", "mistakes");
const documents = [
  ...examples().map((e) => ({ path: e.path, text: e.text })),
  ...readdirSync(mistakesDir).map((f) => ({
    path: join(mistakesDir, f),
    text: readFileSync(join(mistakesDir, f), "utf8"),
  })),
  { path: join(repoRoot, "examples", "generated-flat.bond"), text: largeProgram("flat", 400) },
  { path: join(repoRoot, "examples", "generated-procs.bond"), text: largeProgram("procedures", 400) },
];

/** Whole statements that change what later statements see: what they load, bind, declare or bring up. */
const statements = [
  "load bonding",
  "load bonding max_bonds=4",
  "load 8021q",
  "iface eth9",
  "iface eth2, eth3",
  "let ip = discover eth0.inet",
  "let mac = discover eth1.hwaddr",
  "let mask = 255.255.255.0",
  "up bond0 { address 10.0.2.15  netmask 255.255.255.0 }",
  "up bond1",
  "up bond0.100 { address 10.0.3.1 }",
  "down eth0, eth1",
  "enslave eth0, eth1 to bond0",
  "mount proc",
  "handoff nfs",
  "on failure shell",
  "target initramfs { tools busybox }",
];

/**
 * Edits a person makes, plus whole statements and blocks pasted in or cut out, and lines cut out
 * by what they start with (a `load`, an `up`, a `let`: what the statements after them depend on).
 */
type Step = EditStep | ["deleteStatement", string, number];
const step: fc.Arbitrary<Step> = fc.oneof(
  editStep,
  fc.tuple(
    fc.constantFrom("insertLine", "deleteLine", "insertChar"),
    fc.nat(),
    fc.nat(),
    fc.oneof(
      tokenSoup,
      fc.constantFrom(...statements),
      fc.constantFrom(
        "up bond0 {",
        "}",
        "{",
        "proc p(a: interface) {",
        "down eth0,",
        "  address ip",
        "# bondc:allow BOND0507",
        '"open',
        "\r",
        "eth0\r",
      ),
    ),
  ),
  fc.tuple(
    fc.constant("deleteStatement" as const),
    fc.constantFrom("load", "up", "let", "iface", "enslave", "down", "target", "mount"),
    fc.nat(),
  ),
);

function applyStep(text: string, s: Step): string {
  if (s[0] !== "deleteStatement") return applyEdit(text, s as EditStep);
  const [, keyword, n] = s;
  const lines = text.split("\n");
  const starts = lines.flatMap((l, i) => (l.startsWith(`${keyword} `) ? [i] : []));
  if (starts.length === 0) return text;
  lines.splice(starts[n % starts.length]!, 1);
  return lines.join("\n");
}

/** A session as the server has one per document. */
const editor = (path: string) => new CheckSession(path);

function sameAsFull(session: CheckSession, text: string, path: string, quickFirst = false): CheckResult {
  const b = check(text, path);
  if (quickFirst) {
    // What completion asks first after an edit: names and types only, then the whole check.
    const quick = session.check(text, diskHost, { level: "program" });
    expect(quick.level).toBe("program");
    expect(quick.program).toEqual(b.program);
    expect(quick.symbols).toEqual(b.symbols);
  }
  const a = session.check(text);
  expect(a.level).toBe("all");
  expect(a.source.ast).toEqual(b.source.ast);
  expect(a.source.diagnostics).toEqual(b.source.diagnostics);
  expect(a.imports).toEqual(b.imports);
  expect(a.diagnostics).toEqual(b.diagnostics);
  expect(a.symbols).toEqual(b.symbols);
  expect(a.program).toEqual(b.program);
  expect(a.states).toEqual(b.states);
  // Hovers show the generated commands, from the script of the same result.
  expect(compileChecked(a).script).toBe(compileChecked(b).script);
  return a;
}

/**
 * Whether `next` took actions of the statements after the edit from `previous` (the same
 * objects, replayed from a statement's record rather than lowered again): the reuse this test
 * must exercise, not only the prefix that is resumed as it was.
 */
function reusedAfterEdit(previous: CheckResult, next: CheckResult): boolean {
  const [a, b] = [previous.program.actions, next.program.actions];
  let first = 0;
  while (first < a.length && first < b.length && a[first] === b[first]) first++;
  const old = new Set(a.slice(first));
  return b.slice(first + 1).some((action) => old.has(action));
}

describe("incremental parsing equals a full parse and check", () => {
  // Chunking from the first byte (the server parses small files whole), so every file here is chunked.
  it("on every example and mistake, parsed from scratch", () => {
    for (const d of documents) sameAsFull(editor(d.path), d.text, d.path);
  });

  it("after an edit above statements that did not change but moved", () => {
    // A comment edited above a VLAN name: the statement's own objects move with it, but the span
    // of its VLAN id is made by arithmetic and must be made again (a volatile record).
    const path = join(mistakesDir, "BOND0217-invalid-vlan-id.bond");
    const text = readFileSync(path, "utf8");
    const session = editor(path);
    session.check(text);
    sameAsFull(session, `${text.slice(0, 1)}t${text.slice(1)}`, path);
    sameAsFull(session, `\n\n${text}`, path);
  });

  it("after an edit of comments and blank lines only, taking the whole lowering and simulation over", () => {
    // Every statement is the object the previous check lowered: its program and boot states are
    // the previous ones, their spans moved in place; and they equal a full check's.
    const path = join(repoRoot, "examples", "generated-flat.bond");
    const text = largeProgram("flat", 400);
    const session = editor(path);
    const before = session.check(text);
    const middle = text.indexOf("\nup bond5 ");
    for (const edited of [`# a comment\n\n${text}`, `${text.slice(0, middle)}\n# here too\n${text.slice(middle)}`]) {
      const after = sameAsFull(session, edited, path);
      if (edited.startsWith("#")) {
        expect(after.program).toBe(before.program);
        expect(after.states).toBe(before.states);
      }
    }
  });

  it("while typing goes on in one statement, then above it and below it", () => {
    // Each lowering keeps the state before the statement edited; the next one starts from it
    // when its edit is there or further down, and must come to what a full check does.
    const path = join(repoRoot, "examples", "generated-flat.bond");
    let text = largeProgram("flat", 300);
    const session = editor(path);
    session.check(text);
    const typeAt = (marker: string, typed: string) => {
      expect(text.indexOf(marker), marker).toBeGreaterThanOrEqual(0);
      const at = text.indexOf(marker) + marker.length;
      text = `${text.slice(0, at)}${typed}${text.slice(at)}`;
      sameAsFull(session, text, path);
    };
    const miimon = (bond: number) => `  broadcast bcast${bond}\n  hwaddr mac\n  miimon 10`;
    for (const typed of ["0", "0", "1"]) typeAt(miimon(10), typed);
    typeAt(miimon(2), "5");
    typeAt(miimon(20), "5");
    typeAt(miimon(10), "\n  mtu 9000");
    // A name typed into: the statements after it read another binding now.
    typeAt("let ip12", "x");
    typeAt("let ip12x", "\nlet ip12 = ip11");
  });

  it("when an inventory is declared after a `discover node.…` that had none, or taken away again", () => {
    const doc = join(repoRoot, "examples", "fixed", "BOND0135.bond");
    const declared = readFileSync(doc, "utf8");
    const declaration = declared.split("\n").find((l) => l.startsWith("inventory "))!;
    const without = declared.replace(`${declaration}\n`, "");
    const session = editor(doc);
    // The declaration comes last, after the statements whose lowering the session keeps.
    for (const text of [without, `${without}${declaration}\n`, without]) sameAsFull(session, text, doc);
  });

  it("after an edit inside a bond's up block, taking every later statement as it was", () => {
    // The edited `up` declares its bond again (an implicit declaration, as the same object:
    // item-memo.ts), so the state after it is what it was and every later statement's results
    // are the previous check's objects, its own enslave included; and equal to a full check.
    const path = join(repoRoot, "examples", "generated-flat.bond");
    const text = largeProgram("flat", 400);
    const session = editor(path);
    const before = session.check(text);
    for (const edited of [text.replace("miimon 100\n}\ndown eth10", "miimon 200\n}\ndown eth10"), text]) {
      const previous = new Set(before.program.actions);
      const after = sameAsFull(session, edited, path);
      const changed = after.program.actions.filter((a) => !previous.has(a));
      expect(changed.map((a) => `${a.kind} ${a.kind === "up" ? a.iface : ""}`)).toEqual(["up bond5"]);
    }
  });

  it("after a failure policy typed above the file's own, and a statement cut out below", () => {
    // The typed line changes no name, interface or value, only the settings the later `on failure`
    // reads: the statements after it must not be taken over as if nothing had changed.
    const path = join(repoRoot, "examples", "active-backup.bond");
    const text = `on failure shell\n${readFileSync(path, "utf8")}`;
    const session = editor(path);
    session.check(readFileSync(path, "utf8"));
    sameAsFull(session, text, path);
    sameAsFull(session, text.replace(/^load .*\n/m, ""), path);
  });

  it("after each edit of random edit sequences", async () => {
    let reused = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...documents),
        fc.array(step, { minLength: 1, maxLength: 8 }),
        async (doc, steps) => {
          const session = editor(doc.path);
          let text = doc.text;
          let previous = session.check(text);
          for (const [i, s] of steps.entries()) {
            text = applyStep(text, s);
            const next = sameAsFull(session, text, doc.path, i % 2 === 1);
            if (reusedAfterEdit(previous, next)) reused++;
            previous = next;
          }
          // A long synchronous run starves the test worker's messages to vitest on a busy machine.
          await new Promise((resolve) => setImmediate(resolve));
        },
      ),
      { numRuns: 150 },
    );
    // The statements after an edit were taken as they were, not only re-checked from scratch.
    expect(reused).toBeGreaterThan(20);
    // Hundreds of full checks: minutes on a machine shared with kernel builds.
  }, 600_000);

  it("keeps the checks' reports across checks that stop short of them", () => {
    // A check, a comment typed above everything checked only as far as a hover needs, the
    // comment taken out and checked fully: the program is the very same, so the first check's
    // reports are taken over (as the same objects), and are what a fresh check reports.
    const path = join(mistakesDir, "BOND0308-enslaved-twice.bond");
    const text = readFileSync(path, "utf8");
    const session = editor(path);
    const first = session.check(text);
    expect(first.diagnostics.some((d) => d.code === "BOND0308")).toBe(true);
    const hovered = session.check(`# a comment\n${text}`, diskHost, { level: "states" });
    expect(hovered.level).toBe("states");
    expect(hovered.diagnostics.some((d) => d.code === "BOND0308")).toBe(false);
    expect(hovered.states).toEqual(check(`# a comment\n${text}`, path).states);
    const again = sameAsFull(session, text, path);
    const taken = again.diagnostics.find((d) => d.code === "BOND0308");
    expect(first.diagnostics).toContain(taken);
  });

  it("carries a check that stopped short on to the rest, equal to a full check", () => {
    const path = join(mistakesDir, "BOND0316-nfs-root-unnamed.bond");
    const text = readFileSync(path, "utf8");
    const session = editor(path);
    const program = session.check(text, diskHost, { level: "program" });
    expect(program.states).toEqual([]);
    const states = session.deepen(program, "states")!;
    expect([states.level, states.program, states.symbols]).toEqual(["states", program.program, program.symbols]);
    const all = session.deepen(states, "all")!;
    expect(all.level).toBe("all");
    const fresh = check(text, path);
    expect([all.diagnostics, all.states]).toEqual([fresh.diagnostics, fresh.states]);
    // Only the latest check is carried on: an older one's spans may have moved since.
    expect(session.deepen(program, "all")).toBeUndefined();
    expect(session.deepen(all, "states")).toBe(all);
  });

  it("answers hovers and definitions as a fresh check does after each edit, checked as far as each request needs", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...documents),
        fc.array(
          fc.tuple(
            step,
            fc.constantFrom<CheckLevel>("program", "states", "all"),
            fc.array(fc.nat(), { minLength: 1, maxLength: 6 }),
          ),
          { minLength: 1, maxLength: 8 },
        ),
        async (doc, steps) => {
          const session = editor(doc.path);
          let text = doc.text;
          session.check(text);
          for (const [s, level, positions] of steps) {
            text = applyStep(text, s);
            // What the server does: the check the first request after the edit needs (the
            // diagnostics, a completion, a hover), then a hover's, carried on from it.
            const first = session.check(text, diskHost, { level });
            const result = session.deepen(first, "states")!;
            const fresh = check(text, doc.path);
            expect(result.states).toEqual(fresh.states);
            let full: CheckResult | undefined;
            const checked = () => (full ??= session.deepen(result, "all"));
            for (const p of positions) {
              const offset = p % (text.length + 1);
              expect(hover(analysisOf(doc.path, text, result), offset, checked), `hover at ${offset}`).toEqual(
                hover(analysisOf(doc.path, text, fresh), offset, () => fresh),
              );
              expect(definitionAt(result, doc.path, offset), `definition at ${offset}`).toEqual(
                definitionAt(fresh, doc.path, offset),
              );
            }
          }
          // The reports of the last full check, kept across the checks that stopped short since.
          sameAsFull(session, text, doc.path);
          await new Promise((resolve) => setImmediate(resolve));
        },
      ),
      { numRuns: 80 },
    );
  }, 600_000);
});

/** What the server's requests read: the document and its check. */
function analysisOf(path: string, text: string, result: CheckResult): Analysis {
  const uri = pathToFileURL(path).href;
  return { uri, path, version: 1, document: TextDocument.create(uri, "bond", 1, text), result };
}
