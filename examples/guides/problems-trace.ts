import { createServer } from 'node:http';
import { handle } from 'http-error-kit/node';

const TRACEPARENT = /^[\da-f]{2}-([\da-f]{32})-[\da-f]{16}-[\da-f]{2}$/;

/** The trace id of a W3C Trace Context `traceparent` field, if it has a valid one. */
export function traceIdOf(traceparent: string | string[] | undefined): string | undefined {
  const id = typeof traceparent === 'string' ? TRACEPARENT.exec(traceparent)?.[1] : undefined;
  return id === undefined || /^0+$/.test(id) ? undefined : id;
}

/** The database of this example is down. */
async function queryReports(): Promise<unknown[]> {
  throw new Error('connect ECONNREFUSED 10.0.0.5:5432 (user=app password=hunter2)');
}

export const server = createServer(
  handle(
    async (_req, res) => {
      const reports = await queryReports();
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(reports));
    },
    {
      // Added to every problem, the redacted 500 included: support can find it in the logs.
      extensions: (req) => {
        const traceId = traceIdOf(req.headers.traceparent);
        return traceId === undefined ? undefined : { traceId };
      },
    },
  ),
);
