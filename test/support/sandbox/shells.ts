/** The shells under test and the host tools the sandbox needs: where they are, how to get them. */
import { accessSync, constants } from "node:fs";
import { SHELLS, type Shell } from "./types.js";

interface HostTool {
  /** Candidate paths on the host, first existing one wins. */
  paths: string[];
  /** Debian package to install when missing. */
  apt: string;
}

const SHELL_TOOLS: Record<Shell, HostTool> = {
  dash: { paths: ["/usr/bin/dash", "/bin/dash"], apt: "dash" },
  busybox: {
    paths: ["/usr/bin/busybox", "/bin/busybox"],
    apt: "busybox-static",
  },
  bash: { paths: ["/usr/bin/bash", "/bin/bash"], apt: "bash" },
  mksh: { paths: ["/usr/bin/mksh", "/bin/mksh"], apt: "mksh" },
  posh: { paths: ["/usr/bin/posh", "/bin/posh"], apt: "posh" },
  yash: { paths: ["/usr/bin/yash", "/bin/yash"], apt: "yash" },
};

/** Host programs the runner itself uses (outside the sandbox). */
export const HOST_TOOLS = {
  unshare: { paths: ["/usr/bin/unshare", "/bin/unshare"], apt: "util-linux" },
  setpriv: { paths: ["/usr/bin/setpriv", "/bin/setpriv"], apt: "util-linux" },
  cp: { paths: ["/usr/bin/cp", "/bin/cp"], apt: "coreutils" },
  timeout: { paths: ["/usr/bin/timeout", "/bin/timeout"], apt: "coreutils" },
  mknod: { paths: ["/usr/bin/mknod", "/bin/mknod"], apt: "coreutils" },
  ldd: { paths: ["/usr/bin/ldd", "/bin/ldd"], apt: "libc-bin" },
} satisfies Record<string, HostTool>;

/** Debian package that provides each shell. */
export const SHELL_PACKAGES: Readonly<Record<Shell, string>> = Object.fromEntries(
  SHELLS.map((s) => [s, SHELL_TOOLS[s].apt]),
) as Record<Shell, string>;

function findExecutable(paths: readonly string[]): string | undefined {
  for (const p of paths) {
    try {
      accessSync(p, constants.X_OK);
      return p;
    } catch {
      // try the next one
    }
  }
  return undefined;
}

/** Path of a shell on the host, or undefined when it is not installed. */
export function hostShellPath(shell: Shell): string | undefined {
  return findExecutable(SHELL_TOOLS[shell].paths);
}

export function hostToolPath(tool: keyof typeof HOST_TOOLS): string {
  const t = HOST_TOOLS[tool];
  const p = findExecutable(t.paths);
  if (p === undefined) {
    throw new Error(`linuxrc sandbox: ${tool} is not installed (apt-get install ${t.apt})`);
  }
  return p;
}

export interface ShellAvailability {
  shell: Shell;
  present: boolean;
  hostPath?: string;
  /** `apt-get install <aptPackage>` provides it. */
  aptPackage: string;
}

/** Which of `shells` are installed on this machine. */
export function checkShells(shells: readonly Shell[] = SHELLS): ShellAvailability[] {
  return shells.map((shell) => {
    const hostPath = hostShellPath(shell);
    return hostPath === undefined
      ? { shell, present: false, aptPackage: SHELL_TOOLS[shell].apt }
      : { shell, present: true, hostPath, aptPackage: SHELL_TOOLS[shell].apt };
  });
}

/** The error message for shells that are not installed, or undefined when none is missing. */
export function missingShellsMessage(availability: readonly ShellAvailability[]): string | undefined {
  const missing = availability.filter((s) => !s.present);
  if (missing.length === 0) return undefined;
  const pkgs = [...new Set(missing.map((m) => m.aptPackage))].join(" ");
  return (
    `linuxrc sandbox: shell(s) not installed: ${missing.map((m) => m.shell).join(", ")}. ` +
    `Install them with: apt-get install ${pkgs}`
  );
}

/** Throws an error naming the apt packages to install when one of `shells` is missing. */
export function assertShellsPresent(shells: readonly Shell[] = SHELLS): void {
  const msg = missingShellsMessage(checkShells(shells));
  if (msg !== undefined) throw new Error(msg);
}

/** The command line that runs /linuxrc inside the sandbox tree. */
export function shellArgv(shell: Shell, xtrace = false): string[] {
  const x = xtrace ? ["-x"] : [];
  switch (shell) {
    case "dash":
      return ["/bin/dash", ...x, "/linuxrc"];
    case "busybox":
      return ["/bin/busybox", "sh", ...x, "/linuxrc"];
    case "bash":
      return ["/bin/bash", "--posix", ...x, "/linuxrc"];
    case "mksh":
      return ["/bin/mksh", ...x, "/linuxrc"];
    case "posh":
      return ["/bin/posh", ...x, "/linuxrc"];
    case "yash":
      return ["/bin/yash", "-o", "posixly-correct", ...x, "/linuxrc"];
  }
}
