// A short run of the fault-injecting soak (`npm run soak` runs it for 20 s with 50
// connections). It runs against the built package: `npm test` builds dist/ before vitest.

import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const soak = fileURLToPath(new URL('../scripts/soak.mjs', import.meta.url));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runSoak(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [soak, ...args],
      { cwd: root, timeout: 90_000 },
      (error, stdout, stderr) => {
        resolve({
          code: error ? (typeof error.code === 'number' ? error.code : null) : 0,
          stdout,
          stderr,
        });
      },
    );
  });
}

describe('soak (short)', () => {
  it('survives 3 s of faults on 8 connections: no crash, no leak, no socket left open', async () => {
    for (const file of ['dist/index.js', 'dist/adapters/node.js', 'dist/adapters/express.js']) {
      expect(existsSync(new URL(`../${file}`, import.meta.url)), `${file}: run npm run build`).toBe(
        true,
      );
    }
    const run = await runSoak(['--duration', '3', '--connections', '8']);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^soak: PASS \(\d+ requests, heap -?\d+\.\d%, 0 sockets open\)$/m);
    expect(run.stdout).toMatch(/^faults: 0 uncaughtException, 0 unhandledRejection/m);
    expect(run.stdout).toMatch(/^sockets: \d+ opened on the servers, 0 left open, 0 responses/m);
    expect(run.code).toBe(0);
    // Every kind of fault was exercised.
    const kinds = ['throw', 'async', 'onerror', 'onerror-async', 'upstream', 'head', 'abort'];
    for (const kind of [...kinds, 'partial', 'body-large']) {
      expect(run.stdout).toMatch(new RegExp(`^ {2}${kind} +[1-9]`, 'm'));
    }
  }, 120_000);

  it('refuses a bad argument with exit status 2', async () => {
    const run = await runSoak(['--duration', 'soon']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Usage: soak.mjs');
  });
});
