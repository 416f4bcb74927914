import { MarkupKind, type Hover } from "vscode-languageserver/node.js";
import type { CheckResult } from "../api/check.js";
import { compileSteps, type Artifact } from "../api/compile.js";
import { describeIface, type BootState } from "../analysis/state.js";
import type { Span } from "../diagnostics/span.js";
import type * as A from "../syntax/ast.js";
import { actionsOfBody, actionsOnLine, actionsWritten, firstActionFrom } from "./action-index.js";
import { toRange } from "./convert.js";
import { definitionAt } from "./navigation.js";
import { settingInfo, type BlockKind } from "../semantic/settings.js";
import { commandsForLine, describeAction, interfacesOf } from "./step-info.js";
import { typedAt } from "./symbol-index.js";
import { identSitesAt, statementAt, type StatementSite } from "./syntax-walk.js";
import type { Analysis } from "./workspace.js";

/*
 * Hover: what the name under the cursor is (its type and definition), what the setting means,
 * what the step does and which commands it becomes, and the state the node is in just before it
 * ("eth0: enslaved to bond0"), straight from the checker's typestate. Every part is looked up by
 * position in indexes of the check (symbol-index.ts, action-index.ts, syntax-walk.ts), so a hover
 * on a large file costs the statement under the cursor, not the file.
 */

const code = (lang: string, text: string) => `\`\`\`${lang}\n${text}\n\`\`\``;

const settingBlocks: Partial<Record<A.Item["kind"], BlockKind>> = {
  TargetDecl: "target",
  UpStmt: "up-bond",
  HandoffStmt: "handoff",
  WaitStmt: "wait",
  LoadStmt: "load-bonding",
  InventoryDecl: "inventory",
};

function nameSection(analysis: Analysis, offset: number): { text: string; span: Span; iface?: string } | undefined {
  const { result, path } = analysis;
  const hit = definitionAt(result, path, offset);
  const typed = typedAt(result, path, offset);
  const iface =
    hit?.definition.kind === "iface"
      ? hit.definition.name
      : typed?.type === "interface"
        ? /^interface (\S+)$/.exec(typed.detail)?.[1]
        : undefined;
  const withIface = iface ? { iface } : {};
  if (hit) {
    const what = { let: "binding", param: "parameter", proc: "procedure", iface: "network interface" }[
      hit.definition.kind
    ];
    const value = typed && typed.detail !== hit.definition.detail ? `\n\nhere: ${typed.detail}` : "";
    return { text: `${code("bond", hit.definition.detail)}\n\n(${what})${value}`, span: hit.at, ...withIface };
  }
  if (typed) return { text: `${code("bond", typed.type)}\n\n${typed.detail}`, span: typed.span, ...withIface };
  return parameterSection(analysis, offset);
}

/** A parameter of a procedure nobody calls has no symbol (only calls are expanded): read it from the declaration. */
function parameterSection(analysis: Analysis, offset: number): { text: string; span: Span } | undefined {
  const site = identSitesAt(analysis.result.source.ast, offset).find(
    (s) => s.role === "param-name" || s.role === "name",
  );
  const param = site?.proc?.params.find((p) => p.name.name === site.ident.name);
  if (!site || !param) return undefined;
  return {
    text: `${code("bond", `${param.name.name}: ${param.type.name}`)}\n\n(parameter of \`${site.proc!.name.name}\`)`,
    span: site.ident.span,
  };
}

function settingSection(analysis: Analysis, offset: number): { text: string; span: Span } | undefined {
  const site = identSitesAt(analysis.result.source.ast, offset).find((s) => s.role === "setting-name");
  const kind = site ? settingBlocks[site.owner.kind] : undefined;
  const info = site && kind ? settingInfo(kind, site.ident.name) : undefined;
  if (!site || !info) return undefined;
  return { text: `**${info.name}** \`${info.value}\`\n\n${info.doc}`, span: site.ident.span };
}

/** The actions a statement produced: at top level by the user's line, inside a procedure by the library line. */
function actionsOf(analysis: Analysis, site: StatementSite): number[] {
  const { result, path } = analysis;
  return (site.proc ? actionsOfBody : actionsWritten)(result, path, site.stmt.span);
}

/**
 * The generated steps of the actions a line of the user's file produced: undefined when the file
 * has errors, the checks' included (a target's checks are what its generator relies on), which
 * only then are asked for: a file that does not parse or type has no steps whatever they say.
 */
function stepsOnLine(
  analysis: Analysis,
  line: number,
  checked: () => CheckResult | undefined,
): Pick<Artifact, "content" | "sourceMap"> | undefined {
  const onLine = actionsOnLine(analysis.result, analysis.path, line);
  if (onLine.length === 0 || analysis.result.hasErrors) return undefined;
  const full = checked();
  return full && compileSteps(full, new Set(onLine));
}

function stateLines(before: BootState, names: readonly string[]): string[] {
  return [...new Set(names)].flatMap((n) => {
    const s = before.ifaces.get(n);
    return s ? [`- ${describeIface(s)}`] : [];
  });
}

function stepSection(
  analysis: Analysis,
  site: StatementSite,
  iface: string | undefined,
  checked: () => CheckResult | undefined,
): string | undefined {
  const { program, states } = analysis.result;
  const indices = actionsOf(analysis, site);
  const parts: string[] = [];
  const actions = indices.map((i) => program.actions[i]!);
  if (actions.length > 0) {
    const what = [...new Set(actions.map(describeAction))].map((d) => `- ${d}`);
    const calls = site.proc ? ` (inside \`${site.proc.name.name}\`, once per call)` : "";
    parts.push(`**Boot step**${calls}\n${what.join("\n")}`);
    const steps = site.proc ? undefined : stepsOnLine(analysis, site.stmt.span.line, checked);
    const commands = steps ? commandsForLine(steps, analysis.path, site.stmt.span.line) : [];
    if (commands.length > 0) parts.push(`Generated commands:\n${code("sh", commands.join("\n"))}`);
  }
  if (site.proc || states.length === 0) return parts.length > 0 ? parts.join("\n\n") : undefined;
  // Without actions written in it, the statement sees the state before the first step it or a
  // later statement takes (a call's, of a procedure written elsewhere in the file).
  const first = indices[0] ?? firstActionFrom(analysis.result, site.stmt.span);
  const index = first < 0 ? states.length - 1 : first;
  const before = states[index]!;
  const names = [...actions.flatMap((a) => interfacesOf(a, before)), ...(iface ? [iface] : [])];
  const lines = stateLines(before, names);
  if (lines.length > 0) parts.push(`**Before this step**\n${lines.join("\n")}`);
  return parts.length > 0 ? parts.join("\n\n") : undefined;
}

/**
 * The hover at `offset`, from an analysis that has the boot states ("states" or more);
 * `checked`: the same text's check with the checks run, for the generated commands.
 */
export function hover(analysis: Analysis, offset: number, checked: () => CheckResult | undefined): Hover | null {
  const name = nameSection(analysis, offset);
  const setting = settingSection(analysis, offset);
  const site = statementAt(analysis.result.source.ast, offset);
  const step = site && site.stmt.kind !== "ProcDecl" ? stepSection(analysis, site, name?.iface, checked) : undefined;
  const sections = [name?.text, setting?.text, step].filter((s): s is string => s !== undefined);
  if (sections.length === 0) return null;
  const span = name?.span ?? setting?.span;
  return {
    contents: { kind: MarkupKind.Markdown, value: sections.join("\n\n---\n\n") },
    ...(span ? { range: toRange(span) } : {}),
  };
}
