import type { Severity } from "../diagnostics/diagnostic.js";
import { messageWithDetails, rootRelative, type LintReport } from "./lint-report.js";

// GitHub Actions workflow commands: `::error file=F,line=L,col=C,endLine=..,endColumn=..,title=CODE::message`
// become annotations on the pull request's diff. The runner splits properties on `,` and the
// command on `::`, so data and properties are escaped as the runner's toolkit does
// (@actions/core escapeData / escapeProperty).

const command: Record<Severity, string> = { error: "error", warning: "warning", info: "notice" };

export const escapeData = (s: string): string => s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");

export const escapeProperty = (s: string): string => escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");

export function renderGithub(report: LintReport): string {
  return report.diagnostics
    .map((d) => {
      const { span } = d;
      const props = [
        `file=${escapeProperty(rootRelative(report.root, span.file))}`,
        `line=${span.line}`,
        `col=${span.column}`,
        `endLine=${span.endLine}`,
        `endColumn=${span.endColumn}`,
        `title=${escapeProperty(d.code)}`,
      ];
      return `::${command[d.severity]} ${props.join(",")}::${escapeData(messageWithDetails(d))}\n`;
    })
    .join("");
}
