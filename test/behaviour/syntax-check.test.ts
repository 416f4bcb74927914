/**
 * Every compiled example (and the shell-policy fixture) parses under every shell's `-n` (read, do not execute), including the
 * parts a successful run never reaches. The checks run inside the sandbox, not on the host: a
 * shell that ignored -n would run the script there, and the stubs would log it (the control
 * below proves -n executes nothing, and the broken control proves it reports syntax errors).
 */
import { basename, join } from "node:path";
import { afterAll, describe, it } from "vitest";
import { cleanupSandbox, runLinuxrc, shellArgv, SHELLS, type Shell } from "../support/sandbox/index.js";
import { examples } from "../support/repo.js";
import { compileFile } from "./helpers.js";
import { where } from "../sandbox/helpers.js";

afterAll(cleanupSandbox);

const files = [...examples().map((e) => e.path), join(import.meta.dirname, "fixtures", "shell-policy.bond")];
const scripts: Record<string, string> = Object.fromEntries(
  files.map((f) => [basename(f, ".bond"), compileFile(f).script]),
);
const CONTROLS = {
  "control-runs-nothing": "#!/bin/sh\nifconfig eth0 down\ninsmod bonding\n",
  "control-broken": "#!/bin/sh\nif true; then\n  echo never closed\n",
};
const EOF_MARK = "BONDC_SYNTAX_CHECK_EOF";

/** A linuxrc (run by dash) that writes each script to /tmp and checks it with `shell -n`. */
function checker(shell: Shell): string {
  const argv = shellArgv(shell).slice(0, -1).join(" ");
  const lines = ["PATH=/sbin:/bin", "export PATH"];
  for (const [name, text] of Object.entries({ ...scripts, ...CONTROLS })) {
    if (text.includes(EOF_MARK)) throw new Error(`${name} contains the here-document's end marker`);
    lines.push(`cat > /tmp/${name}.sh <<'${EOF_MARK}'`, text.replace(/\n$/, ""), EOF_MARK);
    lines.push(`${argv} -n /tmp/${name}.sh 2>/dev/null; echo "${name} $?"`);
  }
  return `${lines.join("\n")}\n`;
}

describe.concurrent("shell -n", () => {
  for (const shell of SHELLS) {
    it(`accepts every compiled example and executes nothing (${shell})`, async ({ expect }) => {
      const r = await runLinuxrc(checker(shell), {
        shell: "dash",
        dialect: "busybox",
      });
      const status = Object.fromEntries(
        r.stdout
          .trim()
          .split("\n")
          .map((l) => l.split(" ") as [string, string]),
      );
      expect(r.exitCode, where(r)).toBe(0);
      for (const name of Object.keys(scripts)) expect(status[name], `${name}\n${where(r)}`).toBe("0");
      expect(status["control-runs-nothing"], where(r)).toBe("0");
      expect(status["control-broken"], where(r)).not.toBe("0");
      expect(r.trace, where(r)).toEqual([]);
    });
  }
});
