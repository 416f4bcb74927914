import { readdirSync, readFileSync, realpathSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { DiagnosticBag } from "../diagnostics/report.js";
import type { LineIndex } from "../diagnostics/span.js";
import type { BondFile } from "../syntax/ast.js";
import { parse } from "../syntax/parse.js";
import { closest } from "../syntax/literals.js";

export interface SourceFile {
  readonly path: string;
  readonly text: string;
  readonly ast: BondFile;
  readonly lines: LineIndex;
  readonly diagnostics: readonly Diagnostic[];
}

/** How the compiler reaches files: the CLI reads the disk, the LSP serves open buffers first. */
export interface CompileHost {
  readFile(path: string): string | undefined;
  readonly stdlibDir: string;
  /**
   * The project root: imports (other than std/...) must resolve inside it. Default: the directory
   * of the file being compiled. The CLI sets it from --root or from bondc.json's directory.
   */
  readonly root?: string;
  /** The path with symbolic links resolved, or undefined when it does not exist (disk hosts only). */
  realPath?(path: string): string | undefined;
}

/** stdlib/ ships beside dist/ and src/, so the same relative path works from both. */
export const bundledStdlibDir = resolve(dirname(fileURLToPath(import.meta.url)), "../../stdlib");

export const diskHost: CompileHost = {
  readFile(path) {
    try {
      return readFileSync(path, "utf8");
    } catch {
      return undefined;
    }
  },
  stdlibDir: bundledStdlibDir,
  realPath(path) {
    try {
      return realpathSync(path);
    } catch {
      return undefined;
    }
  },
};

export function sourceFromText(path: string, text: string): SourceFile {
  const { ast, diagnostics, lines } = parse(text, path);
  return { path, text, ast, lines, diagnostics };
}

/** "std/bonding", "std/profiles", ...: what `import "std/NAME"` can load. */
export function stdlibNames(host: CompileHost): string[] {
  try {
    return readdirSync(host.stdlibDir)
      .filter((f) => f.endsWith(".bond"))
      .map((f) => `std/${f.slice(0, -5)}`)
      .sort();
  } catch {
    return [];
  }
}

export function importPath(spec: string, fromFile: string, host: CompileHost): string {
  if (spec.startsWith("std/")) return join(host.stdlibDir, `${spec.slice(4)}.bond`);
  return resolve(dirname(fromFile), spec.endsWith(".bond") ? spec : `${spec}.bond`);
}

const inside = (path: string, dir: string): boolean => {
  const rel = relative(dir, path);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
};

/**
 * Where an import may be read from: std/ imports inside the standard library, others inside the
 * project root, both as written and with symbolic links resolved. Undefined when allowed, else
 * the directory it escapes.
 */
export function escapedDir(spec: string, path: string, projectRoot: string, host: CompileHost): string | undefined {
  const dir = resolve(spec.startsWith("std/") ? host.stdlibDir : projectRoot);
  if (!inside(path, dir)) return dir;
  const real = host.realPath?.(path);
  if (real !== undefined && !inside(real, host.realPath?.(dir) ?? dir)) return dir;
  return undefined;
}

/**
 * Loads every file the root imports, transitively, each once (so import cycles are harmless).
 * Imports that cannot be read are reported where they are written. `toSource` turns a file's
 * text into its parse: an editor's session passes one that keeps the parses of texts it has seen.
 */
export function loadImports(
  root: SourceFile,
  host: CompileHost,
  bag: DiagnosticBag,
  toSource: (path: string, text: string) => SourceFile = sourceFromText,
): SourceFile[] {
  const loaded = new Map<string, SourceFile>([[root.path, root]]);
  const queue: SourceFile[] = [root];
  const result: SourceFile[] = [];
  const projectRoot = resolve(host.root ?? dirname(root.path));
  while (queue.length > 0) {
    const file = queue.shift()!;
    for (const item of file.ast.items) {
      if (item.kind !== "ImportDecl") continue;
      if (item.path.value === "") {
        // A string the parser had to make up (BOND0001 is reported) is shorter than its two quotes.
        if (item.path.span.end - item.path.span.start >= 2)
          bag.report("BOND0108", item.path.span, "this import names no library", {
            label: "an empty path",
            help: `the standard libraries are ${stdlibNames(host)
              .map((n) => `"${n}"`)
              .join(", ")}; local files are imported as "./NAME.bond"`,
          });
        continue;
      }
      const path = importPath(item.path.value, file.path, host);
      if (loaded.has(path)) continue;
      // Checked before anything is read: lint runs on pull requests, and must not read (or quote)
      // files outside the checkout because a .bond file asks it to.
      const escaped = escapedDir(item.path.value, path, projectRoot, host);
      if (escaped !== undefined) {
        const std = item.path.value.startsWith("std/");
        bag.report(
          "BOND0120",
          item.path.span,
          `\`${item.path.value}\` is outside the ${std ? "standard library" : "project root"}`,
          {
            label: std ? "not a standard library" : "outside the project",
            notes: [
              `${std ? "the standard library is" : "the project root is"} ${escaped}; imports are read only from the project root and the standard library`,
            ],
            help: std
              ? `the standard libraries are ${stdlibNames(host)
                  .map((n) => `"${n}"`)
                  .join(", ")}`
              : "move the file into the project, or name a wider root with --root DIR (or put bondc.json in a directory above both)",
          },
        );
        continue;
      }
      const text = host.readFile(path);
      if (text === undefined) {
        const std = stdlibNames(host);
        const near = item.path.value.startsWith("std/") ? closest(item.path.value, std) : undefined;
        bag.report("BOND0108", item.path.span, `cannot find the library \`${item.path.value}\``, {
          label: "no such file",
          notes: [`looked for ${path}`],
          help: near
            ? `did you mean "${near}"?`
            : `the standard libraries are ${std.map((n) => `"${n}"`).join(", ")}; local files are imported as "./NAME.bond"`,
          ...(near
            ? { fixes: [{ title: `Change to "${near}"`, edits: [{ span: item.path.span, newText: `"${near}"` }] }] }
            : {}),
        });
        continue;
      }
      const source = toSource(path, text);
      loaded.set(path, source);
      result.push(source);
      queue.push(source);
    }
  }
  return result;
}
