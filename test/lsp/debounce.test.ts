import type { PublishDiagnosticsParams } from "vscode-languageserver-protocol";
import type { Connection } from "vscode-languageserver/node.js";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DiagnosticsPublisher } from "../../src/lsp/diagnostics.js";
import type { Workspace } from "../../src/lsp/workspace.js";

// The debounce on fake timers: how many edits share one check must not depend on how fast a busy
// machine delivers them, which is all a test over a real pipe could observe.

let published: PublishDiagnosticsParams[];
let version: number;
let lastCheckMs: number;
/** The level of each check the publisher asked the workspace for. */
let levels: string[];

function publisher(): DiagnosticsPublisher {
  const workspace = {
    get lastCheckMs() {
      return lastCheckMs;
    },
    analysis: (uri: string, level: string) => (levels.push(level), { uri, version, result: { diagnostics: [] } }),
  } as unknown as Workspace;
  const connection = {
    sendDiagnostics: async (p: PublishDiagnosticsParams) => void published.push(p),
  } as unknown as Connection;
  return new DiagnosticsPublisher(workspace, connection);
}

beforeEach(() => {
  vi.useFakeTimers();
  published = [];
  version = 1;
  lastCheckMs = 0;
  levels = [];
});
afterEach(() => vi.useRealTimers());

describe("DiagnosticsPublisher", () => {
  it("checks a burst of edits that arrive together once, at the newest version", () => {
    const p = publisher();
    for (let v = 2; v <= 3001; v++) {
      version = v;
      p.schedule("file:///a.bond");
    }
    expect(published).toEqual([]);
    vi.runAllTimers();
    expect(published).toEqual([{ uri: "file:///a.bond", version: 3001, diagnostics: [] }]);
  });

  it("keeps one pending check per document", () => {
    const p = publisher();
    for (const uri of ["file:///a.bond", "file:///b.bond", "file:///a.bond"]) p.schedule(uri);
    vi.runAllTimers();
    expect(published.map((x) => x.uri)).toEqual(["file:///b.bond", "file:///a.bond"]);
  });

  it("waits longer after a costly check, and an edit inside the pause re-arms it", () => {
    lastCheckMs = 100; // the pause is half the last check's cost
    const p = publisher();
    p.schedule("file:///a.bond");
    vi.advanceTimersByTime(40);
    p.schedule("file:///a.bond");
    vi.advanceTimersByTime(49);
    expect(published).toEqual([]);
    vi.advanceTimersByTime(1);
    // The check has begun; its later levels each take a turn of the event loop, no time.
    vi.runAllTimers();
    expect(published).toHaveLength(1);
  });

  it("goes level by level, a turn of the event loop each, and an edit in between starts over", () => {
    lastCheckMs = 10; // no pause, but long enough for a request to come in between the levels
    const p = publisher();
    p.schedule("file:///a.bond");
    // Two turns for the messages already read, then the program: a request read meanwhile is
    // answered from it, ahead of the boot states and the checks.
    vi.advanceTimersToNextTimer().advanceTimersToNextTimer();
    expect(levels).toEqual(["program"]);
    version = 2;
    p.schedule("file:///a.bond");
    vi.runAllTimers();
    expect(levels).toEqual(["program", "program", "states", "all"]);
    expect(published).toEqual([{ uri: "file:///a.bond", version: 2, diagnostics: [] }]);
  });

  it("goes through every level at once after a check of a millisecond or so", () => {
    lastCheckMs = 0.3;
    publisher().schedule("file:///a.bond");
    vi.advanceTimersToNextTimer().advanceTimersToNextTimer();
    expect(levels).toEqual(["all"]);
    expect(published).toEqual([{ uri: "file:///a.bond", version: 1, diagnostics: [] }]);
  });
});
