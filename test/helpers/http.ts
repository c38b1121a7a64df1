// Real node:http servers on 127.0.0.1 and raw node:http requests to them, for the tests (not a
// test file itself: vitest runs `*.test.ts` only).

import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** Starts a server on an ephemeral port of 127.0.0.1; resolves with its origin. */
export async function listenOn(server: http.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** The servers `listen` started, until `closeServers` closes them. */
const servers: http.Server[] = [];

/**
 * A real server (or one for a listener) on an ephemeral port of 127.0.0.1: its origin. Closed by
 * `closeServers`, which the test file runs in `afterEach` or `afterAll`.
 */
export async function listen(target: http.Server | http.RequestListener): Promise<string> {
  const server = typeof target === 'function' ? http.createServer(target) : target;
  servers.push(server);
  return listenOn(server);
}

/** Closes every server `listen` started, with its open connections. */
export async function closeServers(): Promise<void> {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

export interface Reply {
  status: number;
  statusMessage: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  text: string;
  reusedSocket: boolean;
}

export interface RequestOptions {
  method?: string;
  headers?: http.OutgoingHttpHeaders;
  body?: string | Buffer;
  /** Written as chunks, without Content-Length (Transfer-Encoding: chunked). */
  chunks?: Buffer[];
  /** No agent (a connection of its own) unless given one, to control connection reuse. */
  agent?: http.Agent | false;
}

/** One request with node:http; resolves with the complete response, rejects if it broke. */
export function request(url: string, options: RequestOptions = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, {
      method: options.method ?? 'GET',
      headers: options.headers,
      agent: options.agent ?? false,
    });
    req.on('error', reject);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve({
          status: res.statusCode ?? 0,
          statusMessage: res.statusMessage ?? '',
          headers: res.headers,
          body,
          text: body.toString('utf8'),
          reusedSocket: req.reusedSocket,
        });
      });
    });
    if (options.chunks) {
      for (const chunk of options.chunks) req.write(chunk);
      req.end();
    } else {
      req.end(options.body);
    }
  });
}

/** The response headers without the ones node:http adds on its own. */
export function own(headers: http.IncomingHttpHeaders) {
  const { date: _date, connection: _connection, 'keep-alive': _keepAlive, ...rest } = headers;
  return rest;
}
