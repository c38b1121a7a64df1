// Hooks never break the response or the process: every adapter, on a real server, with each hook
// (onError, body, and the per-request instance/extensions functions) failing in each way a user's
// function can fail — a synchronous throw, an async rejection, a thenable whose `then` throws.
// The client gets the exact response it would get without the hook, and the process sees no
// unhandled rejection and no uncaught exception.

import type { IncomingMessage, ServerResponse } from 'node:http';
import express from 'express';
// @ts-expect-error: the Express 4 alias has no types of its own; it is used through Express 5's.
import express4Untyped from 'express4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorHandler, notFound } from '../../src/adapters/express.js';
import { handle as fetchHandle, toResponse } from '../../src/adapters/fetch/index.js';
import { handle as nodeHandle, sendError } from '../../src/adapters/node.js';
import { ForbiddenError } from '../../src/index.js';
import { closeServers, listen, request } from '../helpers/http.js';
import { fetchBridge } from './servers.js';

const express4 = express4Untyped as typeof express;

const KINDS = {
  'sync throw': () => {
    throw new Error('hook down');
  },
  'async rejection': async () => {
    throw new Error('hook down');
  },
  'thenable whose then throws': () => ({
    // biome-ignore lint/suspicious/noThenProperty: the point of the test is a hostile thenable.
    then() {
      throw new Error('hook down');
    },
  }),
} as const;

type Kind = keyof typeof KINDS;
type Hook = 'onError' | 'body' | 'instance' | 'extensions';

const FORBIDDEN = '{"type":"about:blank","title":"Forbidden","status":403,"detail":"No."}';
const NOT_FOUND = '{"type":"about:blank","title":"Not Found","status":404}';

/** The adapters, each with the hooks it accepts and the body the client must get. */
type Adapter = {
  name: string;
  hooks: readonly Hook[];
  body: string;
  /** A server whose every request is answered through the adapter with `options`. */
  serve(options: Record<string, unknown>): Promise<string>;
};

const thrower = () => {
  throw new ForbiddenError('No.');
};

const ALL: readonly Hook[] = ['onError', 'body', 'instance', 'extensions'];
const RENDER: readonly Hook[] = ['onError', 'body'];

const ADAPTERS: Adapter[] = [
  {
    name: 'node handle',
    hooks: ALL,
    body: FORBIDDEN,
    serve: (options) => listen(nodeHandle(thrower, options)),
  },
  {
    name: 'node sendError',
    hooks: RENDER,
    body: FORBIDDEN,
    serve: (options) =>
      listen((req: IncomingMessage, res: ServerResponse) =>
        sendError(res, new ForbiddenError('No.'), { req, ...options }),
      ),
  },
  ...[
    ['Express 4', express4],
    ['Express 5', express],
  ].flatMap(([name, ex]) => {
    const make = ex as typeof express;
    return [
      {
        name: `${name} errorHandler`,
        hooks: ALL,
        body: FORBIDDEN,
        serve: (options: Record<string, unknown>) => {
          const app = make();
          app.get('/', thrower);
          app.use(errorHandler(options));
          return listen(app);
        },
      },
      {
        name: `${name} notFound, errorHandler`,
        hooks: ALL,
        body: NOT_FOUND,
        serve: (options: Record<string, unknown>) => {
          const app = make();
          app.use(notFound());
          app.use(errorHandler(options));
          return listen(app);
        },
      },
    ];
  }),
  {
    name: 'fetch handle',
    hooks: ALL,
    body: FORBIDDEN,
    serve: (options) => listen(fetchBridge(fetchHandle(thrower, options))),
  },
  {
    name: 'fetch toResponse',
    hooks: RENDER,
    body: FORBIDDEN,
    serve: (options) =>
      listen(
        fetchBridge(async (request) =>
          toResponse(new ForbiddenError('No.'), { request, ...options }),
        ),
      ),
  },
];

let strays = 0;
const count = () => {
  strays++;
};

beforeAll(() => {
  process.on('unhandledRejection', count);
  process.on('uncaughtException', count);
});

afterAll(async () => {
  await closeServers();
  process.off('unhandledRejection', count);
  process.off('uncaughtException', count);
});

/** Lets pending rejections surface: a few macrotask turns. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe.each(ADAPTERS)('$name: a failing hook changes nothing', (adapter) => {
  const cases = adapter.hooks.flatMap((hook) =>
    (Object.keys(KINDS) as Kind[]).map((kind) => ({ hook, kind })),
  );

  it.each(cases)('$hook: $kind', async ({ hook, kind }) => {
    const before = strays;
    const origin = await adapter.serve({ [hook]: KINDS[kind] });
    const reply = await request(origin, { headers: { accept: 'application/json' } });
    expect(reply.status).toBe(adapter.body === FORBIDDEN ? 403 : 404);
    expect(reply.headers['content-type']).toBe('application/problem+json');
    expect(reply.text).toBe(adapter.body);
    await settle();
    expect(strays - before).toBe(0);
  });
});

describe('a listener that returns a thenable whose `then` fails', () => {
  const thenables = {
    'then throws': () => ({
      // biome-ignore lint/suspicious/noThenProperty: a hostile thenable on purpose.
      then() {
        throw new ForbiddenError('No.');
      },
    }),
    'then cannot be read': () => ({
      // biome-ignore lint/suspicious/noThenProperty: a hostile thenable on purpose.
      get then() {
        throw new ForbiddenError('No.');
      },
    }),
    'then rejects twice': () => ({
      // biome-ignore lint/suspicious/noThenProperty: a hostile thenable on purpose.
      then(_: unknown, reject: (err: unknown) => void) {
        reject(new ForbiddenError('No.'));
        reject(new Error('again'));
      },
    }),
  };

  it.each(Object.entries(thenables))('node handle: %s → the error response', async (_, make) => {
    const before = strays;
    const listener = make as unknown as () => Promise<void>;
    const origin = await listen(nodeHandle(listener));
    const reply = await request(origin);
    expect([reply.status, reply.text]).toEqual([403, FORBIDDEN]);
    await settle();
    expect(strays - before).toBe(0);
  });

  it.each(Object.entries(thenables))('fetch handle: %s → the error response', async (_, make) => {
    const before = strays;
    const handler = make as unknown as (request: Request) => Promise<Response>;
    const origin = await listen(fetchBridge(fetchHandle(handler)));
    const reply = await request(origin);
    expect([reply.status, reply.text]).toEqual([403, FORBIDDEN]);
    await settle();
    expect(strays - before).toBe(0);
  });
});
