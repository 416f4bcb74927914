/**
 * The bondc library API. The CLI, the language server, the lint reporters and the prettier
 * plugin are all thin clients of these functions.
 */
export { check, type CheckLevel, type CheckResult } from "./api/check.js";
export { CheckSession, type SessionOptions } from "./api/session.js";
export { compile, type CompileResult, type Artifact } from "./api/compile.js";
export type { SourceMap, ScriptOrigin } from "./backend/source-map.js";
export { registry, makeRegistry, type Registry } from "./registry/registry.js";
export type { Target } from "./targets/target.js";
export type { Toolset } from "./toolsets/toolset.js";
export { catalog, lookup, docsLink, type CatalogEntry } from "./diagnostics/catalog.js";
export type { Diagnostic, Severity, Label, Fix, TextEdit } from "./diagnostics/diagnostic.js";
export type { Span } from "./diagnostics/span.js";
export { LineIndex } from "./diagnostics/span.js";
export { parse, type ParseResult } from "./syntax/parse.js";
export { formatBond } from "./format/format.js";
export type * as Ast from "./syntax/ast.js";
export type { Program, Action } from "./ir/ir.js";
export type { Value, ValueType } from "./semantic/types.js";
export { userSpan } from "./ir/ir.js";
export type { BootState } from "./analysis/state.js";
export type { IfaceState } from "./analysis/iface-state.js";
export { describeIface } from "./analysis/state.js";
export { predictEndState } from "./api/predict.js";
export type { PredictedEndState, PredictedBond, PredictedValue, PredictedRoute } from "./analysis/end-state.js";
export { diskHost, bundledStdlibDir, type CompileHost, type SourceFile } from "./semantic/sources.js";
export { version } from "./version.js";
export { lintFiles, type LintInput, type LintOptions, type LintResult } from "./lint/lint.js";
export { expandPaths, type ExpandedPaths } from "./lint/paths.js";
export { renderReport, formatNames, type FormatName, type RenderOptions } from "./report/formats.js";
export type { LintReport } from "./report/lint-report.js";
export { parseConfig, ConfigError, type ProjectConfig, type RuleLevel } from "./config/config.js";
export { loadConfig, findConfig } from "./config/load.js";
