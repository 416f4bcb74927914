import {
  CompletionItemKind,
  InsertTextFormat,
  type CompletionItem,
  type CompletionList,
  type Range,
} from "vscode-languageserver/node.js";
import type { CheckResult } from "../api/check.js";
import { discoverFieldTypes, nodeFieldTypes, valueTypes } from "../semantic/types.js";
import { bondingMode, bondNamePattern, type BondingMode } from "../semantic/bonding.js";
import type * as A from "../syntax/ast.js";
import { cursorAt, type CursorContext, type SettingsBlock } from "./completion-context.js";
import { settingsFor, type SettingInfo } from "../semantic/settings.js";
import { definitionStartingAt } from "./symbol-index.js";
import type { Analysis } from "./workspace.js";

/*
 * Completion. The context (what may be written at the cursor) comes from the tokens before it;
 * the candidates (names, interfaces, procedures, the bond's mode) from the last check, which
 * still knows everything declared above a half-written line.
 */

const topLevelStarts = [
  "target",
  "import",
  "proc",
  "let",
  "iface",
  "load",
  "up",
  "down",
  "enslave",
  "mount",
  "handoff",
  "wait",
  "on",
  "inventory",
];
const procStarts = ["let", "iface", "load", "up", "down", "enslave", "mount", "handoff"];

export interface CompletionOptions {
  /** Whether the client inserts snippets (procedure calls with placeholders for their arguments). */
  readonly snippets: boolean;
}

function words(list: readonly string[], kind: CompletionItemKind, detail: string): CompletionItem[] {
  return list.map((label) => ({ label, kind, detail }));
}

function procDecls(result: CheckResult): A.ProcDecl[] {
  return [result.source, ...result.imports].flatMap((s) =>
    s.ast.items.filter((i): i is A.ProcDecl => i.kind === "ProcDecl"),
  );
}

function procedures(result: CheckResult, options: CompletionOptions): CompletionItem[] {
  return procDecls(result)
    .filter((p) => p.name.name !== "")
    .map((p) => {
      const params = p.params.map((q) => `${q.name.name}: ${q.type.name}`).join(", ");
      const snippet = `${p.name.name}(${p.params.map((q, i) => `\${${i + 1}:${q.name.name}}`).join(", ")})`;
      return {
        label: p.name.name,
        kind: CompletionItemKind.Function,
        detail: `proc ${p.name.name}(${params})`,
        ...(options.snippets ? { insertText: snippet, insertTextFormat: InsertTextFormat.Snippet } : {}),
      };
    });
}

/** Lets above the cursor in the same scope, and the parameters of the procedure it is in. */
function namesInScope(analysis: Analysis, offset: number, proc: string | undefined): CompletionItem[] {
  const { result, path } = analysis;
  const decl =
    proc === undefined ? undefined : procDecls(result).find((p) => p.name.name === proc && p.span.file === path);
  const statements: readonly A.Item[] = decl ? decl.body : result.source.ast.items;
  const detailOf = (ident: A.Ident, fallback: string) =>
    definitionStartingAt(result, path, ident.span.start)?.detail ?? fallback;
  const lets = statements
    .filter((s): s is A.LetStmt => s.kind === "LetStmt" && s.name.name !== "" && s.span.end <= offset)
    .map((s) => ({
      label: s.name.name,
      kind: CompletionItemKind.Variable,
      detail: detailOf(s.name, `let ${s.name.name}`),
    }));
  const params = (decl?.params ?? []).map((p) => ({
    label: p.name.name,
    kind: CompletionItemKind.Variable,
    detail: `${p.name.name}: ${p.type.name}`,
  }));
  return [...params, ...lets];
}

function interfaces(result: CheckResult): CompletionItem[] {
  const names = new Set([...result.program.interfaces.keys(), "bond0", "lo"]);
  return [...names].map((label) => ({
    label,
    kind: CompletionItemKind.Interface,
    detail:
      result.program.interfaces.get(label)?.kind === "nic"
        ? "network interface"
        : bondNamePattern.test(label)
          ? "bond"
          : "loopback",
  }));
}

