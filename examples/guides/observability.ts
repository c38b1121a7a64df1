// Logs and traces that explain errors: every failed request is one log line (toLog as pino's
// `err` serializer, with its level by status), the error is recorded on the request's
// OpenTelemetry span (recordError: 5xx mark the span as failed, 4xx do not), and the response
// carries a trace id that is also in the log line, so a user's report finds both.
import { createServer } from 'node:http';
import { SpanKind, trace } from '@opentelemetry/api';
import { ForbiddenError, recordError, toLog } from 'http-error-kit';
import { handle } from 'http-error-kit/node';
import pino from 'pino';

export function createApp(destination: pino.DestinationStream) {
  const logger = pino({ serializers: { err: toLog } }, destination);
  const tracer = trace.getTracer('orders');

  const routes = (method: string | undefined, path: string | undefined): string => {
    if (method === 'DELETE' && path === '/user-data/123') {
      throw new ForbiddenError('You do not have permission to delete user data.');
    }
    if (path === '/report')
      throw new TypeError("Cannot read properties of undefined (reading 'rows')");
    return 'ok';
  };

  return createServer(
    handle(
      (req, res) =>
        tracer.startActiveSpan(`${req.method} ${req.url}`, { kind: SpanKind.SERVER }, (span) => {
          try {
            res.end(routes(req.method, req.url?.split('?')[0]));
          } catch (err) {
            recordError(span, err);
            throw err;
          } finally {
            span.end();
          }
        }),
      {
        traceId: true,
        onError: (error, _original, req, traceId) => {
          const level = error.status >= 500 ? 'error' : 'warn';
          logger[level](
            { err: error, traceId, method: req.method, path: req.url },
            'request failed',
          );
        },
      },
    ),
  );
}
