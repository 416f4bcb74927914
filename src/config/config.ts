import { registry } from "../registry/registry.js";
import { catalog, lookup } from "../diagnostics/catalog.js";
import type { Severity } from "../diagnostics/diagnostic.js";
import { LineIndex } from "../diagnostics/span.js";
import { JsonSyntaxError, parseJsonTree, type JsonMember, type JsonNode } from "./json-tree.js";

/*
 * The project config, bondc.json:
 *   { "target": { "tools": "net-tools" }, "rules": { "BOND0507": "off" } }
 * Every key and value is validated and every problem is reported with the line and column of the
 * offending key or value: a typo in a config file must never silently keep a rule at its default.
 */

export const CONFIG_FILE_NAME = "bondc.json";

/** What a rule can be set to: a severity, or off. */
export type RuleLevel = Severity | "off";
const ruleLevels: readonly RuleLevel[] = ["off", "info", "warning", "error"];

export interface ProjectConfig {
  /** Where it was read from; undefined for the built-in defaults. */
  readonly file?: string;
  /** The toolset of files whose target block names none; validated against the registry. */
  readonly tools?: string;
  /** Severity overrides by diagnostic code. */
  readonly rules: ReadonlyMap<string, RuleLevel>;
}

export const defaultConfig: ProjectConfig = { rules: new Map() };

/** One or more problems in a config file, each already formatted as `file:line:col: what`. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join("\n"));
  }
}

class Validator {
  private readonly found: { offset: number; message: string }[] = [];
  private readonly lines: LineIndex;

  constructor(
    private readonly file: string,
    text: string,
  ) {
    this.lines = new LineIndex(text);
  }

  report(offset: number, message: string): void {
    this.found.push({ offset, message });
  }

  /** Every problem as `file:line:col: what`, in the order they appear in the file. */
  get problems(): string[] {
    return [...this.found]
      .sort((a, b) => a.offset - b.offset)
      .map(({ offset, message }) => {
        const { line, column } = this.lines.position(offset);
        return `${this.file}:${line}:${column}: ${message}`;
      });
  }

  object(node: JsonNode, what: string): readonly JsonMember[] {
    if (node.kind === "object") return node.members;
    this.report(node.start, `${what} must be an object`);
    return [];
  }

  /** Members whose key is not a repeat of an earlier one; reports the repeats. */
  unique(members: readonly JsonMember[], where: string): JsonMember[] {
    const seen = new Set<string>();
    return members.filter((m) => {
      if (!seen.has(m.key)) {
        seen.add(m.key);
        return true;
      }
      this.report(m.keyStart, `\`${m.key}\` is given twice in ${where}`);
      return false;
    });
  }

  /** Members whose key is allowed; reports the others. */
  known(members: readonly JsonMember[], allowed: readonly string[], where: string): JsonMember[] {
    return this.unique(members, where).filter((m) => {
      if (allowed.includes(m.key)) return true;
      this.report(
        m.keyStart,
        `unknown key \`${m.key}\` in ${where} (expected ${allowed.map((a) => `\`${a}\``).join(" or ")})`,
      );
      return false;
    });
  }
}

function readTools(v: Validator, node: JsonNode): string | undefined {
  const known = [...registry.toolsets.keys()];
  if (node.kind === "string" && registry.toolsets.has(node.value)) return node.value;
  v.report(node.start, `\`target.tools\` must be one of ${known.map((k) => `"${k}"`).join(", ")}`);
  return undefined;
}

function readRule(v: Validator, member: JsonMember): RuleLevel | undefined {
  const entry = lookup(member.key);
  if (!entry || entry.code !== member.key) {
    const hint = entry ? ` (write it as \`${entry.code}\`)` : "";
    v.report(
      member.keyStart,
      `unknown diagnostic code \`${member.key}\` in \`rules\`${hint}; \`bondc explain\` lists the ${catalog.length} codes`,
    );
    return undefined;
  }
  const value = member.value;
  if (value.kind !== "string" || !(ruleLevels as readonly string[]).includes(value.value)) {
    v.report(value.start, `the level for ${entry.code} must be one of ${ruleLevels.map((l) => `"${l}"`).join(", ")}`);
    return undefined;
  }
  const level = value.value as RuleLevel;
  // Errors mean the generated script would fail on a real node; like `# bondc:allow`, the config
  // may not hide or soften them.
  if (entry.severity === "error" && level !== "error") {
    v.report(
      value.start,
      `${entry.code} (${entry.slug}) is an error and cannot be set to "${level}"; only warnings and notes can be reconfigured`,
    );
    return undefined;
  }
  return level;
}

/** Parses and validates bondc.json text; throws ConfigError listing every problem. */
export function parseConfig(text: string, file: string): ProjectConfig {
  const v = new Validator(file, text);
  let root: JsonNode;
  try {
    root = parseJsonTree(text);
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e;
    v.report(e.offset, `invalid JSON: ${e.message}`);
    throw new ConfigError(v.problems);
  }
  let tools: string | undefined;
  const rules = new Map<string, RuleLevel>();
  for (const member of v.known(v.object(root, "the config"), ["target", "rules"], "the config")) {
    if (member.key === "target") {
      for (const t of v.known(v.object(member.value, "`target`"), ["tools"], "`target`")) tools = readTools(v, t.value);
    } else {
      for (const r of v.unique(v.object(member.value, "`rules`"), "`rules`")) {
        const level = readRule(v, r);
        if (level !== undefined) rules.set(r.key, level);
      }
    }
  }
  const found = v.problems;
  if (found.length > 0) throw new ConfigError(found);
  return { file, ...(tools !== undefined ? { tools } : {}), rules };
}
