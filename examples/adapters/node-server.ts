import { createServer } from 'node:http';
import { MethodNotAllowedError, NotFoundError, TooManyRequestsError } from 'http-error-kit';
import { handle } from 'http-error-kit/node';

let remaining = 2;

export const server = createServer(
  handle(async (req, res) => {
    if (req.url !== '/search') throw new NotFoundError();
    if (req.method !== 'GET') throw new MethodNotAllowedError({ allow: ['GET', 'HEAD'] });
    if (remaining-- <= 0)
      throw new TooManyRequestsError('Two searches a minute.', { retryAfter: 60 });
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ results: [] }));
  }),
);
