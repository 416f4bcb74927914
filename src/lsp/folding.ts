import { FoldingRangeKind, type FoldingRange } from "vscode-languageserver/node.js";
import type * as A from "../syntax/ast.js";
import { statementSites } from "./syntax-walk.js";

/*
 * Folding: every block written over several lines (target, proc, up and handoff blocks), and
 * every run of two or more whole-line comments (file headers, procedure documentation).
 */

function blockRanges(file: A.BondFile): FoldingRange[] {
  return statementSites(file)
    .map(({ stmt }) => stmt)
    .filter(
      (s) =>
        s.kind === "TargetDecl" ||
        s.kind === "ProcDecl" ||
        ((s.kind === "UpStmt" || s.kind === "HandoffStmt" || s.kind === "WaitStmt") && s.settings !== undefined),
    )
    .filter((s) => s.span.endLine > s.span.line)
    .map((s) => ({ startLine: s.span.line - 1, endLine: s.span.endLine - 1 }));
}

function commentRanges(file: A.BondFile, lineText: (line: number) => string): FoldingRange[] {
  const ranges: FoldingRange[] = [];
  let run: { start: number; end: number } | undefined;
  const flush = () => {
    if (run && run.end > run.start)
      ranges.push({ startLine: run.start - 1, endLine: run.end - 1, kind: FoldingRangeKind.Comment });
    run = undefined;
  };
  for (const c of file.comments) {
    // Only comments alone on their line: a trailing comment belongs to its statement.
    if (!lineText(c.span.line).trimStart().startsWith("#")) {
      flush();
      continue;
    }
    if (run && c.span.line === run.end + 1) run.end = c.span.line;
    else {
      flush();
      run = { start: c.span.line, end: c.span.line };
    }
  }
  flush();
  return ranges;
}

export function foldingRanges(file: A.BondFile, lineText: (line: number) => string): FoldingRange[] {
  return [...blockRanges(file), ...commentRanges(file, lineText)].sort((a, b) => a.startLine - b.startLine);
}
