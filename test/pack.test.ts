import { execFile } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markdownLinks } from './helpers/markdown.js';

// The published package, as a consumer gets it: `npm pack`, installed from the tarball into an
// empty project (no registry needed: the package has no dependencies), then used as ESM, as
// CommonJS and from TypeScript under two module resolutions.
const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));
const tsc = join(root, 'node_modules/typescript/bin/tsc');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
let dir = '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hek-consumer-'));
  const { stdout } = await run(npm, ['pack', '--silent', '--pack-destination', dir], { cwd: root });
  const tarball = join(dir, stdout.trim().split('\n').pop() ?? '');
  const app = join(dir, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
  await run(npm, ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball], {
    cwd: app,
  });
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const app = () => join(dir, 'app');

/** The `CheckReport` interface docs/checking-an-api.md shows under "The JSON report". */
function documentedReport(): string {
  const page = readFileSync(join(root, 'docs/checking-an-api.md'), 'utf8');
  const section = page.slice(page.indexOf('## The JSON report'));
  const block = /```ts\n(interface CheckReport \{[\s\S]*?\n\})\n```/.exec(section);
  if (block === null) throw new Error('docs/checking-an-api.md: no CheckReport block');
  return block[1] as string;
}

/**
 * The same in both module systems: `checkEndpoint` of the packed `http-error-kit/check` audits a
 * real server built with the packed `http-error-kit/node` (a 401 with its challenge without
 * credentials, a 403 with them), as `audit(checkEndpoint, handle, classes)`, the classes from
 * the same module system.
 */
const AUDIT = `async function audit(checkEndpoint, handle, { ForbiddenError, UnauthorizedError }) {
  const { createServer } = await import('node:http');
  const server = createServer(handle((req) => {
    if (!req.headers.authorization) throw new UnauthorizedError();
    throw new ForbiddenError();
  }));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const report = await checkEndpoint('http://127.0.0.1:' + server.address().port + '/orders/42');
    const verdicts = Object.fromEntries(report.checks.map((c) => [c.id, c.verdict]));
    return [report.version, report.counts.fail, verdicts['www-authenticate'], verdicts.anonymous, verdicts['stack-trace']];
  } finally {
    server.close();
  }
}`;
/** What `audit` finds: report version 1, no failure, the 401's challenge and no stack trace. */
const AUDITED = [1, 0, 'pass', 'pass', 'pass'];

