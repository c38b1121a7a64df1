import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { errorPlugin } from '../../src/adapters/fastify.js';
import { ForbiddenError } from '../../src/index.js';
import { fieldLinesOf, type RawResponse, rawExchange } from '../helpers/http.js';

// Edges of the plugin on a real Fastify app (app.inject, Fastify's own request path); the
// integration matrix and the validation cases on a listening server are in
// test/integration/frameworks.test.ts.

const SEED = 'You do not have permission to delete user data.';

const apps: FastifyInstance[] = [];
afterAll(async () => {
  for (const app of apps) await app.close();
});

async function app(): Promise<FastifyInstance> {
  const fastify = Fastify();
  apps.push(fastify);
  await fastify.register(errorPlugin, { extensions: undefined, onError: undefined });
  return fastify;
}

describe('errorPlugin', () => {
  it('marks itself as fastify-plugin does', () => {
    const meta = errorPlugin as unknown as Record<symbol, unknown>;
    expect(meta[Symbol.for('skip-override')]).toBe(true);
    expect(meta[Symbol.for('fastify.display-name')]).toBe('http-error-kit');
  });

  it('maps a validation error whose failures lack message and path as best it can', async () => {
    const fastify = await app();
    fastify.get('/q', async () => {
      throw Object.assign(new Error('querystring is not valid'), {
        statusCode: 400,
        validation: [{}, { instancePath: '/page', message: 'must be integer' }],
        validationContext: 'querystring',
      });
    });
    const res = await fastify.inject('/q');
    expect([res.statusCode, res.headers['content-type'], res.json()]).toEqual([
      400,
      'application/problem+json',
      {
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        detail: 'querystring is not valid',
        errors: [
          { detail: 'is not valid', parameter: '' },
          { detail: 'must be integer', parameter: 'page' },
        ],
      },
    ]);
  });

  it('answers null and undefined thrown as a redacted 500', async () => {
    const fastify = await app();
    fastify.get('/null', async () => {
      throw null;
    });
    const res = await fastify.inject('/null');
    expect([res.statusCode, res.body]).toEqual([
      500,
      '{"type":"about:blank","title":"Internal Server Error","status":500}',
    ]);
  });

  it('a request rewritten to HEAD in a hook gets its body: the next response stays in step (#15)', async () => {
    const fastify = await app();
    fastify.addHook('onRequest', async (request) => {
      if (request.raw.method === 'POST') request.raw.method = 'HEAD';
    });
    fastify.post('/', async (_request, reply) => {
      reply.header('Vary', 'Origin');
      throw new ForbiddenError(SEED);
    });

    const url = await fastify.listen({ port: 0, host: '127.0.0.1' });
    const raw =
      'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n' +
      'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n';
    const replies = (await rawExchange(url, raw, ['POST', 'POST'])) as RawResponse[];
    const body = `{"type":"about:blank","title":"Forbidden","status":403,"detail":"${SEED}"}`;
    expect(
      replies.map((r) => [
        r.statusLine,
        fieldLinesOf(r, 'content-length'),
        fieldLinesOf(r, 'vary'),
        r.body,
      ]),
    ).toEqual([
      ['HTTP/1.1 403 Forbidden', [String(body.length)], ['Origin, Accept'], body],
      ['HTTP/1.1 403 Forbidden', [String(body.length)], ['Origin, Accept'], body],
    ]);
  });

  it('drops the fields of the abandoned representation set before the error, keeps CORS', async () => {
    const fastify = await app();
    fastify.get('/report.csv', async (_request, reply) => {
      reply.header('ETag', '"v1"');
      reply.header('Last-Modified', new Date(0).toUTCString());
      reply.header('Content-Disposition', 'attachment; filename="report.csv"');
      reply.header('Content-Language', 'de');
      reply.header('Access-Control-Allow-Origin', '*');
      throw new ForbiddenError(SEED);
    });
    const url = await fastify.listen({ port: 0, host: '127.0.0.1' });
    const res = await fetch(`${url}/report.csv`);
    const {
      date: _d,
      connection: _c,
      'keep-alive': _k,
      ...fields
    } = Object.fromEntries(res.headers);
    const body = `{"type":"about:blank","title":"Forbidden","status":403,"detail":"${SEED}"}`;
    expect([res.status, fields, await res.text()]).toEqual([
      403,
      {
        'access-control-allow-origin': '*',
        'cache-control': 'no-store',
        'content-length': String(body.length),
        'content-type': 'application/problem+json',
        vary: 'Accept',
        'x-content-type-options': 'nosniff',
      },
      body,
    ]);
  });
});
