"use strict";
// The grammar's single source is grammar/bond.tmLanguage.json at the repository root; an
// extension package can only ship files from its own folder, so it is copied in before packaging.
const fs = require("node:fs");
const path = require("node:path");

const source = path.join(__dirname, "..", "..", "grammar", "bond.tmLanguage.json");
const target = path.join(__dirname, "syntaxes", "bond.tmLanguage.json");
fs.mkdirSync(path.dirname(target), { recursive: true });
fs.copyFileSync(source, target);
