import {
  CodeActionKind,
  ErrorCodes,
  LSPErrorCodes,
  ResponseError,
  TextDocumentSyncKind,
  type CancellationToken,
  type Connection,
  type InitializeResult,
  type Position,
  type ServerCapabilities,
} from "vscode-languageserver/node.js";
import { version } from "../version.js";
import { quickFixes } from "./code-actions.js";
import { complete } from "./completion.js";
import { DiagnosticsPublisher } from "./diagnostics.js";
import { documentSymbols } from "./document-symbols.js";
import { foldingRanges } from "./folding.js";
import { formatDocument } from "./formatting.js";
import { hover } from "./hover.js";
import { definitionAt, location, prepareRename, references, rename } from "./navigation.js";
import { semanticTokens, semanticTokensLegend } from "./semantic-tokens.js";
import { uriToPath } from "./paths.js";
import { Workspace, type Analysis } from "./workspace.js";
import type { CheckLevel } from "../api/check.js";

export const capabilities: ServerCapabilities = {
  textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
  completionProvider: { triggerCharacters: [".", "="] },
  hoverProvider: true,
  definitionProvider: true,
  referencesProvider: true,
  renameProvider: { prepareProvider: true },
  documentFormattingProvider: true,
  codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
  documentSymbolProvider: true,
  semanticTokensProvider: { legend: semanticTokensLegend, full: true },
  foldingRangeProvider: true,
};

interface DocumentParams {
  readonly textDocument: { readonly uri: string };
}

function isPosition(p: unknown): p is Position {
  const q = p as Position | undefined;
  return typeof q?.line === "number" && typeof q.character === "number";
}

function offsetOf(analysis: Analysis, position: unknown): number {
  if (!isPosition(position)) throw new ResponseError(ErrorCodes.InvalidParams, "position must be { line, character }");
  return analysis.document.offsetAt(position);
}

/**
 * The bondc language server on a connection. Every request is answered from the latest check
 * of the document; requests for documents that are not open get an empty answer, malformed
 * ones an InvalidParams error, cancelled ones RequestCancelled, and none of them ends the server.
 */
export function startServer(connection: Connection): void {
  const workspace = new Workspace();
  const publisher = new DiagnosticsPublisher(workspace, connection);
  let snippets = false;

  /**
   * Wraps a document request: cancellation, parameter validation, and the document's analysis
   * (`needs`: see Workspace.analysis).
   */
  function onDocument<P extends DocumentParams, R>(
    empty: R,
    answer: (analysis: Analysis, params: P) => R,
    needs: CheckLevel,
  ) {
    return (params: P, token: CancellationToken): R => {
      if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, "request cancelled");
      if (typeof params?.textDocument?.uri !== "string")
        throw new ResponseError(ErrorCodes.InvalidParams, "textDocument.uri is required");
      const analysis = workspace.analysis(params.textDocument.uri, needs);
      return analysis ? answer(analysis, params) : empty;
    };
  }

  connection.onInitialize((params): InitializeResult => {
    snippets = params.capabilities?.textDocument?.completion?.completionItem?.snippetSupport === true;
    return { capabilities, serverInfo: { name: "bondc", version } };
  });

  workspace.documents.onDidChangeContent(({ document }) => {
    workspace.touched(document.uri, true);
    publisher.schedule(document.uri);
    for (const importer of workspace.importersOf(uriToPath(document.uri))) publisher.schedule(importer);
  });
  workspace.documents.onDidClose(({ document }) => {
    workspace.touched(document.uri, false);
    publisher.clear(document.uri);
  });

  // Each request asks for the analysis only as far as it reads it (Workspace.analysis): names,
  // symbols and the tree need the program; a hover the boot states too (and the checks only for
  // a file's generated commands); only the quick fixes, which the checks compute, need them all.
  connection.onCompletion(onDocument(null, (a, p) => complete(a, offsetOf(a, p.position), { snippets }), "program"));
  connection.onHover(
    onDocument(
      null,
      (a, p) => hover(a, offsetOf(a, p.position), () => workspace.analysis(a.uri, "all")?.result),
      "states",
    ),
  );
  connection.onDefinition(
    onDocument(
      null,
      (a, p) => {
        const hit = definitionAt(a.result, a.path, offsetOf(a, p.position));
        return hit ? location(workspace, hit.definition.span) : null;
      },
      "program",
    ),
  );
  connection.onReferences(
    onDocument(
      [],
      (a, p) =>
        references(a.result, workspace, a.path, offsetOf(a, p.position), p.context?.includeDeclaration !== false),
      "program",
    ),
  );
  connection.onPrepareRename(
    onDocument(null, (a, p) => prepareRename(a.result, a.path, offsetOf(a, p.position)), "program"),
  );
  connection.onRenameRequest(
    onDocument(
      null,
      (a, p) => {
        if (typeof p.newName !== "string")
          throw new ResponseError(ErrorCodes.InvalidParams, "newName must be a string");
        return rename(a.result, workspace, a.path, offsetOf(a, p.position), p.newName);
      },
      "program",
    ),
  );
  connection.onDocumentSymbol(onDocument([], (a) => documentSymbols(a.result.source.ast), "program"));
  connection.onFoldingRanges(
    onDocument(
      [],
      (a) => foldingRanges(a.result.source.ast, (line) => a.result.source.lines.lineText(line)),
      "program",
    ),
  );
  connection.languages.semanticTokens.on(onDocument({ data: [] }, (a) => semanticTokens(a.result), "program"));
  connection.onDocumentFormatting(onDocument([], (a) => formatDocument(a.document, a.path), "program"));
  connection.onCodeAction(
    onDocument(
      [],
      (a, p) => {
        if (p.context?.only && !p.context.only.some((k) => CodeActionKind.QuickFix.startsWith(k))) return [];
        return quickFixes(a, workspace, offsetOf(a, p.range?.start), offsetOf(a, p.range?.end));
      },
      "all",
    ),
  );

  workspace.documents.listen(connection);
  connection.listen();
}
