import { explanationOf } from "../registry/explain.js";
import { pathToFileURL } from "node:url";
import { catalog, docsLink, docsUrl, type CatalogEntry } from "../diagnostics/catalog.js";
import type { Severity } from "../diagnostics/diagnostic.js";
import type { Span } from "../diagnostics/span.js";
import { homepage, version } from "../version.js";
import { lineHashes } from "./fingerprint.js";
import { messageWithDetails, rootRelative, type LintReport } from "./lint-report.js";

// SARIF 2.1.0 as GitHub code scanning ingests it (github/codeql-action/upload-sarif): one run,
// the whole catalog as the driver's rules (so ruleIndex is stable across runs), a result per
// diagnostic with a root-relative location under %SRCROOT%, related locations for secondary
// spans, and line-number-free fingerprints so alerts survive edits above them.

export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

// The schema wants informationUri and helpUri absolute, so they come from package.json's homepage
// and are left out while it has none; the help text still names the docs/ section and `bondc explain`.

const level: Record<Severity, "error" | "warning" | "note"> = { error: "error", warning: "warning", info: "note" };
const ruleIndex = new Map(catalog.map((e, i) => [e.code, i]));

function rule(e: CatalogEntry) {
  const url = docsUrl(e.code);
  const seeText = `See ${docsLink(e.code)}, or run \`bondc explain ${e.code}\`.`;
  return {
    id: e.code,
    name: e.slug,
    shortDescription: { text: e.summary },
    fullDescription: { text: explanationOf(e).replace(/\s*\n\s*/g, " ") },
    help: {
      text: `${e.summary}\n\n${explanationOf(e)}\n\n${seeText}`,
      markdown: `**${e.code} ${e.slug}**: ${e.summary}\n\n${explanationOf(e)}\n\n${url ? `[Documentation](${url})` : seeText}`,
    },
    ...(url ? { helpUri: url } : {}),
    defaultConfiguration: { level: level[e.severity] },
  };
}

function physicalLocation(root: string, span: Span) {
  return {
    artifactLocation: { uri: rootRelative(root, span.file), uriBaseId: "%SRCROOT%" },
    region: { startLine: span.line, startColumn: span.column, endLine: span.endLine, endColumn: span.endColumn },
  };
}

export function renderSarif(report: LintReport): string {
  const { diagnostics, root } = report;
  const hashes = lineHashes(diagnostics, report.linesOf, (f) => rootRelative(root, f));
  const results = diagnostics.map((d, i) => ({
    ruleId: d.code,
    ruleIndex: ruleIndex.get(d.code) ?? -1,
    level: level[d.severity],
    message: { text: messageWithDetails(d) },
    locations: [{ physicalLocation: physicalLocation(root, d.span) }],
    ...(d.related.length > 0
      ? {
          relatedLocations: d.related.map((r, id) => ({
            id,
            physicalLocation: physicalLocation(root, r.span),
            message: { text: r.message },
          })),
        }
      : {}),
    partialFingerprints: { primaryLocationLineHash: hashes[i] },
  }));
  const log = {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "bondc",
            version,
            semanticVersion: version,
            ...(homepage ? { informationUri: homepage } : {}),
            rules: catalog.map(rule),
          },
        },
        originalUriBaseIds: { "%SRCROOT%": { uri: `${pathToFileURL(root).href.replace(/\/?$/, "/")}` } },
        columnKind: "utf16CodeUnits",
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
