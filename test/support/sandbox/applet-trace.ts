/**
 * Logging wrappers for busybox applets, so that a run can count every program a script starts.
 *
 * The stub tools log their own calls; the applets in /bin (grep, sed, sleep, sh, ...) are
 * symlinks to busybox and log nothing. For a traced applet the run's tree gets, instead of the
 * symlink, a script that logs the call exactly as a stub does and then `exec`s the applet: the
 * same process, so the count is not inflated. A fork that runs no program (a subshell for a
 * command substitution or a pipeline) is not a program started and is not counted; a builtin
 * (echo, test, [ in every shell here) never reaches /bin and is not counted either. Under
 * `busybox sh` (FEATURE_SH_STANDALONE) an applet called by its bare name runs inside busybox
 * without going through /bin and is not seen; called by path (/bin/grep) it is.
 */
import type { Tree } from "./safe-fs.js";
import { APPLETS } from "./template.js";

const wrapper = (applet: string): string =>
  `#!/bin/busybox sh
# Logging wrapper written by applet-trace.ts: record the call, then become the applet. The
# subshell keeps lib.sh's PATH, IFS, umask and trap out of the applet's environment.
(. /.stub/lib.sh && trap - EXIT && stub_trace '${applet}' "$@")
exec /bin/busybox '${applet}' "$@"
`;

/** Replace /bin/APPLET with a logging wrapper for each of `applets` in the run's tree. */
export function traceApplets(tree: Tree, applets: readonly string[]): void {
  for (const applet of applets) {
    if (!APPLETS.includes(applet))
      throw new Error(
        `linuxrc sandbox: cannot trace ${JSON.stringify(applet)}: not one of the sandbox's busybox applets`,
      );
    tree.unlink(`/bin/${applet}`);
    tree.write(`/bin/${applet}`, wrapper(applet), 0o755);
  }
}
