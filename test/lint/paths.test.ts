import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expandGlob } from "../../src/lint/glob.js";
import { expandPaths } from "../../src/lint/paths.js";
import { tempTree } from "./support.js";

const tree = tempTree({
  "a.bond": "",
  "b.bond": "",
  "ab.bond": "",
  "notes.txt": "",
  ".hidden.bond": "",
  "rack1/n1.bond": "",
  "rack1/deep/n2.bond": "",
  "rack2/n3.bond": "",
  "rack2/readme.md": "",
  "node_modules/pkg/x.bond": "",
  ".git/y.bond": "",
});
const rel = (paths: readonly string[]) => paths.map((p) => p.slice(tree.length + 1));

describe("expandGlob", () => {
  it("* and ? match within one segment, never a leading dot", () => {
    expect(rel(expandGlob(`${tree}/*.bond`))).toEqual(["a.bond", "ab.bond", "b.bond"]);
    expect(rel(expandGlob(`${tree}/?.bond`))).toEqual(["a.bond", "b.bond"]);
    expect(rel(expandGlob(`${tree}/.*.bond`))).toEqual([".hidden.bond"]);
    expect(rel(expandGlob(`${tree}/rack*/*.bond`))).toEqual(["rack1/n1.bond", "rack2/n3.bond"]);
  });

  it("** spans any number of directories, including none, but not node_modules or dot-directories", () => {
    expect(rel(expandGlob(`${tree}/**/*.bond`))).toEqual([
      "a.bond",
      "ab.bond",
      "b.bond",
      "rack1/n1.bond",
      "rack1/deep/n2.bond",
      "rack2/n3.bond",
    ]);
    expect(rel(expandGlob(`${tree}/rack1/**/n2.bond`))).toEqual(["rack1/deep/n2.bond"]);
  });

  it("regex characters in names are literal, and a pattern that matches nothing gives nothing", () => {
    expect(expandGlob(`${tree}/a+.bond*`)).toEqual([]);
    expect(expandGlob(`${tree}/nowhere/*.bond`)).toEqual([]);
  });

  it("relative patterns stay relative to the working directory", () => {
    const here = process.cwd();
    process.chdir(tree);
    try {
      expect(expandGlob("rack?/*.bond")).toEqual([join("rack1", "n1.bond"), join("rack2", "n3.bond")]);
      expect(expandGlob("./*.bond")).toEqual(["a.bond", "ab.bond", "b.bond"]);
    } finally {
      process.chdir(here);
    }
  });
});

describe("expandPaths", () => {
  it("files as named, directories recursively for *.bond, globs as matched; each file once, in argument order", () => {
    const { files, missing } = expandPaths([`${tree}/notes.txt`, `${tree}/rack2`, `${tree}/rack*`, `${tree}/a.bond`]);
    expect(rel(files)).toEqual(["notes.txt", "rack2/n3.bond", "rack1/deep/n2.bond", "rack1/n1.bond", "a.bond"]);
    expect(missing).toEqual([]);
  });

  it("reports each argument that names nothing", () => {
    const { files, missing } = expandPaths([`${tree}/a.bond`, `${tree}/zz.bond`, `${tree}/*.nothing`]);
    expect(rel(files)).toEqual(["a.bond"]);
    expect(missing).toEqual([`${tree}/zz.bond`, `${tree}/*.nothing`]);
  });
});
