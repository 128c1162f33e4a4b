#!/usr/bin/env node
// The `partnerdeck` command. The CLI itself is bundled into dist/ by `npm install` (prepare).
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const cli = join(__dirname, '..', 'dist', 'cli', 'partnerdeck.cjs');
if (!existsSync(cli)) {
  process.stderr.write('partnerdeck: the CLI is not built yet; run `npm install` (or `npm run build`) in the project folder\n');
  process.exit(1);
}
require(cli);
