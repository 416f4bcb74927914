import type { TextEdit } from "vscode-languageserver/node.js";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { formatBond } from "../format/format.js";

/**
 * Whole-document formatting through the formatter's canonical layout. A file with syntax errors
 * is left alone (formatBond declines it): rewriting a guess at a broken file would lose text.
 */
export function formatDocument(document: TextDocument, file: string): TextEdit[] {
  const text = document.getText();
  const formatted = formatBond(text, file);
  if (formatted === undefined || formatted === text) return [];
  return [{ range: { start: { line: 0, character: 0 }, end: document.positionAt(text.length) }, newText: formatted }];
}
