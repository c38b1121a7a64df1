#!/usr/bin/env node
// Keeps the code in the Markdown docs equal to the example files that the tests compile and
// run. A fenced block right after a marker line
//
//   <!-- example: examples/guides/forbidden.ts -->
//
// must hold exactly that file's content. `node scripts/sync-docs.mjs` lists the blocks that
// differ and exits 1; `--write` rewrites them from the files.

import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const MARKER = /^<!-- example: (\S+) -->$/;

/** The Markdown files that may include examples: README.md and everything under docs/. */
export function markdownFiles() {
  const files = [join(root, 'README.md')];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== 'api') walk(path);
      else if (entry.name.endsWith('.md')) files.push(path);
    }
  };
  walk(join(root, 'docs'));
  return files;
}

/**
 * Rewrites one Markdown text so that every marked block equals its file. Returns the new text,
 * the example paths it includes, and the problems found (a marker without a block after it, or
 * a missing file).
 */
export function syncText(text, readExample) {
  const lines = text.split('\n');
  const out = [];
  const examples = [];
  const problems = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    out.push(line);
    const match = MARKER.exec(line);
    if (!match) continue;
    const path = match[1];
    const fence = lines[i + 1] ?? '';
    if (!fence.startsWith('```')) {
      problems.push(`${path}: the marker must be followed by a fenced code block`);
      continue;
    }
    const end = lines.indexOf('```', i + 2);
    if (end === -1) {
      problems.push(`${path}: the code block is not closed`);
      continue;
    }
    let content;
    try {
      content = readExample(path).replace(/\n$/, '');
    } catch {
      problems.push(`${path}: no such example file`);
      continue;
    }
    examples.push(path);
    out.push(fence, ...content.split('\n'), '```');
    i = end;
  }
  return { text: out.join('\n'), examples, problems };
}

export function syncDocs({ write = false } = {}) {
  const readExample = (path) => readFileSync(join(root, path), 'utf8');
  const stale = [];
  const problems = [];
  const examples = [];
  for (const file of markdownFiles()) {
    const before = readFileSync(file, 'utf8');
    const result = syncText(before, readExample);
    const name = relative(root, file);
    problems.push(...result.problems.map((p) => `${name}: ${p}`));
    examples.push(...result.examples);
    if (result.text !== before) {
      stale.push(name);
      if (write) writeFileSync(file, result.text);
    }
  }
  return { stale, problems, examples };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const write = process.argv.includes('--write');
  const { stale, problems } = syncDocs({ write });
  for (const p of problems) console.error(p);
  if (!write && stale.length > 0) {
    console.error(`Code blocks differ from their example files in: ${stale.join(', ')}`);
    console.error('Run `npm run docs:sync` to copy the examples into the docs.');
  }
  process.exitCode = problems.length > 0 || (!write && stale.length > 0) ? 1 : 0;
}
