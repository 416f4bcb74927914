// Layer rules for src/, checked by `npm run lint:layers` (dependency-cruiser).
//
// Why layers: bondc is a pipeline (text → syntax → names and types → IR → analysis → checks →
// toolset → target → script), and every client (CLI, LSP, lint, formatter) sits on top of the
// library API. Keeping each folder ignorant of the ones above it is what lets a target, a toolset or
// a client be added without touching the core, and lets a lower layer be tested on its own.
// A folder may import its own level and the levels below it, never one above, and nothing may
// import in a cycle (type-only imports count: a type cycle still ties two modules together).
//
// Lowest level first. Folders that do not exist yet are listed so they land in the right place.
const levels = [
  ["src/diagnostics/", "src/sh/", "src/version.ts", "src/cache-dir.ts", "src/lists.ts"], // L0
  ["src/syntax/"], // L1
  ["src/semantic/"], // L2
  ["src/ir/"], // L3
  ["src/analysis/"], // L4
  ["src/checks/"], // L5
  ["src/toolsets/"], // L6
  ["src/targets/"], // L7
  ["src/backend/"], // L8
  ["src/registry/"], // L9
  ["src/api/", "src/image/", "src/bootloader/"], // L10
  // L11, the clients: they may import each other (never in a cycle); nothing below imports them.
  [
    "src/config/",
    "src/report/",
    "src/format/",
    "src/prettier/",
    "src/shellcheck/",
    "src/lint/",
    "src/lsp/",
    "src/cli/",
    "src/boot/",
    "src/bench/",
    "src/tools/",
    "src/index.ts",
  ],
];

// Imports that the levels allow but the design does not, each with its reason.
const forbiddenEdges = [
  {
    from: "src/backend/",
    to: "src/checks/",
    why: "code generation reads the boot analysis (src/analysis/), not the checks built on it",
  },
  {
    from: "src/config/",
    to: "src/api/",
    why: "bondc.json's toolset and target names are checked against the registry (src/registry/), not compile()",
  },
];

/** Path regexes for the given folders ("src/x/": the folder and all in it) and files ("src/x.ts"). */
const pathsOf = (entries) =>
  entries.map((entry) => (entry.endsWith("/") ? `^${entry.slice(0, -1)}(/|$)` : `^${entry.replace(/\./g, "\\.")}$`));

/**
 * Within one level, folders must not import each other in a cycle either (lsp/ → lint/ → lsp/), even
 * when no single module does: such folders are one folder in disguise. Across levels, a folder cycle
 * always contains an upward import, which the upward rules below report.
 */
const folderCycleRules = levels.map((entries, index) => ({
  name: `no-circular-folders-L${index}`,
  severity: "error",
  scope: "folder",
  from: { path: pathsOf(entries) },
  to: { path: pathsOf(entries), circular: true },
}));

/** One rule per level: a file of that level must not import a file of any higher level. */
const upwardRules = levels.slice(0, -1).map((entries, index) => ({
  name: `no-upward-import-L${index}`,
  severity: "error",
  comment: `L${index} (${entries.join(", ")}) may import only its own level or lower ones.`,
  from: { path: pathsOf(entries) },
  to: { path: levels.slice(index + 1).flatMap(pathsOf) },
}));

const edgeRules = forbiddenEdges.map(({ from, to, why }) => ({
  name: `${from.split("/")[1]}-not-to-${to.split("/")[1]}`,
  severity: "error",
  comment: why,
  from: { path: pathsOf([from]) },
  to: { path: pathsOf([to]) },
}));

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "Modules that import each other (even for types only) cannot be understood or tested apart.",
      from: {},
      to: { circular: true },
    },
    ...folderCycleRules,
    ...upwardRules,
    ...edgeRules,
    {
      name: "not-in-a-layer",
      severity: "error",
      comment: "Every file under src/ belongs to a level: add a new folder to `levels` in .dependency-cruiser.cjs.",
      from: { path: "^src/", pathNot: levels.flatMap(pathsOf) },
      to: {},
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { extensions: [".ts", ".js"] },
  },
};
