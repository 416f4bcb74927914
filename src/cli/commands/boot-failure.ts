// How `bondc boot` (one node or a cluster) turns a boot that threw into its exit status and message.

import { BootError, HarnessLimit } from "../../boot/harness.js";
import { MissingToolError } from "../../image/exec.js";
import { ImageError } from "../../image/errors.js";
import { PackageError } from "../../image/packages.js";

/** The exit status of a boot that threw (a harness bug is rethrown, for main's handler). */
export function bootFailure(e: unknown): number {
  // A missing tool or package is the machine's problem (2); a guest that never finished its
  // report is a failed boot (1). Anything else is a harness bug and goes to main's handler.
  if (e instanceof MissingToolError || e instanceof PackageError || e instanceof ImageError) {
    process.stderr.write(`bondc: ${e.message}\n`);
    return 2;
  }
  // The harness refuses what it cannot serve (no root to run the NFS server, a server other
  // than QEMU's 10.0.2.2): the machine's or the file's limits, not a failed boot.
  if (e instanceof HarnessLimit) {
    process.stderr.write(`bondc: ${e.message}\n`);
    return 2;
  }
  if (e instanceof BootError) {
    process.stderr.write(`bondc: ${e.message}\n`);
    return 1;
  }
  throw e;
}
