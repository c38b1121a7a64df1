import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { errorPlugin } from '../../src/adapters/fastify.js';

// Edges of the plugin on a real Fastify app (app.inject, Fastify's own request path); the
// integration matrix and the validation cases on a listening server are in
// test/integration/frameworks.test.ts.

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
});
