import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  type HandleOptions,
  handle,
  type SendErrorOptions,
  sendError,
} from '../../src/adapters/node.js';
import {
  ForbiddenError,
  type HttpError,
  InternalServerError,
  UnauthorizedError,
} from '../../src/index.js';
import { HTML_CSP } from '../../src/render/html.js';
import {
  closeServers,
  fieldLinesOf,
  listen,
  own,
  type RawResponse,
  rawExchange,
  request,
} from '../helpers/http.js';

const SEED = 'You do not have permission to delete user data.';
const SEED_BODY = `{"type":"about:blank","title":"Forbidden","status":403,"detail":"${SEED}"}`;
const ERROR_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  vary: 'Accept',
};

afterEach(closeServers);

describe('handle', () => {
  it('answers a thrown ForbiddenError with exact problem+json', async () => {
    const url = await listen(
      handle(() => {
        throw new ForbiddenError(SEED);
      }),
    );
    const r = await request(url, { headers: { accept: 'application/json' } });
    expect(r.status).toBe(403);
    expect(r.statusMessage).toBe('Forbidden');
    expect(r.headers).toEqual({
      ...ERROR_HEADERS,
      'content-type': 'application/problem+json',
      'content-length': String(Buffer.byteLength(SEED_BODY)),
      connection: 'close',
      date: r.headers.date,
    });
    expect(r.text).toBe(SEED_BODY);
  });

  it('answers text/html with an escaped HTML page', async () => {
    const url = await listen(
      handle(() => {
        throw new ForbiddenError('<b>no</b> & never');
      }),
    );
    const r = await request(url, { headers: { accept: 'text/html' } });
    expect(r.status).toBe(403);
    expect(own(r.headers)).toEqual({
      ...ERROR_HEADERS,
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': HTML_CSP,
      'content-length': String(r.body.length),
    });
    expect(r.text).toMatch(/^<!DOCTYPE html>/i);
    expect(r.text).toContain('403');
    expect(r.text).toContain('&lt;b&gt;no&lt;/b&gt; &amp; never');
    expect(r.text).not.toContain('<b>');
  });

  it('adds the default Bearer challenge to a 401 that has none', async () => {
    const url = await listen(
      handle(() => {
        throw new UnauthorizedError();
      }),
    );
    const r = await request(url);
    expect(r.status).toBe(401);
    expect(r.statusMessage).toBe('Unauthorized');
    expect(own(r.headers)).toEqual({
      ...ERROR_HEADERS,
      'www-authenticate': 'Bearer',
      'content-type': 'application/problem+json',
      'content-length': String(r.body.length),
    });
    expect(JSON.parse(r.text)).toEqual({ type: 'about:blank', title: 'Unauthorized', status: 401 });
  });

  it('answers a rejected promise', async () => {
    const url = await listen(
      handle(async () => {
        await Promise.resolve();
        throw new ForbiddenError(SEED);
      }),
    );
    const r = await request(url);
    expect(r.status).toBe(403);
    expect(r.text).toBe(SEED_BODY);
  });

  it('answers a sync throw', async () => {
    const url = await listen(
      handle((req, res) => {
        if (req.url === '/throw') throw new ForbiddenError(SEED);
        res.end('fine');
      }),
    );
    expect((await request(`${url}/throw`)).text).toBe(SEED_BODY);
    const ok = await request(`${url}/ok`);
    expect(ok.status).toBe(200);
    expect(ok.text).toBe('fine');
  });

  it('leaves a listener whose promise resolves alone', async () => {
    const url = await listen(
      handle(async (_req, res) => {
        await Promise.resolve();
        res.end('fine');
      }),
    );
    const ok = await request(url);
    expect(ok.status).toBe(200);
    expect(ok.text).toBe('fine');
  });

  it('redacts an unknown error to a bare 500', async () => {
    const onError = vi.fn();
    const url = await listen(
      handle(
        () => {
          throw new Error('db password=x');
        },
        { onError },
      ),
    );
    const r = await request(`${url}/orders/42`, { method: 'DELETE' });
    expect(r.status).toBe(500);
    expect(r.statusMessage).toBe('Internal Server Error');
    expect(r.text).toBe('{"type":"about:blank","title":"Internal Server Error","status":500}');
    expect(r.text).not.toMatch(/password|db|x"/);
    expect(onError).toHaveBeenCalledOnce();
    const [error, original, req] = onError.mock.calls[0] as [HttpError, Error, IncomingMessage];
    expect(error).toBeInstanceOf(InternalServerError);
    expect(original.message).toBe('db password=x');
    expect([req.method, req.url]).toEqual(['DELETE', '/orders/42']);
  });

  it('sends the byte length of a non-ASCII body as Content-Length', async () => {
    const detail = 'Zugriff verweigert — 禁止 🚫 ünïcödé';
    const url = await listen(
      handle(() => {
        throw new ForbiddenError(detail);
      }),
    );
    const r = await request(url);
    expect(Number(r.headers['content-length'])).toBe(r.body.length);
    expect(r.body.length).toBeGreaterThan(r.text.length);
    expect(JSON.parse(r.text).detail).toBe(detail);
  });

  it('answers HEAD with the headers of a GET and no body', async () => {
    const url = await listen(
      handle(() => {
        throw new ForbiddenError('Ä non-ASCII detail 禁止');
      }),
    );
    const get = await request(url);
    const head = await request(url, { method: 'HEAD' });
    expect(head.status).toBe(403);
    expect(head.body.length).toBe(0);
    expect(get.body.length).toBeGreaterThan(0);
    expect(head.headers['content-length']).toBe(String(get.body.length));
    expect(own(head.headers)).toEqual(own(get.headers));
  });

  it('removes representation headers set before the throw and keeps the others', async () => {
    const url = await listen(
      handle((_req, res) => {
        res.setHeader('Content-Type', 'text/html');
        res.setHeader('Content-Length', '12345');
        res.setHeader('Content-Language', 'de');
        res.setHeader('Content-Disposition', 'attachment; filename="report.pdf"');
        res.setHeader('ETag', '"abc"');
        res.setHeader('Last-Modified', 'Wed, 21 Oct 2015 07:28:00 GMT');
        res.setHeader('Access-Control-Allow-Origin', 'https://app.example');
        res.setHeader('Content-Security-Policy', "default-src 'none'");
        res.setHeader('Vary', 'Origin');
        res.setHeader('Cache-Control', 'public, max-age=3600');
        throw new ForbiddenError(SEED);
      }),
    );
    const r = await request(url);
    expect(r.status).toBe(403);
    expect(own(r.headers)).toEqual({
      ...ERROR_HEADERS,
      'content-type': 'application/problem+json',
      'content-length': String(Buffer.byteLength(SEED_BODY)),
      'access-control-allow-origin': 'https://app.example',
      'content-security-policy': "default-src 'none'",
      // The Vary set before, merged with the renderer's.
      vary: 'Origin, Accept',
    });
    expect(r.text).toBe(SEED_BODY);
  });

  it.each([
    ['flushed', true],
    ['still buffered', false],
  ])(
    'destroys a response whose headers were sent (%s) instead of writing a second one',
    async (_name, flush) => {
      const onError = vi.fn();
      let end: ReturnType<typeof vi.spyOn> | undefined;
      let writeHead: ReturnType<typeof vi.spyOn> | undefined;
      const url = await listen(
        handle(
          async (_req, res) => {
            res.writeHead(200, { 'content-type': 'text/plain' });
            res.write('partial ');
            if (flush) await new Promise((resolve) => setTimeout(resolve, 20));
            end = vi.spyOn(res, 'end');
            writeHead = vi.spyOn(res, 'writeHead');
            throw new ForbiddenError(SEED);
          },
          {
            onError: (...args) => {
              onError(...args);
              throw new Error('the reporter fails too');
            },
          },
        ),
      );
      // The client sees a failed response: the body read rejects, or the request itself when
      // nothing was flushed yet.
      const failed = fetch(url).then((res) => {
        expect(res.status).toBe(200);
        return res.text();
      });
      await expect(failed).rejects.toThrow();
      expect(onError).toHaveBeenCalledOnce();
      expect(onError).toHaveBeenCalledWith(
        expect.objectContaining({ status: 403 }),
        expect.objectContaining({ status: 403 }),
        expect.objectContaining({ method: 'GET', url: '/' }),
      );
      expect(end).not.toHaveBeenCalled();
      expect(writeHead).not.toHaveBeenCalled();
    },
  );

  it('does nothing after the response ended, and the connection stays usable', async () => {
    const onError = vi.fn();
    const url = await listen(
      handle(
        (req, res) => {
          res.end(`ok ${req.url}`);
          if (req.url === '/first') throw new ForbiddenError(SEED);
        },
        { onError },
      ),
    );
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await request(`${url}/first`, { agent });
      expect(first.status).toBe(200);
      expect(first.text).toBe('ok /first');
      expect(first.headers.connection).toBe('keep-alive');
      const second = await request(`${url}/second`, { agent });
      expect(second.text).toBe('ok /second');
      expect(second.reusedSocket).toBe(true);
    } finally {
      agent.destroy();
    }
    expect(onError).toHaveBeenCalledOnce();
    expect(onError).toHaveBeenCalledWith(
      expect.objectContaining({ status: 403 }),
      expect.objectContaining({ status: 403 }),
      expect.objectContaining({ url: '/first' }),
    );
  });

  it('keeps the connection of a bodiless request that failed', async () => {
    const url = await listen(
      handle(() => {
        throw new ForbiddenError(SEED);
      }),
    );
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await request(url, { agent });
      expect(first.headers.connection).toBe('keep-alive');
      const second = await request(url, { agent });
      expect(second.status).toBe(403);
      expect(second.reusedSocket).toBe(true);
    } finally {
      agent.destroy();
    }
  });

  it('answers normally when onError throws', async () => {
    const url = await listen(
      handle(
        () => {
          throw new ForbiddenError(SEED);
        },
        {
          onError: () => {
            throw new Error('logger down');
          },
        },
      ),
    );
    const r = await request(url);
    expect(r.status).toBe(403);
    expect(r.text).toBe(SEED_BODY);
  });

  it('computes instance and extensions from the request', async () => {
    const url = await listen(
      handle(
        () => {
          throw new InternalServerError('secret');
        },
        {
          instance: (req) => req.url,
          extensions: (req) => ({ traceId: req.headers['x-trace-id'] }),
        },
      ),
    );
    const r = await request(`${url}/orders/42?x=1`, { headers: { 'x-trace-id': 'abc-123' } });
    expect(JSON.parse(r.text)).toEqual({
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
      instance: '/orders/42?x=1',
      traceId: 'abc-123',
    });
  });

  it.each<[string, HandleOptions]>([
    [
      'throwing functions',
      {
        instance: () => {
          throw new Error('no instance');
        },
        extensions: () => {
          throw new Error('no extensions');
        },
      },
    ],
    ['functions returning nothing', { instance: () => undefined, extensions: () => undefined }],
    [
      'functions returning the wrong type',
      { instance: () => 42 as never, extensions: () => 'x' as never },
    ],
  ])('treats %s as absent', async (_name, options) => {
    const url = await listen(
      handle(() => {
        throw new ForbiddenError(SEED);
      }, options),
    );
    const r = await request(url);
    expect(r.status).toBe(403);
    expect(r.text).toBe(SEED_BODY);
  });

  it('takes constant instance, extensions and the other render options', async () => {
    const url = await listen(
      handle(
        () => {
          throw new ForbiddenError(SEED);
        },
        {
          instance: '/fixed',
          extensions: { traceId: 't' },
          body: (p) => ({ error: p.detail, at: p.instance, traceId: p.traceId }),
        },
      ),
    );
    const r = await request(url);
    expect(r.headers['content-type']).toBe('application/json');
    expect(JSON.parse(r.text)).toEqual({ error: SEED, at: '/fixed', traceId: 't' });
  });
});

