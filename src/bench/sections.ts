/*
 * Every bench section, one line each: `export { benchX as name } from "./x.js";`, where
 * benchX is `async function benchX(): Promise<string[]>` returning the lines to print. `name` is
 * what `npm run bench -- name` selects. Adding a section is adding its line here.
 */
export { benchCompile as compile } from "./compile.js";
export { benchLint as lint } from "./lint.js";
export { benchBoot as boot } from "./boot.js";
export { benchLsp as lsp } from "./lsp.js";
export { benchCluster as cluster } from "./cluster.js";
export { benchImage as image } from "./image.js";
