// Node 22: the built package on node:http twice, 127.0.0.1, ephemeral ports:
//   `READY node <origin>`  — `handle` of the node entry (dist/adapters/node.js);
//   `READY fetch <origin>` — the fetch entry's handler behind a minimal node:http bridge, as
//                            a runtime's own server would serve it.
import http from 'node:http';
import { handle } from '../../dist/adapters/node.js';
import { fetchHandler, routeOf } from './app.mjs';

const node = http.createServer(
  handle((req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (pathname === '/ok' || pathname === '/runtime') {
      res.setHeader('content-type', pathname === '/ok' ? 'text/plain' : 'application/json');
      res.end(pathname === '/ok' ? 'ok' : JSON.stringify({ runtime: navigator.userAgent }));
      return;
    }
    const route = routeOf(pathname);
    if (!route) throw new Error(`no route ${pathname}`);
    if (route.async) return Promise.reject(route.thrown);
    throw route.thrown;
  }),
);

const bridge = http.createServer(async (req, res) => {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    for (const v of Array.isArray(value) ? value : [value])
      if (v !== undefined) headers.append(name, v);
  }
  const request = new Request(`http://127.0.0.1${req.url}`, { method: req.method, headers });
  const response = await fetchHandler(request);
  const body = Buffer.from(await response.arrayBuffer());
  // Headers iterates Set-Cookie once per cookie; every other field comes joined, one entry.
  /** @type {Record<string, string | string[]>} */
  const fields = { 'content-length': String(body.length) };
  for (const [name, value] of response.headers) {
    if (name !== 'set-cookie') fields[name] = value;
  }
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) fields['set-cookie'] = cookies;
  res.writeHead(response.status, fields);
  res.end(body);
});

for (const [label, server] of [
  ['node', node],
  ['fetch', bridge],
]) {
  server.listen(0, '127.0.0.1', () => {
    console.log(`READY ${label} http://127.0.0.1:${server.address().port}`);
  });
}
