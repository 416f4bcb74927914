import { beforeAll, describe, expect, it } from "vitest";
import { bondcAsync, ensureBuilt, stackTrace } from "../support/bondc.js";
import { workspace } from "./workspace.js";

/*
 * Whatever bondc is handed, it answers in its own words: exit 1 for a readable file with errors,
 * exit 2 with one line for a file it cannot read as .bond text, never a stack trace.
 */
beforeAll(ensureBuilt);
const ws = workspace();

function expectOneLine(stderr: string, pattern: RegExp): void {
  expect(stderr).toMatch(pattern);
  expect(stderr.endsWith("\n") && stderr.indexOf("\n") === stderr.length - 1).toBe(true);
}

describe.each(["compile", "check"])("bondc %s on awkward inputs", (command) => {
  it("a missing file: exit 2, one line", async () => {
    const r = await bondcAsync([command, `${ws.dir}/missing.bond`]);
    expect(r.status).toBe(2);
    expectOneLine(r.stderr, /^bondc: cannot read .*missing\.bond: no such file$/m);
  });

  it("a directory: exit 2, one line", async () => {
    const r = await bondcAsync([command, ws.dir]);
    expect(r.status).toBe(2);
    expectOneLine(r.stderr, /^bondc: cannot read .*: it is a directory$/m);
  });

  it("a binary file: exit 2, one line, no raw bytes echoed", async () => {
    const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
    const r = await bondcAsync([command, ws.file("kernel.bin", bytes)]);
    expect(r.status).toBe(2);
    expectOneLine(r.stderr, /^bondc: cannot read .*kernel\.bin: it is a binary file, not \.bond text$/m);
    expect(r.stdout).toBe("");
  });

  it("text garbage with control characters: exit 1, diagnostics free of control bytes", async () => {
    const r = await bondcAsync([
      command,
      ws.file("garbage.bond", "iface eth0\n\u0001\u001b[31mred\u0007 $$$ ;;\n\u00ff\u00fe€ ∀x\nmount proc\n"),
    ]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("garbage.bond:2:1");
    expect(r.stderr).toContain("U+0001U+001B");
    expect(r.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
    expect(r.stderr).not.toMatch(stackTrace);
  });

  it("a file of 100,000 lines: no crash, no stack trace", async () => {
    const lines = Array.from({ length: 100_000 }, (_, i) =>
      i % 4 === 0
        ? `# line ${i}`
        : i % 4 === 1
          ? `let v${i} = 10.0.0.${i % 250}`
          : i % 4 === 2
            ? "iface eth0"
            : "up eth0 { mtu }",
    );
    const r = await bondcAsync([command, ws.file("huge.bond", lines.join("\n"))]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("huge.bond:4:");
    expect(r.stderr).not.toMatch(stackTrace);
  });
});

describe("an empty file", () => {
  it("check: warns that it never hands off (BOND0312 at 1:1), exit 0", async () => {
    const r = await bondcAsync(["check", ws.file("empty.bond", "")]);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain("warning[BOND0312]");
    expect(r.stderr).toContain("empty.bond:1:1");
    expect(r.stderr).toMatch(/empty\.bond: 1 warning\n$/);
  });

  it("compile: a script that does nothing but say so, still valid sh", async () => {
    const r = await bondcAsync(["compile", ws.file("empty2.bond", "")]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^#!\/bin\/sh\n/);
    expect(r.stdout).toContain("echo 'bondc: empty2.bond: done'");
  });
});
