import { join } from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../../src/config/config.js";
import { catalog } from "../../src/diagnostics/catalog.js";
import { JsonSyntaxError, parseJsonTree, type JsonNode } from "../../src/config/json-tree.js";
import { bondcAsync, ensureBuilt } from "../support/bondc.js";
import { oneWarning, tempTree } from "./support.js";

beforeAll(() => ensureBuilt());

/** The problems parseConfig reports for `text`, or [] when it accepts it. */
function problems(text: string): string[] {
  try {
    parseConfig(text, "bondc.json");
    return [];
  } catch (e) {
    if (e instanceof ConfigError) return [...e.problems];
    throw e;
  }
}

describe("bondc.json validation", () => {
  it("accepts target.tools and rule levels for warnings, and errors left at error", async () => {
    const config = parseConfig(
      '{ "target": { "tools": "net-tools" }, "rules": { "BOND0507": "off", "BOND0603": "info", "BOND0403": "error", "BOND0301": "error" } }',
      "bondc.json",
    );
    expect(config.tools).toBe("net-tools");
    expect([...config.rules]).toEqual([
      ["BOND0507", "off"],
      ["BOND0603", "info"],
      ["BOND0403", "error"],
      ["BOND0301", "error"],
    ]);
    expect(parseConfig("{}", "bondc.json").rules.size).toBe(0);
  });

  it("names the line and column of an unknown code, key or toolset, and reports them all at once", async () => {
    const text = [
      "{",
      '  "target": { "tools": "ip-tools", "kernel": "2.4" },',
      '  "rules": {',
      '    "BOND9999": "off",',
      '    "bond0507": "off"',
      "  },",
      '  "extends": "base"',
      "}",
    ].join("\n");
    expect(problems(text)).toEqual([
      'bondc.json:2:24: `target.tools` must be one of "net-tools", "busybox", "iproute2"',
      "bondc.json:2:36: unknown key `kernel` in `target` (expected `tools`)",
      `bondc.json:4:5: unknown diagnostic code \`BOND9999\` in \`rules\`; \`bondc explain\` lists the ${catalog.length} codes`,
      `bondc.json:5:5: unknown diagnostic code \`bond0507\` in \`rules\` (write it as \`BOND0507\`); \`bondc explain\` lists the ${catalog.length} codes`,
      "bondc.json:7:3: unknown key `extends` in the config (expected `target` or `rules`)",
    ]);
  });

  it("refuses to lower or turn off an error, pointing at the level", async () => {
    expect(problems('{"rules": {"BOND0301": "warning"}}')).toEqual([
      'bondc.json:1:24: BOND0301 (bond-before-module) is an error and cannot be set to "warning"; only warnings and notes can be reconfigured',
    ]);
    expect(problems('{"rules": {"BOND0901": "off"}}')[0]).toMatch(
      /^bondc\.json:1:24: BOND0901 \(shellcheck-finding\) is an error and cannot be set to "off"/,
    );
  });

  it("reports bad levels, wrong shapes, repeated keys and malformed JSON with positions", async () => {
    expect(problems('{"rules": {"BOND0507": "ignore"}}')).toEqual([
      'bondc.json:1:24: the level for BOND0507 must be one of "off", "info", "warning", "error"',
    ]);
    expect(problems('{"rules": ["BOND0507"]}')).toEqual(["bondc.json:1:11: `rules` must be an object"]);
    expect(problems("[]")).toEqual(["bondc.json:1:1: the config must be an object"]);
    expect(problems('{"rules": {"BOND0507": "off", "BOND0507": "warning"}}')).toEqual([
      "bondc.json:1:31: `BOND0507` is given twice in `rules`",
    ]);
    expect(problems('{\n  "rules": {\n    "BOND0507": "off",\n  }\n}')).toEqual([
      "bondc.json:4:3: invalid JSON: expected a key in double quotes",
    ]);
    expect(problems('{"rules": {"BOND0507": "off"')).toEqual(["bondc.json:1:29: invalid JSON: expected `,` or `}`"]);
  });
});

