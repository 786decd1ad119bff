#!/usr/bin/env node
// The `sentiment` command. npm links this file into node_modules/.bin at install time, before
// `prepare` builds dist/ (a bin pointing into dist/ would not be linked on a fresh clone).
import '../dist/cli/main.js';
