#!/usr/bin/env node
import { runBondc } from "./run.js";

// `bondc` straight from tsc's output, one module file at a time (the bench measures it beside the
// shipped bin.ts, to show what the bundles save).
runBondc((name) => import(`./commands/${name}.js`));