describe('the packed package', () => {
  it('ships dist, README, CHANGELOG, LICENSE and package.json only', () => {
    const files = readdirSync(join(app(), 'node_modules/http-error-kit')).sort();
    expect(files).toEqual(['CHANGELOG.md', 'LICENSE', 'README.md', 'dist', 'package.json']);
  });

  it('has a README whose every link is absolute or a file of the package', () => {
    const installed = join(app(), 'node_modules/http-error-kit');
    const links = markdownLinks(readFileSync(join(installed, 'README.md'), 'utf8'));
    expect(links.length).toBeGreaterThanOrEqual(10);
    const dead = links.filter(
      (link) =>
        !/^https:\/\//.test(link) &&
        !link.startsWith('#') &&
        !existsSync(join(installed, link.replace(/#.*/, ''))),
    );
    expect(dead).toEqual([]);
  });

  it('works as ESM from every entry point, sharing one copy of the classes', async () => {
    writeFileSync(
      join(app(), 'esm.mjs'),
      `import { ForbiddenError, renderError, isHttpError, UnauthorizedError } from 'http-error-kit';
import * as node from 'http-error-kit/node';
import * as express from 'http-error-kit/express';
import * as fetchAdapter from 'http-error-kit/fetch';
import * as next from 'http-error-kit/next';
import * as hono from 'http-error-kit/hono';
import * as koa from 'http-error-kit/koa';
import * as fastify from 'http-error-kit/fastify';
import * as nest from 'http-error-kit/nest';
import { checkEndpoint } from 'http-error-kit/check';
${AUDIT}
const r = renderError(new ForbiddenError('No.'));
const err = await fetchAdapter.fromResponse(new Response('', { status: 403 }));
console.log(JSON.stringify([r.status, r.body, isHttpError(new ForbiddenError()),
  err instanceof ForbiddenError, typeof node.sendError, typeof express.errorHandler,
  typeof next.handle, typeof hono.onError, typeof koa.errorMiddleware, typeof fastify.errorPlugin,
  typeof nest.ProblemFilter,
  await audit(checkEndpoint, node.handle, { ForbiddenError, UnauthorizedError })]));
`,
    );
    const { stdout } = await run(process.execPath, ['esm.mjs'], { cwd: app() });
    expect(JSON.parse(stdout)).toEqual([
      403,
      '{"type":"about:blank","title":"Forbidden","status":403,"detail":"No."}',
      true,
      true,
      'function',
      'function',
      'function',
      'function',
      'function',
      'function',
      'function',
      AUDITED,
    ]);
  });

  it('works as CommonJS from every entry point, sharing one copy of the classes', async () => {
    writeFileSync(
      join(app(), 'cjs.cjs'),
      `const kit = require('http-error-kit');
const node = require('http-error-kit/node');
const express = require('http-error-kit/express');
const fetchAdapter = require('http-error-kit/fetch');
const next = require('http-error-kit/next');
const hono = require('http-error-kit/hono');
const koa = require('http-error-kit/koa');
const fastify = require('http-error-kit/fastify');
const nest = require('http-error-kit/nest');
const { checkEndpoint } = require('http-error-kit/check');
${AUDIT}
const r = kit.renderError(new kit.UnauthorizedError());
fetchAdapter.fromResponse(new Response('', { status: 403 })).then(async (err) => {
  console.log(JSON.stringify([r.status, r.headers['www-authenticate'], err instanceof kit.ForbiddenError,
    typeof node.handle, typeof express.notFound, typeof next.isNextSignal,
    typeof hono.notFound, typeof koa.errorMiddleware, typeof fastify.errorPlugin,
    typeof nest.ProblemFilter,
    await audit(checkEndpoint, node.handle, kit)]));
});
`,
    );
    const { stdout } = await run(process.execPath, ['cjs.cjs'], { cwd: app() });
    expect(JSON.parse(stdout)).toEqual([
      401,
      'Bearer',
      true,
      'function',
      'function',
      'function',
      'function',
      'function',
      'function',
      'function',
      AUDITED,
    ]);
  });

  it('runs its bin', async () => {
    const { stdout } = await run(
      process.execPath,
      ['node_modules/http-error-kit/dist/cli.js', '401'],
      {
        cwd: app(),
      },
    );
    expect(stdout.split('\n')[0]).toBe('401 Unauthorized');
  });

  it.each([
    ['node16', 'node16'],
    ['bundler', 'esnext'],
  ])(
    'type-checks a TypeScript consumer with moduleResolution %s',
    async (resolution, module) => {
      const project = join(app(), `ts-${resolution}`);
      mkdirSync(project, { recursive: true });
      writeFileSync(
        join(project, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: {
            module,
            moduleResolution: resolution,
            target: 'es2022',
            strict: true,
            noEmit: true,
            lib: ['es2022', 'dom'],
            types: ['node'],
            typeRoots: [join(root, 'node_modules/@types')],
          },
          include: ['*.mts'],
        }),
      );
      writeFileSync(
        join(project, 'consumer.mts'),
        `import { createHttpError, ForbiddenError, type ProblemDetails, renderError, statusInfo, STATUS } from 'http-error-kit';
import { handle, sendError } from 'http-error-kit/node';
import { errorHandler, notFound } from 'http-error-kit/express';
import { ensureOk, fromResponse, toResponse } from 'http-error-kit/fetch';
import { type CheckReport, checkEndpoint } from 'http-error-kit/check';

const notFoundError = createHttpError(404);
const status: 404 = notFoundError.status;
const forbidden: 403 = STATUS.FORBIDDEN;
const problem: ProblemDetails = JSON.parse(renderError(new ForbiddenError()).body);
const info = statusInfo(401);
const audit = (): Promise<CheckReport> => checkEndpoint('http://127.0.0.1:1/', { token: 'abc' });
export const used = [status, forbidden, problem, info, handle, sendError, errorHandler, notFound,
  ensureOk, fromResponse, toResponse, audit];
// @ts-expect-error -- 405 needs allow
createHttpError(405);
`,
      );
      // The shape docs/checking-an-api.md documents for `--json` is the exported CheckReport.
      writeFileSync(
        join(project, 'documented.mts'),
        `import type { CheckReport } from 'http-error-kit/check';
${documentedReport().replace('interface CheckReport', 'interface DocumentedReport')}
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const same: Same<CheckReport, DocumentedReport> = true;
`,
      );
      const result = await run(process.execPath, [tsc, '-p', project]).catch(
        (e: { stdout: string }) => e,
      );
      expect((result as { stdout: string }).stdout).toBe('');
    },
    60_000,
  );

  it('type-checks every subpath under moduleResolution node10 and module commonjs (the Nest CLI tsconfig)', async () => {
    const project = join(app(), 'ts-node10');
    mkdirSync(project, { recursive: true });
    // What `nest new` writes, less the output options: node10 resolution reads no `exports`,
    // so the subpaths resolve through `typesVersions`. The frameworks' own types are not
    // installed here; skipLibCheck (also Nest's default) leaves their imports in our .d.ts be.
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'commonjs',
          moduleResolution: 'node',
          target: 'es2021',
          declaration: true,
          experimentalDecorators: true,
          emitDecoratorMetadata: true,
          strict: true,
          skipLibCheck: true,
          noEmit: true,
          lib: ['es2022', 'dom'],
          types: ['node'],
          typeRoots: [join(root, 'node_modules/@types')],
        },
        include: ['*.ts'],
      }),
    );
    writeFileSync(
      join(project, 'consumer.ts'),
      `import { createHttpError, ForbiddenError, renderError } from 'http-error-kit';
import { handle, sendError } from 'http-error-kit/node';
import { errorHandler, notFound } from 'http-error-kit/express';
import { ensureOk, toResponse } from 'http-error-kit/fetch';
import { handle as nextHandle } from 'http-error-kit/next';
import { onError, validationHook } from 'http-error-kit/hono';
import { errorMiddleware } from 'http-error-kit/koa';
import { errorPlugin } from 'http-error-kit/fastify';
import { ProblemFilter } from 'http-error-kit/nest';
import { checkEndpoint } from 'http-error-kit/check';

const status: 404 = createHttpError(404).status;
const body: string = renderError(new ForbiddenError()).body;
const filter = new ProblemFilter({ traceId: true, debug: undefined });
export const used = [status, body, handle, sendError, errorHandler, notFound, ensureOk, toResponse,
  nextHandle, onError, validationHook, errorMiddleware, errorPlugin, filter, checkEndpoint];
// @ts-expect-error -- a subpath that does not exist stays an error
import('http-error-kit/nowhere');
`,
    );
    const result = await run(process.execPath, [tsc, '-p', project]).catch(
      (e: { stdout: string }) => e,
    );
    expect((result as { stdout: string }).stdout).toBe('');
  }, 60_000);
});
