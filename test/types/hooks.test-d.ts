import { describe, expectTypeOf, it } from 'vitest';
import { type ErrorHandlerOptions, errorHandler } from '../../src/adapters/express.js';
import {
  type HandleOptions as FetchHandleOptions,
  handle,
} from '../../src/adapters/fetch/index.js';
import type { HandleOptions } from '../../src/adapters/node.js';
import { type RenderOptions, renderError } from '../../src/index.js';

describe('what the hooks may be', () => {
  it('onError may be async, return anything, or be false (no default log)', () => {
    const render: RenderOptions = { onError: async () => {} };
    renderError(new Error('x'), { ...render, onError: false });
    const node: HandleOptions = { onError: (_error, _original, req) => req.url?.length };
    const express: ErrorHandlerOptions = { onError: false };
    errorHandler({ onError: async (error) => expectTypeOf(error.status).toBeNumber() });
    const fetch: FetchHandleOptions<Request> = { onError: false };
    handle(async () => new Response(null), fetch);
    expectTypeOf([node, express]).not.toBeNever();
    // @ts-expect-error: true is not a hook; only false turns the default log off.
    const wrong: HandleOptions = { onError: true };
    expectTypeOf(wrong).not.toBeNever();
  });

  it('instance and extensions must answer synchronously', () => {
    // @ts-expect-error: a promise of an instance is not an instance.
    const instance: HandleOptions = { instance: async () => '/x' };
    // @ts-expect-error: a promise of members is not members.
    const extensions: ErrorHandlerOptions = { extensions: async () => ({ traceId: 't' }) };
    expectTypeOf([instance, extensions]).not.toBeNever();
  });
});