describe('handle: unread request bodies', () => {
  const MB = Buffer.alloc(1_000_000, 'a');

  /** A server that fails before reading the body; records the socket of every request. */
  async function failing(options?: HandleOptions) {
    const ports: number[] = [];
    const url = await listen(
      handle((req) => {
        ports.push(req.socket.remotePort ?? 0);
        if (req.method === 'POST') throw new ForbiddenError(SEED);
        throw new UnauthorizedError();
      }, options),
    );
    return { url, ports };
  }

  it('drains a body under drainLimit and reuses the keep-alive connection', async () => {
    const { url, ports } = await failing();
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await request(url, { method: 'POST', body: MB, agent });
      expect(first.status).toBe(403);
      expect(first.text).toBe(SEED_BODY);
      expect(first.headers.connection).toBe('keep-alive');
      const second = await request(url, { agent });
      expect(second.status).toBe(401);
      expect(second.reusedSocket).toBe(true);
      expect(ports[1]).toBe(ports[0]);
    } finally {
      agent.destroy();
    }
  });

  it('closes the connection for a body over drainLimit; the next request still succeeds', async () => {
    const { url, ports } = await failing({ drainLimit: 1000 });
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await request(url, { method: 'POST', body: MB, agent });
      expect(first.status).toBe(403);
      expect(first.headers.connection).toBe('close');
      expect(first.text).toBe(SEED_BODY);
      const second = await request(url, { agent });
      expect(second.status).toBe(401);
      expect(second.reusedSocket).toBe(false);
      expect(ports[1]).not.toBe(ports[0]);
    } finally {
      agent.destroy();
    }
  });

  it('closes the connection for a chunked body of unknown length', async () => {
    const { url } = await failing();
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await request(url, { method: 'POST', chunks: [MB, MB], agent });
      expect(first.status).toBe(403);
      expect(first.headers['transfer-encoding']).toBeUndefined();
      expect(first.headers.connection).toBe('close');
      const second = await request(url, { agent });
      expect(second.status).toBe(401);
    } finally {
      agent.destroy();
    }
  });

  it('keeps the connection when the listener read the body before failing', async () => {
    const url = await listen(
      handle(async (req) => {
        for await (const _ of req) {
          // read it all
        }
        throw new ForbiddenError(SEED);
      }),
    );
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await request(url, { method: 'POST', body: MB, agent });
      expect(first.status).toBe(403);
      expect(first.headers.connection).toBe('keep-alive');
      expect((await request(url, { agent })).reusedSocket).toBe(true);
    } finally {
      agent.destroy();
    }
  });
});

