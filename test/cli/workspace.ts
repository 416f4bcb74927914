import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";

/** A scratch directory for one test file, removed when the file's tests end. */
export function workspace(): { dir: string; file(name: string, content: string | Buffer): string } {
  const dir = mkdtempSync(join(tmpdir(), "bondc-cli-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return {
    dir,
    file(name, content) {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    },
  };
}

export const brokenBond = "iface eth0, eth1\nlet ip =\nload bonding\nup bond0 { address 10.0.0.1  miimon }\n";
