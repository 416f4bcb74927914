/**
 * Maps each line of a generated linuxrc back to the .bond line that produced it.
 *
 * generate() precedes every step with a citation comment `# <basename>:<LINE>: <source text>`
 * (and the step echoes `bondc: <basename>:<LINE>: ...`), so a script line belongs to the nearest
 * citation above it. The lines before the first citation (header, PATH, the failure functions,
 * the fallback flags and the boot-interface snapshot) are plumbing chosen by the target and the
 * failure policy rather than by one statement; they map to `preludeLine`, which callers set to
 * the line of the `target` statement (line 1 when the file has none).
 */
export function scriptLineMap(script: string, sourceName: string, preludeLine: number): (scriptLine: number) => number {
  const prefix = `# ${sourceName}:`;
  const owners: number[] = [];
  let current = preludeLine;
  for (const line of script.split("\n")) {
    if (line.startsWith(prefix)) {
      const m = /^(\d+): /.exec(line.slice(prefix.length));
      if (m) current = Number(m[1]);
    }
    owners.push(current);
  }
  return (scriptLine) => owners[Math.min(Math.max(scriptLine, 1), owners.length) - 1] ?? preludeLine;
}
