import { createServer } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { deleteUserData } from '../examples/adapters/client.js';
import { app as expressApp } from '../examples/adapters/express-app.js';
import { app as fetchApp } from '../examples/adapters/fetch-handler.js';
import { server as nodeServer } from '../examples/adapters/node-server.js';
import { closeServers, listen } from './helpers/http.js';
import { fetchBridge } from './integration/servers.js';

// The adapter examples shown in the README and docs/adapters.md, each on a real server on
// 127.0.0.1, checked with real fetch.

afterAll(closeServers);

describe('examples/adapters/express-app.ts', async () => {
  const url = await listen(createServer(expressApp));

  it('answers 401, 403, 204 and 404 as documented', async () => {
    const anonymous = await fetch(`${url}/user-data/123`, { method: 'DELETE' });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe('Bearer');
    expect(await anonymous.json()).toEqual({
      type: 'about:blank',
      title: 'Unauthorized',
      status: 401,
      detail: 'Sign in to delete user data.',
      instance: '/user-data/123',
    });
    const other = await fetch(`${url}/user-data/123`, {
      method: 'DELETE',
      headers: { authorization: 'Bearer user-456' },
    });
    expect(other.status).toBe(403);
    expect(await other.text()).toBe(
      '{"type":"about:blank","title":"Forbidden","status":403,"detail":"You do not have permission to delete user data.","instance":"/user-data/123"}',
    );
    const own = await fetch(`${url}/user-data/123`, {
      method: 'DELETE',
      headers: { authorization: 'Bearer user-123' },
    });
    expect(own.status).toBe(204);
    const missing = await fetch(`${url}/nowhere`);
    expect(missing.status).toBe(404);
    // notFound() hands its error to errorHandler, whose `instance` applies to it too.
    expect(await missing.json()).toEqual({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      instance: '/nowhere',
    });
  });

  it('is what examples/adapters/client.ts turns back into typed errors', async () => {
    expect(await deleteUserData(url, '123')).toBe('sign in first (Bearer)');
    expect(await deleteUserData(url, '123', 'user-456')).toBe(
      'not allowed: You do not have permission to delete user data.',
    );
    expect(await deleteUserData(url, '123', 'user-123')).toBe('deleted');
    await expect(deleteUserData('http://127.0.0.1:1', '1')).rejects.toThrow(TypeError);
  });
});

describe('examples/adapters/node-server.ts', async () => {
  const url = await listen(nodeServer);

  it('answers 405 with Allow, then 200 twice, then 429 with Retry-After', async () => {
    const post = await fetch(`${url}/search`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    expect((await fetch(`${url}/search`)).status).toBe(200);
    expect((await fetch(`${url}/search`)).status).toBe(200);
    const limited = await fetch(`${url}/search`);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('60');
    expect(await limited.json()).toEqual({
      type: 'about:blank',
      title: 'Too Many Requests',
      status: 429,
      detail: 'Two searches a minute.',
    });
    expect((await fetch(`${url}/elsewhere`)).status).toBe(404);
  });
});

describe('examples/adapters/fetch-handler.ts', async () => {
  const url = await listen(fetchBridge(fetchApp.fetch));

  it('answers 401, 403 (as HTML for a browser) and 200', async () => {
    const anonymous = await fetch(url);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe('Bearer');
    const user = await fetch(url, {
      headers: { authorization: 'Bearer user', accept: 'text/html,application/xhtml+xml;q=0.9' },
    });
    expect(user.status).toBe(403);
    expect(user.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await user.text()).toContain('The admin dashboard is for administrators.');
    const admin = await fetch(url, { headers: { authorization: 'Bearer admin' } });
    expect(admin.status).toBe(200);
    expect(await admin.json()).toEqual({ widgets: ['users', 'billing'] });
  });
});
