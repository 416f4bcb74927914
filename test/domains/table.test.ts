import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { lookup } from "../../src/diagnostics/catalog.js";
import { domains, violation } from "../../src/semantic/domains/index.js";
import { domainsDocPath, renderDomainsDoc } from "../../src/tools/domains-doc.js";
import { domainFixtures } from "./fixtures.js";

/** The table of value domains: well formed, each rule proven on real values, and in the docs. */

describe("the domain table", () => {
  it("has unique ids, and every rule a name, a sentence and a source", () => {
    expect(new Set(domains.map((d) => d.id)).size).toBe(domains.length);
    for (const d of domains) {
      expect(d.rules.length, d.id).toBeGreaterThan(0);
      expect(new Set(d.rules.map((r) => r.name)).size, d.id).toBe(d.rules.length);
      for (const r of d.rules) {
        expect(r.text, `${d.id}/${r.name}`).toMatch(/\.$/);
        expect(r.source.length, `${d.id}/${r.name}`).toBeGreaterThan(5);
      }
    }
  });

  it("reports literals outside a domain with a catalogued error", () => {
    for (const d of domains.filter((x) => x.code !== undefined)) expect(lookup(d.code!)?.severity, d.id).toBe("error");
  });

  it("has fixtures for every domain and every rule", () => {
    expect(Object.keys(domainFixtures).sort()).toEqual(domains.map((d) => d.id).sort());
    for (const d of domains) {
      const covered = new Set(domainFixtures[d.id]!.refused.map(([, rule]) => rule));
      expect(d.rules.map((r) => r.name).filter((r) => !covered.has(r)), d.id).toEqual([]);
    }
  });

  describe.each(domains.map((d) => [d.id, d] as const))("%s", (id, domain) => {
    const fixtures = domainFixtures[id]!;
    it.each(fixtures.accepted.map((v) => [JSON.stringify(v), v] as const))("accepts %s", (_, value) => {
      expect(violation(domain, value)).toBeUndefined();
    });
    it.each(fixtures.refused.map(([v, rule]) => [JSON.stringify(v).slice(0, 40), v, rule] as const))("refuses %s", (_, value, rule) => {
      const found = violation(domain, value);
      expect(found?.rule.name).toBe(rule);
      expect(found?.problem.length).toBeGreaterThan(5);
    });
  });
});

describe("docs/domains.md", () => {
  it("is what src/tools/domains-doc.ts generates from the table (npm run docs)", () => {
    expect(readFileSync(domainsDocPath, "utf8")).toBe(renderDomainsDoc());
  });

  it("names every rule with its source", () => {
    const doc = readFileSync(domainsDocPath, "utf8");
    for (const d of domains) {
      expect(doc).toContain(`<a id="${d.id}"></a>`);
      for (const r of d.rules) expect(doc).toContain(r.source.replace(/\|/g, "\\|"));
    }
  });
});
