// A private network namespace that several QEMUs join one after the other: the two-VM cluster
// boot starts the server VM first and each client only once the server serves (or another client
// writes), so the guests cannot all be children of one `unshare` command line as in nfs-server.ts.
//
// `unshare --net --fork --kill-child` runs a small holder (a shell that brings `lo` up, says its
// PID and becomes `cat`, reading the harness's pipe); every QEMU is started through
// `nsenter --target PID --net`, which execs QEMU inside that namespace. Only `lo` exists there, so
// the guests' socket links on 127.0.0.1 reach nothing but each other. Closing the pipe ends the
// holder; a QEMU still running keeps its namespace until it exits (the harness kills them first).

import { spawn, type ChildProcess } from "node:child_process";
import { missingTool } from "../image/exec.js";
import type { NamespaceCommand } from "./nfs-server.js";

export interface PrivateNetwork {
  /** The prefix that runs a program (QEMU) inside the namespace. */
  readonly wrapper: NamespaceCommand;
  /** Ends the holder; the namespace goes with the last process in it. */
  close(): void;
}

const READY = "bondc-netns-holder";

/** Starts the holder and resolves once `lo` is up in its namespace. */
export function openPrivateNetwork(timeoutMs = 30_000): Promise<PrivateNetwork> {
  const script = `ip link set lo up || exit 96; echo ${READY} $$; exec cat >/dev/null`;
  const child: ChildProcess = spawn("unshare", ["--net", "--fork", "--kill-child", "/bin/sh", "-c", script], {
    stdio: ["pipe", "pipe", "pipe"],
  });
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`the private network namespace did not start within ${timeoutMs} ms: ${err.trim()}`));
    }, timeoutMs);
    child.on("error", (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(e.code === "ENOENT" ? missingTool("unshare") : e);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      reject(new Error(`the private network namespace's holder exited (${code}): ${err.trim()}`));
    });
    child.stderr?.setEncoding("utf8").on("data", (d: string) => (err += d));
    child.stdout?.setEncoding("utf8").on("data", (d: string) => {
      out += d;
      const m = new RegExp(`${READY} (\\d+)`).exec(out);
      if (!m?.[1]) return;
      clearTimeout(timer);
      child.removeAllListeners("close");
      child.on("close", () => undefined);
      resolve({
        wrapper: { command: "nsenter", args: ["--target", m[1], "--net", "--"] },
        close: () => {
          child.stdin?.end();
          child.kill("SIGTERM");
        },
      });
    });
  });
}
