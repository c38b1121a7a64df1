// Real node:http servers on 127.0.0.1 and raw node:http requests to them, for the tests (not a
// test file itself: vitest runs `*.test.ts` only).

import http from 'node:http';
import net, { type AddressInfo } from 'node:net';

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

/** One response as it was on the wire. */
export interface RawResponse {
  /** The status line, e.g. `HTTP/1.1 401 Unauthorized`. */
  statusLine: string;
  /** Every field line in order, names lower-cased, values as sent. */
  fields: [string, string][];
  body: string;
}

/**
 * Writes `raw` (one or more requests, as bytes) on one new connection to `origin` and reads
 * `methods.length` responses off the socket with nothing but `Content-Length` framing, the
 * request methods telling which responses have no body (HEAD). What node:http's client would
 * hide is seen here: each field line on its own, and a body that is not where the framing says.
 * Rejects when the connection ends before every response was read, or bytes are left over.
 */
export function rawExchange(
  origin: string,
  raw: string,
  methods: string[],
): Promise<RawResponse[]> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname);
    let buffer = Buffer.alloc(0);
    const responses: RawResponse[] = [];
    const parse = (): boolean => {
      while (responses.length < methods.length) {
        const end = buffer.indexOf('\r\n\r\n');
        if (end < 0) return false;
        const [statusLine = '', ...lines] = buffer
          .subarray(0, end)
          .toString('latin1')
          .split('\r\n');
        const fields = lines.map((line): [string, string] => {
          const colon = line.indexOf(':');
          return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()];
        });
        const length = fields.find(([name]) => name === 'content-length')?.[1];
        const size = methods[responses.length] === 'HEAD' ? 0 : Number(length ?? 0);
        if (buffer.length < end + 4 + size) return false;
        const body = buffer.subarray(end + 4, end + 4 + size).toString('utf8');
        buffer = buffer.subarray(end + 4 + size);
        responses.push({ statusLine, fields, body });
      }
      return true;
    };
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      if (parse()) {
        socket.destroy();
        if (buffer.length > 0) reject(new Error(`bytes left over: ${buffer.toString('latin1')}`));
        else resolve(responses);
      }
    });
    socket.on('error', reject);
    socket.on('close', () =>
      reject(
        new Error(`connection closed after ${responses.length} of ${methods.length} responses`),
      ),
    );
    socket.write(raw);
  });
}

/** The values of every field line named `name` (lower-case) of a raw response, in order. */
export function fieldLinesOf(response: RawResponse, name: string): string[] {
  return response.fields.filter(([field]) => field === name).map(([, value]) => value);
}
