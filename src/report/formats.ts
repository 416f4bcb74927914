import { renderGcc } from "./gcc.js";
import { renderGithub } from "./github.js";
import { plainStyle, renderDiagnostic, summarise, type Style } from "./human.js";
import { renderJson } from "./json.js";
import type { LintReport } from "./lint-report.js";
import { renderSarif } from "./sarif.js";

export const formatNames = ["human", "json", "sarif", "github", "gcc"] as const;
export type FormatName = (typeof formatNames)[number];

export interface RenderOptions {
  /** Colours for the human format (styleFor() decides: a TTY and no NO_COLOR). */
  readonly style?: Style;
  /** The human format's closing "N files: ..." line; --quiet turns it off. */
  readonly summary?: boolean;
}

/** The rustc-style rendering `bondc check` uses, one diagnostic per paragraph, then a summary. */
function renderHuman(report: LintReport, options: RenderOptions): string {
  const style = options.style ?? plainStyle;
  const blocks = report.diagnostics.map((d) => `${renderDiagnostic(d, report.linesOf, style)}\n\n`);
  if (options.summary !== false) {
    const files = `${report.filesLinted} file${report.filesLinted === 1 ? "" : "s"}`;
    blocks.push(`${style.bold(`${files} linted: ${summarise(report.diagnostics) || "no problems"}`)}\n`);
  }
  return blocks.join("");
}

/** The whole output of one lint run in the chosen format. */
export function renderReport(format: FormatName, report: LintReport, options: RenderOptions = {}): string {
  switch (format) {
    case "human":
      return renderHuman(report, options);
    case "json":
      return renderJson(report);
    case "sarif":
      return renderSarif(report);
    case "github":
      return renderGithub(report);
    case "gcc":
      return renderGcc(report);
  }
}