describe('sendError', () => {
  /** A server whose listener calls sendError with the given options. */
  async function sending(err: unknown, options: (req: IncomingMessage) => SendErrorOptions) {
    return listen((req, res) => sendError(res, err, options(req)));
  }

  it('reads accept and method from res.req when no request is given', async () => {
    const url = await listen((_req, res) => sendError(res, new ForbiddenError(SEED)));
    const r = await request(url, { headers: { accept: 'text/plain' } });
    expect(r.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(r.text).toContain(SEED);
    const head = await request(url, { method: 'HEAD' });
    expect(head.body.length).toBe(0);
    expect(head.headers['content-length']).toBe(String(Buffer.byteLength(SEED_BODY)));
  });

  it('prefers options.accept over the request', async () => {
    const url = await sending(new ForbiddenError(SEED), (req) => ({
      req,
      accept: 'application/problem+xml',
    }));
    const r = await request(url, { headers: { accept: 'text/html' } });
    expect(r.headers['content-type']).toBe('application/problem+xml');
    expect(r.text).toContain('<detail>You do not have permission to delete user data.</detail>');
  });

  it('hands the body to node:http, which leaves it out for a HEAD on the wire (#15)', async () => {
    const ends: unknown[][] = [];
    const url = await listen((_req, res) => {
      (res as { req?: IncomingMessage | undefined }).req = undefined;
      const end = res.end.bind(res);
      res.end = ((...args: unknown[]) => {
        ends.push(args);
        return (end as (...a: unknown[]) => ServerResponse)(...args);
      }) as ServerResponse['end'];
      // `method` is not what decides: the request as it arrived is.
      sendError(res, new ForbiddenError(SEED), { method: 'GET' });
    });
    // A HEAD, then a GET on the same connection: the HEAD's answer has no body bytes.
    const raw = 'HEAD / HTTP/1.1\r\nHost: x\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n';
    const [head, get] = (await rawExchange(url, raw, ['HEAD', 'GET'])) as RawResponse[];
    const length = String(Buffer.byteLength(SEED_BODY));
    expect(fieldLinesOf(head as RawResponse, 'content-length')).toStrictEqual([length]);
    expect(head?.body).toBe('');
    expect(get?.body).toBe(SEED_BODY);
    expect(ends).toEqual([[SEED_BODY], [SEED_BODY]]);
  });

  it('lets options.accept null mean "no Accept"', async () => {
    const url = await sending(new ForbiddenError(SEED), (req) => ({ req, accept: null }));
    const r = await request(url, { headers: { accept: 'text/html' } });
    expect(r.headers['content-type']).toBe('application/problem+json');
  });

  it('works without any request at all', async () => {
    const url = await listen((_req, res) => {
      (res as { req?: IncomingMessage | undefined }).req = undefined;
      sendError(res, new ForbiddenError(SEED), { req: undefined });
    });
    const r = await request(url, { headers: { accept: 'text/html' } });
    expect(r.status).toBe(403);
    expect(r.text).toBe(SEED_BODY);
  });

  it('reports an error on an ended response without touching it', async () => {
    const onError = vi.fn();
    const url = await listen((_req, res) => {
      res.end('done');
      sendError(res, 'late', { onError });
      sendError(res, 'late again');
    });
    const r = await request(url);
    expect(r.status).toBe(200);
    expect(r.text).toBe('done');
    expect(onError).toHaveBeenCalledWith(expect.any(InternalServerError), 'late');
  });

  it('breaks the response when writing it fails, and never throws', async () => {
    let thrown: unknown = 'nothing';
    const url = await listen((_req, res: ServerResponse) => {
      const destroy = res.destroy.bind(res);
      res.writeHead = () => {
        throw new Error('refused');
      };
      res.destroy = () => {
        destroy();
        throw new Error('refused too');
      };
      try {
        sendError(res, new ForbiddenError(SEED));
      } catch (err) {
        thrown = err;
      }
    });
    await expect(request(url)).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect(thrown).toBe('nothing');
  });
});

// Cases found by mutation testing (`npm run mutation`): each one fails under a mutant that
// the tests above let survive.
describe('sendError: edges found by mutation testing', () => {
  it('drains a body exactly as long as drainLimit and keeps the connection', async () => {
    const url = await listen(
      handle(
        () => {
          throw new ForbiddenError(SEED);
        },
        { drainLimit: 1000 },
      ),
    );
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const r = await request(url, { method: 'POST', body: Buffer.alloc(1000, 'a'), agent });
      expect(r.status).toBe(403);
      expect(r.headers.connection).toBe('keep-alive');
    } finally {
      agent.destroy();
    }
  });

  it('removes a Transfer-Encoding set before the error', async () => {
    const url = await listen((_req, res) => {
      res.setHeader('Transfer-Encoding', 'chunked');
      sendError(res, new ForbiddenError(SEED));
    });
    const r = await request(url);
    expect(r.status).toBe(403);
    expect(r.headers['transfer-encoding']).toBeUndefined();
    expect(r.headers['content-length']).toBe(String(Buffer.byteLength(SEED_BODY)));
    expect(r.text).toBe(SEED_BODY);
  });

  it('leaves a response that has ended alone when called without options', async () => {
    const url = await listen((_req, res) => {
      res.end('done');
      sendError(res, new ForbiddenError(SEED));
    });
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await request(url, { agent });
      expect(first.text).toBe('done');
      const second = await request(url, { agent });
      expect(second.text).toBe('done');
      expect(second.reusedSocket).toBe(true);
    } finally {
      agent.destroy();
    }
  });
});

