import { execFile, spawn } from "node:child_process";
import { accessSync, constants, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/** One ShellCheck finding, as its json1 format reports it (lines and columns 1-based). */
export interface ShellcheckFinding {
  readonly line: number;
  readonly endLine: number;
  readonly column: number;
  readonly endColumn: number;
  readonly level: "error" | "warning" | "info" | "style";
  /** SC code without the prefix: 2086 for SC2086. */
  readonly code: number;
  readonly message: string;
}

/** Debian's shellcheck: the npm wrapper would otherwise try to download a release binary. */
const systemBinary = "/usr/bin/shellcheck";

/** The wrapper's bin script, found the way Node finds the package, from wherever bondc is installed. */
function wrapperScript(): string {
  const manifest = createRequire(import.meta.url).resolve("shellcheck/package.json");
  const bin = (JSON.parse(readFileSync(manifest, "utf8")) as { bin: Record<string, string> }).bin["shellcheck"];
  if (!bin) throw new Error(`${manifest} names no shellcheck bin`);
  return join(dirname(manifest), bin);
}

/**
 * The wrapper validates SHELLCHECKJS_BIN when it is imported and needs the path to exist and be
 * writable and executable (it would replace it with a download otherwise), so a system binary is
 * only offered when the caller has not chosen one and that check can pass.
 */
function wrapperEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  if (env["SHELLCHECKJS_BIN"] === undefined) {
    try {
      accessSync(systemBinary, constants.F_OK | constants.W_OK | constants.X_OK);
      env["SHELLCHECKJS_BIN"] = systemBinary;
    } catch {
      // Leave it unset: the wrapper uses (or fetches) its own copy.
    }
  }
  return env;
}

interface Json1 {
  comments: Array<ShellcheckFinding & { file: string } & Record<string, unknown>>;
}

/**
 * Runs the wrapper with `-s sh -f json1` and `operands` (files, or `-` for `stdin`) and resolves
 * to ShellCheck's comments, each with the file it is about; rejects when ShellCheck itself cannot
 * run, with the wrapper's own first line of complaint as the message.
 */
function spawnShellcheck(operands: readonly string[], stdin = ""): Promise<Json1["comments"]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [wrapperScript(), "-s", "sh", "-f", "json1", ...operands], {
      env: wrapperEnv(),
      stdio: ["pipe", "pipe", "pipe"],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (b: Buffer) => out.push(b));
    child.stderr.on("data", (b: Buffer) => err.push(b));
    child.on("error", reject);
    child.on("close", (status) => {
      const stdout = Buffer.concat(out).toString("utf8");
      // The wrapper's complaints (an invalid SHELLCHECKJS_BIN, say) come framed in ANSI colour.
      const stderr = Buffer.concat(err)
        .toString("utf8")
        .replace(/\x1b\[[0-9;]*m/g, "");
      const complaint =
        stderr
          .split("\n")
          .map((l) => l.trim())
          .filter((l) => l !== "" && !/^=+$/.test(l))
          .join(" ") || "no message";
      // ShellCheck exits 0 when clean and 1 with findings; the wrapper also exits 1 when it cannot
      // start ShellCheck at all, so only a JSON report counts as success.
      if (status !== 0 && status !== 1) {
        reject(new Error(`shellcheck failed (exit ${status}): ${complaint}`));
        return;
      }
      try {
        resolve((JSON.parse(stdout) as Json1).comments);
      } catch {
        reject(new Error(`shellcheck did not run: ${stdout.trim() === "" ? complaint : stdout.slice(0, 200)}`));
      }
    });
    // A script that ShellCheck stops reading early must not crash the caller with EPIPE.
    child.stdin.on("error", () => undefined);
    child.stdin.end(stdin);
  });
}

const finding = (c: Json1["comments"][number]): ShellcheckFinding => ({
  line: c.line,
  endLine: c.endLine,
  column: c.column,
  endColumn: c.endColumn,
  level: c.level,
  code: c.code,
  message: c.message,
});

/**
 * `shellcheck --version` as the wrapper runs it: identifies the exact ShellCheck whose verdicts
 * the lint cache holds. Rejects, like the checks, when ShellCheck cannot run.
 */
export function shellcheckVersion(): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [wrapperScript(), "--version"], { env: wrapperEnv() }, (error, stdout, stderr) => {
      const version = /^version: .*$/m.exec(stdout)?.[0];
      if (error || !version)
        reject(
          new Error(
            `shellcheck did not run: ${
              (stderr || stdout)
                .replace(/\x1b\[[0-9;]*m/g, "")
                .trim()
                .split("\n")[0] || "no version reported"
            }`,
          ),
        );
      else resolve(version);
    });
  });
}

/**
 * Lints a POSIX sh script (`shellcheck -s sh -f json1 -`) through the npm `shellcheck` wrapper.
 * Resolves to the findings, empty when the script is clean; rejects when ShellCheck itself cannot
 * run.
 */
export async function runShellcheck(script: string): Promise<ShellcheckFinding[]> {
  return (await spawnShellcheck(["-"], script)).map(finding);
}

/**
 * Lints many script files in one ShellCheck process (starting one per script costs more than
 * checking it), resolving to each path's findings; every path is a key, clean ones map to [].
 */
export async function runShellcheckFiles(paths: readonly string[]): Promise<Map<string, ShellcheckFinding[]>> {
  const byFile = new Map<string, ShellcheckFinding[]>(paths.map((p) => [p, []]));
  if (paths.length === 0) return byFile;
  for (const c of await spawnShellcheck(paths)) byFile.get(c.file)?.push(finding(c));
  return byFile;
}
