import { describe, expect, it } from "vitest";
import { contextAt, decidingLookahead } from "../../src/syntax/incremental/chunks.js";

// The lookahead a chunk is parsed with (the incremental parser's): its 3 tokens, and the rest of a
// block they open, so the parse of the chunk does not meet the end of its text inside a block.

describe("a chunk's lookahead", () => {
  it("is the next three lines that hold a token, when no block is left open", () => {
    const text = "down eth0\n\n# a comment\niface eth1\nlet a = 1\nlet b = 2\nlet c = 3\n";
    expect(contextAt(text, 0)).toBe("down eth0\n\n# a comment\niface eth1\nlet a = 1\n");
  });

  it("goes on to the end of a block those lines open", () => {
    const text = "up bond0 {\n  miimon 100\n  mode active-backup\n  hwaddr mac\n}\ndown eth0\n";
    expect(contextAt(text, 0)).toBe("up bond0 {\n  miimon 100\n  mode active-backup\n  hwaddr mac\n}\n");
  });

  it("does not count a brace in a string or a comment", () => {
    const text = 'let a = "{"\n# {\nlet b = 2\nlet c = 3\nlet d = 4\n';
    expect(contextAt(text, 0)).toBe('let a = "{"\n# {\nlet b = 2\nlet c = 3\n');
  });

  it("takes a bounded number of lines after a `{` that is never closed", () => {
    const body = Array.from({ length: 200 }, (_, i) => `  miimon ${i}\n`).join("");
    const context = contextAt(`up bond0 {\n${body}`, 0);
    expect(context.split("\n").length - 1).toBe(3 + 64);
  });
});

describe("the part of a lookahead that decides the chunk's parse", () => {
  it("is its lines up to the third that holds a token, not the rest of the block they open", () => {
    const context = "up bond0 {\n  miimon 100\n  mode active-backup\n  hwaddr mac\n}\n";
    expect(decidingLookahead(context)).toBe("up bond0 {\n  miimon 100\n  mode active-backup\n");
  });

  it("leaves out blank and comment-only lines after the first, as the parse's lookahead does", () => {
    expect(decidingLookahead("\n# a comment\niface eth1\n\nlet a = 1\nlet b = 2\nlet c = 3\n")).toBe(
      "\niface eth1\nlet a = 1\nlet b = 2\n",
    );
  });

  it("is the whole lookahead when it holds fewer than three token lines (the end of the file)", () => {
    expect(decidingLookahead("iface eth1\n# the end\n")).toBe("iface eth1\n");
  });
});