describe('field lines on the wire (#15, #18)', () => {
  const CHALLENGES = [
    { scheme: 'DPoP', params: { algs: 'ES256 PS256' } },
    { scheme: 'Bearer', params: { realm: 'api' } },
  ];
  const COOKIES = ['session=; Max-Age=0; Path=/; HttpOnly', 'csrf=; Max-Age=0; Path=/'];

  it('sends each challenge and each cookie as its own field line (raw socket read)', async () => {
    const url = await listen(
      handle(() => {
        throw new UnauthorizedError({ challenge: CHALLENGES, headers: { 'Set-Cookie': COOKIES } });
      }),
    );
    const [r] = await rawExchange(url, 'GET / HTTP/1.1\r\nHost: x\r\n\r\n', ['GET']);
    expect(r?.statusLine).toBe('HTTP/1.1 401 Unauthorized');
    expect(fieldLinesOf(r as RawResponse, 'www-authenticate')).toStrictEqual([
      'DPoP algs="ES256 PS256"',
      'Bearer realm="api"',
    ]);
    expect(fieldLinesOf(r as RawResponse, 'set-cookie')).toStrictEqual(COOKIES);
  });

  it('sends the challenges of the challenge option one per line, with sendError', async () => {
    const url = await listen((req, res) =>
      sendError(res, new UnauthorizedError(), {
        req,
        challenge: [{ scheme: 'Negotiate' }, { scheme: 'Basic', params: { realm: 'r' } }],
      }),
    );
    const [r] = await rawExchange(url, 'GET / HTTP/1.1\r\nHost: x\r\n\r\n', ['GET']);
    expect(fieldLinesOf(r as RawResponse, 'www-authenticate')).toStrictEqual([
      'Negotiate',
      'Basic realm="r"',
    ]);
  });
});

describe('HEAD and framing (#15)', () => {
  it('a POST rewritten to HEAD (method-override) gets its body: the next response stays in step', async () => {
    const url = await listen(
      handle((req) => {
        if (req.method === 'POST') req.method = 'HEAD';
        throw new ForbiddenError(SEED);
      }),
    );
    const raw =
      'POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n' +
      'GET /b HTTP/1.1\r\nHost: x\r\n\r\n';
    const [first, second] = (await rawExchange(url, raw, ['POST', 'GET'])) as RawResponse[];
    const length = String(Buffer.byteLength(SEED_BODY));
    for (const r of [first, second] as RawResponse[]) {
      expect(r.statusLine).toBe('HTTP/1.1 403 Forbidden');
      expect(fieldLinesOf(r, 'content-length')).toStrictEqual([length]);
      expect(r.body).toBe(SEED_BODY);
    }
  });
});
