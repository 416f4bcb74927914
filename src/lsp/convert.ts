import {
  DiagnosticSeverity,
  type DiagnosticRelatedInformation,
  type Diagnostic as LspDiagnostic,
  type Range,
} from "vscode-languageserver/node.js";
import { existsSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { docsLink, docsUrl } from "../diagnostics/catalog.js";
import type { Diagnostic, Severity } from "../diagnostics/diagnostic.js";
import type { Span } from "../diagnostics/span.js";
import { importPath } from "../semantic/sources.js";
import { packageRoot } from "../version.js";
import type { Analysis, Workspace } from "./workspace.js";

// An editor's link for a code: the docs under package.json's homepage when one is set, else this
// installation's own docs/diagnostics.md (a checkout, or the package, which ships docs/).
const packageUrl = pathToFileURL(`${packageRoot}/`);
const docsShipped = existsSync(new URL("docs/diagnostics.md", packageUrl));
function codeDescription(code: string): Pick<LspDiagnostic, "codeDescription"> {
  const href = docsUrl(code) ?? (docsShipped ? new URL(docsLink(code, undefined), packageUrl).href : undefined);
  return href === undefined ? {} : { codeDescription: { href } };
}

/** Spans are 1-based lines and columns in UTF-16 units; LSP positions are 0-based in the same units. */
export function toRange(span: Span): Range {
  return {
    start: { line: span.line - 1, character: span.column - 1 },
    end: { line: span.endLine - 1, character: span.endColumn - 1 },
  };
}

const severities: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/**
 * A problem inside an imported file is shown on the import line that brought the file in (the
 * editor can only underline the document it was told about), with a link to the real place; one
 * in an inventory's CSV, on the document's `inventory` line that names it.
 */
function anchorInDocument(analysis: Analysis, workspace: Workspace, d: Diagnostic): { span: Span; foreign: boolean } {
  if (d.span.file === analysis.path) return { span: d.span, foreign: false };
  const { ast } = analysis.result.source;
  const inventory = analysis.result.inventories.find(
    (i) => i.path === d.span.file && i.spec.declaredIn === analysis.path,
  );
  const declaration = ast.items.find(
    (i) => i.kind === "InventoryDecl" && inventory !== undefined && i.path.span === inventory.spec.fileSpan,
  );
  if (declaration) return { span: declaration.span, foreign: true };
  const imports = ast.items.filter((i) => i.kind === "ImportDecl");
  const direct = imports.find((i) => importPath(i.path.value, analysis.path, workspace.host) === d.span.file);
  return {
    span: (direct ?? imports[0])?.span ?? analysis.result.source.lines.span(analysis.path, 0, 0),
    foreign: true,
  };
}

export function toLspDiagnostic(analysis: Analysis, workspace: Workspace, d: Diagnostic): LspDiagnostic {
  const { span, foreign } = anchorInDocument(analysis, workspace, d);
  const related: DiagnosticRelatedInformation[] = d.related.map((r) => ({
    location: { uri: workspace.uriFor(r.span.file), range: toRange(r.span) },
    message: r.message,
  }));
  if (foreign)
    related.unshift({
      location: { uri: workspace.uriFor(d.span.file), range: toRange(d.span) },
      message: "the problem is here",
    });
  const where = foreign ? `${d.span.file}:${d.span.line}:${d.span.column}: ` : "";
  const extra = [...d.notes.map((n) => `note: ${n}`), ...(d.help ? [`help: ${d.help}`] : [])];
  return {
    range: toRange(span),
    severity: severities[d.severity],
    code: d.code,
    ...codeDescription(d.code),
    source: "bondc",
    message: [where + d.message, ...extra].join("\n"),
    ...(related.length > 0 ? { relatedInformation: related } : {}),
  };
}
