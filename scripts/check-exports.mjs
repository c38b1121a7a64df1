#!/usr/bin/env node
// Checks that every file package.json points at (exports, main, module, types, bin) exists
// after `npm run build`. Prints the missing ones and exits 1.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Every file path package.json names, with where it is named. */
export function packagePaths(pkg) {
  const found = [];
  const visit = (value, where) => {
    if (typeof value === 'string') found.push([where, value]);
    else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) visit(inner, `${where}.${key}`);
    }
  };
  for (const field of ['exports', 'main', 'module', 'types', 'bin']) visit(pkg[field], field);
  return found;
}

export function missingPaths(dir = root) {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  return packagePaths(pkg).filter(([, path]) => !existsSync(join(dir, path)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const missing = missingPaths();
  for (const [where, path] of missing) console.error(`${where}: ${path} does not exist`);
  process.exitCode = missing.length > 0 ? 1 : 0;
}
