import {
  ResponseError,
  ErrorCodes,
  type Location,
  type Range,
  type TextEdit,
  type WorkspaceEdit,
} from "vscode-languageserver/node.js";
import type { CheckResult } from "../api/check.js";
import type { Span } from "../diagnostics/span.js";
import { bondNamePattern } from "../semantic/bonding.js";
import type { Definition } from "../semantic/symbols.js";
import { keywordWords } from "../syntax/tokens.js";
import { toRange } from "./convert.js";
import { spanKey, definitionNameAt, referenceAt, usesOf } from "./symbol-index.js";
import type { Workspace } from "./workspace.js";

/*
 * Go to definition, find references and rename, answered from the symbol table (indexed by
 * position: symbol-index.ts). A procedure's parameters get a fresh Definition per call (each call
 * is expanded on its own), so definitions are identified by where they are written, not by
 * object identity.
 */

/** The definition of the name at `offset` in `file`, whether the cursor is on a use or on the definition. */
export function definitionAt(
  result: CheckResult,
  file: string,
  offset: number,
): { definition: Definition; at: Span } | undefined {
  const ref = referenceAt(result, file, offset);
  if (ref) return { definition: ref.definition, at: ref.span };
  const def = definitionNameAt(result, file, offset);
  return def ? { definition: def, at: def.span } : undefined;
}

/** Where the definition is written and every use of it, each once, in source order. */
export function occurrences(result: CheckResult, definition: Definition): Span[] {
  const key = spanKey(definition.span);
  const spans = new Map<string, Span>([[key, definition.span]]);
  for (const span of usesOf(result, key)) spans.set(spanKey(span), span);
  return [...spans.values()].sort((a, b) => a.file.localeCompare(b.file) || a.start - b.start);
}

export function location(workspace: Workspace, span: Span): Location {
  return { uri: workspace.uriFor(span.file), range: toRange(span) };
}

export function references(
  result: CheckResult,
  workspace: Workspace,
  file: string,
  offset: number,
  includeDeclaration: boolean,
): Location[] {
  const hit = definitionAt(result, file, offset);
  if (!hit) return [];
  const defKey = spanKey(hit.definition.span);
  return occurrences(result, hit.definition)
    .filter((s) => includeDeclaration || spanKey(s) !== defKey)
    .map((s) => location(workspace, s));
}

export function prepareRename(
  result: CheckResult,
  file: string,
  offset: number,
): { range: Range; placeholder: string } | null {
  const hit = definitionAt(result, file, offset);
  return hit ? { range: toRange(hit.at), placeholder: hit.definition.name } : null;
}

const namePattern = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function rename(
  result: CheckResult,
  workspace: Workspace,
  file: string,
  offset: number,
  newName: string,
): WorkspaceEdit | null {
  const hit = definitionAt(result, file, offset);
  if (!hit) return null;
  if (!namePattern.test(newName) || keywordWords.includes(newName)) {
    throw new ResponseError(
      ErrorCodes.InvalidParams,
      `\`${newName}\` is not a valid name (letters, digits and _, not a keyword)`,
    );
  }
  if (hit.definition.kind === "iface" && (bondNamePattern.test(newName) || newName === "lo")) {
    throw new ResponseError(ErrorCodes.InvalidParams, `\`${newName}\` is the name of a bond or the loopback interface`);
  }
  const changes: Record<string, TextEdit[]> = {};
  for (const span of occurrences(result, hit.definition)) {
    (changes[workspace.uriFor(span.file)] ??= []).push({ range: toRange(span), newText: newName });
  }
  return { changes };
}
