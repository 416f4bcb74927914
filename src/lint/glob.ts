import { readdirSync, statSync, type Dirent } from "node:fs";
import { join } from "node:path";

// Just enough globbing for `bondc lint 'nodes/**/*.bond'` when no shell expanded the pattern
// (it was quoted, or came from a CI config or a pre-commit hook): `*` and `?` within one path
// segment, `**` for any number of directories. Node 20 has no fs.glob, and a dependency for
// this would be bigger than the code.

export const isGlob = (path: string): boolean => /[*?]/.test(path);

/** Directories a recursive walk never enters: installed packages and hidden (VCS, tool) folders. */
export const isSkippedDir = (name: string): boolean => name === "node_modules" || name.startsWith(".");

function segmentPattern(segment: string): RegExp {
  const body = segment
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, "[^/]*")
    .replace(/\?/g, "[^/]");
  return new RegExp(`^${body}$`);
}

/** A directory's entries in a stable order; an unreadable directory has none. */
export function sortedEntries(dir: string): Dirent[] {
  try {
    return readdirSync(dir || ".", { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    );
  } catch {
    return [];
  }
}

const within = (base: string, name: string): string => (base === "" ? name : join(base, name));

function expand(base: string, segments: readonly string[], out: string[]): void {
  const [segment, ...rest] = segments;
  if (segment === undefined) {
    out.push(base);
    return;
  }
  if (segment === "**") {
    expand(base, rest, out);
    for (const e of sortedEntries(base))
      if (e.isDirectory() && !isSkippedDir(e.name)) expand(within(base, e.name), segments, out);
    return;
  }
  if (!isGlob(segment)) {
    const next = within(base, segment);
    const stat = statSync(next, { throwIfNoEntry: false });
    if (stat && (rest.length === 0 || stat.isDirectory())) expand(next, rest, out);
    return;
  }
  const pattern = segmentPattern(segment);
  // Like a shell, a wildcard does not match a leading dot unless the pattern spells it.
  const dotted = segment.startsWith(".");
  for (const e of sortedEntries(base)) {
    if (!pattern.test(e.name) || (e.name.startsWith(".") && !dotted)) continue;
    if (rest.length > 0 && !e.isDirectory()) continue;
    expand(within(base, e.name), rest, out);
  }
}

/** The existing paths a pattern matches, sorted within each directory, without duplicates. */
export function expandGlob(pattern: string): string[] {
  const segments = pattern.split("/").filter((s) => s !== "" && s !== ".");
  const out: string[] = [];
  expand(pattern.startsWith("/") ? "/" : "", segments, out);
  return [...new Set(out)];
}