describe("the JSON reader behind the positions", () => {
  const plain = (n: JsonNode): unknown =>
    n.kind === "object"
      ? Object.fromEntries(n.members.map((m) => [m.key, plain(m.value)]))
      : n.kind === "array"
        ? n.items.map(plain)
        : n.kind === "null"
          ? null
          : n.value;

  it("reads what JSON.stringify writes, compact or indented", async () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.boolean(), (value, indent) => {
        const text = JSON.stringify(value, null, indent ? 2 : undefined);
        expect(plain(parseJsonTree(text))).toEqual(JSON.parse(text));
      }),
    );
  });

  it("rejects what JSON.parse rejects", async () => {
    for (const bad of ["", "{", "[1,]", '{"a" 1}', "tru", '"\\x"', "01", "1 2", '{"a":1,}', "'a'"]) {
      expect(() => JSON.parse(bad), bad).toThrow();
      expect(() => parseJsonTree(bad), bad).toThrow(JsonSyntaxError);
    }
  });
});

describe("bondc lint with a config", () => {
  const node = oneWarning();

  it("finds bondc.json by walking up from the working directory", async () => {
    const dir = tempTree({
      "bondc.json": '{ "rules": { "BOND0507": "off" } }',
      "site/rack/node.bond": node,
      "elsewhere/node.bond": node,
    });
    expect((await bondcAsync(["lint", "node.bond"], { cwd: join(dir, "site", "rack") })).status).toBe(0);
    const outside = tempTree({ "node.bond": node });
    expect((await bondcAsync(["lint", "node.bond"], { cwd: outside })).status).toBe(1);
  });

  it("--config names the file; raising a warning to an error makes it one that --max-warnings cannot allow", async () => {
    const dir = tempTree({ "strict.json": '{ "rules": { "BOND0507": "error" } }', "node.bond": node });
    const r = await bondcAsync(
      ["lint", "--config", "strict.json", "--max-warnings", "10", "--format", "json", "node.bond"],
      { cwd: dir },
    );
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).map((d: { code: string; severity: string }) => [d.code, d.severity])).toEqual([
      ["BOND0507", "error"],
    ]);
  });

  it("lowering a warning to info shows it as a note that does not fail the run", async () => {
    const dir = tempTree({ "bondc.json": '{ "rules": { "BOND0507": "info" } }', "node.bond": node });
    const r = await bondcAsync(["lint", "--format", "gcc", "node.bond"], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^node\.bond:\d+:\d+: note: .* \[BOND0507\]\n$/);
  });

  it("a bad config is a usage error (exit 2) naming the file, line and column; nothing is linted", async () => {
    const dir = tempTree({
      "bondc.json": '{\n  "rules": {\n    "BOND0301": "off",\n    "BOND050": "off"\n  }\n}\n',
      "node.bond": node,
    });
    const r = await bondcAsync(["lint", "node.bond"], { cwd: dir });
    expect([r.status, r.stdout]).toEqual([2, ""]);
    const path = join(dir, "bondc.json");
    expect(r.stderr.split("\n")).toEqual([
      `bondc: ${path}:3:17: BOND0301 (bond-before-module) is an error and cannot be set to "off"; only warnings and notes can be reconfigured`,
      expect.stringMatching(
        new RegExp(`^bondc: ${path.replace(/[.]/g, "\\.")}:4:5: unknown diagnostic code \`BOND050\``),
      ),
      "",
    ]);
  });

  it("a --config file that does not exist is an I/O error (exit 2)", async () => {
    const dir = tempTree({ "node.bond": node });
    const r = await bondcAsync(["lint", "--config", "nope.json", "node.bond"], { cwd: dir });
    expect([r.status, r.stderr]).toEqual([2, "bondc: cannot read config nope.json: no such file\n"]);
  });
});
