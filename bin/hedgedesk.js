#!/usr/bin/env node
// The `hedgedesk` command: runs the TypeScript core under plain Node through tsx.
'use strict';
require('tsx/cjs');
require('../src/main/core/cli.ts')
  .main(process.argv.slice(2))
  .catch((err) => {
    process.stderr.write(`hedgedesk: ${err && err.stack ? err.stack : err}\n`);
    process.exit(1);
  });
