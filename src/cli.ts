#!/usr/bin/env node
/// <reference types="node" />
// The `http-error-kit` bin: all of the logic is in runCli, which the tests call directly.
import { runCli } from './cli/run.js';

const result = runCli(process.argv.slice(2));
process.stdout.write(result.stdout);
process.stderr.write(result.stderr);
process.exitCode = result.code;