/** What can be enslaved: the NICs, and the names bound to one (a procedure's parameters could be any). */
function slaves(analysis: Analysis, offset: number, proc: string | undefined): CompletionItem[] {
  const { result } = analysis;
  const isNic = (name: string) => result.program.interfaces.get(name)?.kind === "nic";
  const names = namesInScope(analysis, offset, proc).filter((item) => {
    if (item.detail?.endsWith(": interface")) return true;
    // A let's detail ends in its value: `let boot: interface  (interface eth0)`.
    const iface = /\(interface (\S+)\)$/.exec(item.detail ?? "")?.[1];
    return iface !== undefined && isNic(iface);
  });
  return [...names, ...interfaces(result).filter((item) => isNic(item.label))];
}

/** The interface a block's subject names: a bond or NIC by name, or through a let bound to one. */
function resolveSubject(result: CheckResult, subject: string): string | undefined {
  if (bondNamePattern.test(subject) || result.program.interfaces.has(subject)) return subject;
  const typed = result.symbols.types.find(
    (t) => t.type === "interface" && result.source.text.slice(t.span.start, t.span.end) === subject,
  );
  return typed ? /^interface (\S+)$/.exec(typed.detail)?.[1] : undefined;
}

function settingItems(list: readonly SettingInfo[], suffix: string): CompletionItem[] {
  return list.map((s) => ({
    label: s.name,
    kind: CompletionItemKind.Property,
    detail: s.value,
    documentation: s.doc,
    ...(suffix ? { insertText: `${s.name}${suffix}` } : {}),
  }));
}

function blockSettings(result: CheckResult, block: SettingsBlock, subject: string): CompletionItem[] {
  if (block !== "up") return settingItems(settingsFor(block), "");
  const iface = resolveSubject(result, subject);
  // A procedure's parameter could be any interface: offer every bonding option then.
  if (iface !== undefined && !bondNamePattern.test(iface)) return settingItems(settingsFor("up"), "");
  const mode = iface === undefined ? undefined : (result.program.bonds.get(iface)?.mode ?? "balance-rr");
  return settingItems(settingsFor("up-bond", mode), "");
}

function moduleOptions(text: string, wordStart: number): CompletionItem[] {
  const lineStart = text.lastIndexOf("\n", wordStart - 1) + 1;
  const lineEnd = text.indexOf("\n", wordStart);
  const line = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd);
  const written = /\bmode=([A-Za-z0-9.+-]+)/.exec(line)?.[1];
  const mode: BondingMode | undefined = written ? bondingMode(written) : undefined;
  return settingItems(settingsFor("load-bonding", mode), "=");
}

function candidates(
  analysis: Analysis,
  context: CursorContext,
  offset: number,
  wordStart: number,
  options: CompletionOptions,
): CompletionItem[] {
  const { result } = analysis;
  switch (context.kind) {
    case "none":
      return [];
    case "statement":
      return [
        ...words(context.proc === undefined ? topLevelStarts : procStarts, CompletionItemKind.Keyword, "keyword"),
        ...procedures(result, options),
      ];
    case "expression":
      return [
        ...namesInScope(analysis, offset, context.proc),
        ...interfaces(result),
        ...words(["iface", "discover"], CompletionItemKind.Keyword, "keyword"),
      ];
    case "slave":
      return slaves(analysis, offset, context.proc);
    case "field":
      return Object.entries(context.of === "node" ? nodeFieldTypes : discoverFieldTypes).map(([label, type]) => ({
        label,
        kind: CompletionItemKind.Field,
        detail: type,
      }));
    case "type":
      return words(valueTypes, CompletionItemKind.TypeParameter, "type");
    case "setting":
      return blockSettings(result, context.block, context.subject);
    case "module-option":
      return moduleOptions(analysis.document.getText(), wordStart);
    case "words":
      return words(context.words, CompletionItemKind.EnumMember, context.what);
  }
}

export function complete(analysis: Analysis, offset: number, options: CompletionOptions): CompletionList {
  const text = analysis.document.getText();
  const { context, wordStart } = cursorAt(text, offset);
  const range: Range = { start: analysis.document.positionAt(wordStart), end: analysis.document.positionAt(offset) };
  const seen = new Set<string>();
  const items = candidates(analysis, context, offset, wordStart, options)
    .filter((item) => !seen.has(item.label) && seen.add(item.label))
    .map(({ insertText, ...item }) => ({ ...item, textEdit: { range, newText: insertText ?? item.label } }));
  return { isIncomplete: false, items };
}
