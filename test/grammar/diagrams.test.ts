import { readFileSync } from "node:fs";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { syntaxDiagramsHtml } from "../../src/tools/diagrams-html.js";
import { parserRules } from "./gast.js";

const committed = readFileSync(new URL("../../grammar/diagrams.html", import.meta.url), "utf8");
const ruleNames = parserRules().map((r) => r.name);

/**
 * Runs the page's scripts as a browser would, in order, against a stand-in document with the one
 * element they draw into, and returns what they drew there.
 */
function drawnDiagrams(html: string): string {
  const target = { innerHTML: "" };
  const document = {
    getElementById: (id: string) => (id === "diagrams" ? target : null),
    getElementsByClassName: () => [],
  };
  const window: Record<string, unknown> = { document };
  window.window = window;
  for (const [, code] of html.matchAll(/<script>([\s\S]*?)<\/script>/g)) runInNewContext(code!, window);
  return target.innerHTML;
}

describe("grammar/diagrams.html", () => {
  it("is what `npm run grammar` generates from the current parser", () => {
    expect(committed === syntaxDiagramsHtml(), "grammar/diagrams.html is stale: run `npm run grammar`").toBe(true);
  });

  it("links nothing from the network", () => {
    expect(committed).not.toMatch(/<script[^>]*\ssrc=/i);
    expect(committed).not.toMatch(/<link[^>]*\shref=/i);
  });

  it("draws one railroad diagram per parser rule when its scripts run", () => {
    const drawn = drawnDiagrams(committed);
    expect(drawn.match(/<svg class="railroad-diagram"/g)?.length).toBe(ruleNames.length);
    for (const name of ruleNames) expect(drawn).toContain(`>${name}</h2>`);
  });
});
