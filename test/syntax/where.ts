/**
 * `at("1:5-1:9")`: the line:column range a node or diagnostic should cover, as a partial Span for
 * toMatchObject. A single position (`at("2:8")`) pins the start only. Written the way the CLI
 * prints positions, so a table of expectations reads like the error output it predicts.
 */
export function at(range: string): { line: number; column: number; endLine?: number; endColumn?: number } {
  const m = /^(\d+):(\d+)(?:-(\d+):(\d+))?$/.exec(range);
  if (!m) throw new Error(`bad range ${range}`);
  const [, line, column, endLine, endColumn] = m.map(Number) as [number, number, number, number, number];
  return m[3] === undefined ? { line, column } : { line, column, endLine, endColumn };
}
