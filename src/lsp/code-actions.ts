import { CodeActionKind, type CodeAction, type TextEdit } from "vscode-languageserver/node.js";
import { toLspDiagnostic, toRange } from "./convert.js";
import type { Analysis, Workspace } from "./workspace.js";

/*
 * Quick fixes: the checks already computed the edits (move a step after its prerequisite, insert
 * the missing step, take the did-you-mean name); this only offers them for the diagnostics under
 * the cursor or selection, each with its diagnostic attached so the editor can pair them.
 */
export function quickFixes(analysis: Analysis, workspace: Workspace, start: number, end: number): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const d of analysis.result.diagnostics) {
    if (d.span.file !== analysis.path || d.fixes.length === 0) continue;
    if (d.span.start > end || d.span.end < start) continue;
    const diagnostic = toLspDiagnostic(analysis, workspace, d);
    for (const fix of d.fixes) {
      const changes: Record<string, TextEdit[]> = {};
      for (const edit of fix.edits)
        (changes[workspace.uriFor(edit.span.file)] ??= []).push({ range: toRange(edit.span), newText: edit.newText });
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: d.fixes.length === 1,
        edit: { changes },
      });
    }
  }
  return actions;
}
