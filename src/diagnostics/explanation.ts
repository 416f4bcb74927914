/*
 * The format of catalog explanations, shared by `bondc explain`, docs/diagnostics.md and SARIF:
 * paragraphs separated by blank lines, wrapped in the source however is convenient (whoever
 * prints them rewraps), and example lines indented by four spaces, printed exactly as written.
 */

export type ExplanationBlock =
  { readonly kind: "text"; readonly text: string } | { readonly kind: "code"; readonly lines: readonly string[] };

export function explanationBlocks(explanation: string): ExplanationBlock[] {
  const blocks: ExplanationBlock[] = [];
  let prose: string[] = [];
  let code: string[] = [];
  const flush = (): void => {
    if (prose.length > 0) blocks.push({ kind: "text", text: prose.join(" ") });
    if (code.length > 0) blocks.push({ kind: "code", lines: code });
    prose = [];
    code = [];
  };
  for (const line of explanation.split("\n")) {
    if (line.startsWith("    ")) {
      if (prose.length > 0) flush();
      code.push(line.slice(4));
    } else if (line.trim() === "") {
      flush();
    } else {
      if (code.length > 0) flush();
      prose.push(line.trim());
    }
  }
  flush();
  return blocks;
}

/** For a terminal: each paragraph on one line (the terminal wraps it), examples indented. */
export function plainExplanation(explanation: string): string {
  return explanationBlocks(explanation)
    .map((b) => (b.kind === "text" ? b.text : b.lines.map((l) => `    ${l}`).join("\n")))
    .join("\n\n");
}
