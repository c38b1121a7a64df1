#!/usr/bin/env node
/// <reference types="node" />
// The `http-error-kit` bin: all of the logic is in main (src/cli/run.ts), which tests call too.
import { main } from './cli/run.js';

process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});
