#!/usr/bin/env node
// Gives the CommonJS build its own declarations: copies each dist/**/*.d.ts that `tsc` wrote
// for the ESM build to dist/cjs/, where the package.json tsup wrote makes them CommonJS types.
// The bin (cli) has no CommonJS build, so none of its declarations are copied.
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

const dist = 'dist';
const cjs = join(dist, 'cjs');

for (const file of readdirSync(dist, { recursive: true, encoding: 'utf8' })) {
  const top = file.split(/[\\/]/)[0];
  if (!file.endsWith('.d.ts') || top === 'cjs' || top === 'cli' || top === 'cli.d.ts') continue;
  mkdirSync(dirname(join(cjs, file)), { recursive: true });
  copyFileSync(join(dist, file), join(cjs, file));
}
