// A careless API, written by hand with node:http: right about challenges, nosniff and caching,
// wrong in four ways that `http-error-kit check` finds (see docs/checking-an-api.md).
import http from 'node:http';

const TOKEN = 'user-token';

function renderPage(template: { title: string } | undefined): string {
  return `<h1>${(template as { title: string }).title}</h1>`;
}

export function carelessApi(): http.Server {
  return http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const send = (status: number, body: string, headers: Record<string, string> = {}) => {
      res.writeHead(status, {
        'content-type': 'application/json',
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-store',
        ...headers,
      });
      res.end(body);
    };
    const auth = req.headers.authorization;
    if (auth === undefined) {
      return send(401, '{"error":"unauthorized"}', { 'www-authenticate': 'Bearer realm="api"' });
    }
    if (auth !== `Bearer ${TOKEN}`) {
      return send(401, '{"error":"invalid token"}', {
        'www-authenticate': 'Bearer realm="api", error="invalid_token"',
      });
    }
    // Defect 1: a 405 without Allow.
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, '{"error":"not allowed"}');
    // Defect 2: 403 for a resource that exists, where a missing one gets 404.
    if (path === '/user-data/123') return send(403, '{"error":"forbidden"}');
    if (req.headers.accept === 'text/html') {
      try {
        return send(200, renderPage(undefined), { 'content-type': 'text/html' });
      } catch (err) {
        // Defect 3: the stack trace in a 500.
        const { message, stack } = err as Error;
        return send(500, JSON.stringify({ error: message, stack }));
      }
    }
    // Defect 4: an HTML body labelled JSON.
    return send(404, '<html><body><h1>Not Found</h1></body></html>');
  });
}
