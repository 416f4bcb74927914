import { fileURLToPath, pathToFileURL } from "node:url";

/*
 * The compiler names files by path, editors by URI. file: URIs become paths so imports resolve
 * on disk; any other scheme (untitled:, vscode-notebook-cell:) is kept as an opaque name, which
 * still checks, only relative imports from it cannot be found.
 */

export function uriToPath(uri: string): string {
  if (!uri.startsWith("file:")) return uri;
  try {
    return fileURLToPath(uri);
  } catch {
    return uri;
  }
}

export function pathToUri(path: string): string {
  return path.startsWith("/") || /^[A-Za-z]:[\\/]/.test(path) ? pathToFileURL(path).href : path;
}
