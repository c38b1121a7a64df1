// The observability guide (docs/observability.md): examples/guides/observability.ts on a real
// server, with a real pino logger and a real OpenTelemetry tracer (in-memory exporter).

import { Writable } from 'node:stream';
import { SpanStatusCode, trace } from '@opentelemetry/api';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../examples/guides/observability.js';
import { closeServers, listen } from './helpers/http.js';

const exporter = new InMemorySpanExporter();
const lines: Record<string, unknown>[] = [];
let origin: string;

beforeAll(async () => {
  trace.setGlobalTracerProvider(
    new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }),
  );
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  origin = await listen(createApp(destination));
});
beforeEach(() => {
  exporter.reset();
  lines.length = 0;
});
afterAll(async () => {
  await closeServers();
  trace.disable();
});

const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';

describe('guide: observability', () => {
  it('a crash: redacted 500 with the trace id, an error log line, a failed span', async () => {
    const res = await fetch(`${origin}/report?month=11`, {
      headers: { traceparent: `00-${TRACE_ID}-b7ad6b7169203331-01` },
    });
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
      traceId: TRACE_ID,
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 50,
      msg: 'request failed',
      traceId: TRACE_ID,
      method: 'GET',
      path: '/report?month=11',
      err: {
        level: 'error',
        status: 500,
        name: 'InternalServerError',
        cause: {
          name: 'TypeError',
          message: "Cannot read properties of undefined (reading 'rows')",
        },
      },
    });
    const [span] = exporter.getFinishedSpans();
    expect(span?.status.code).toBe(SpanStatusCode.ERROR);
    expect(span?.attributes).toEqual({ 'http.response.status_code': 500, 'error.type': '500' });
  });

  it('a 403: a warn line, the span not marked failed, a fresh trace id', async () => {
    const res = await fetch(`${origin}/user-data/123`, { method: 'DELETE' });
    expect(res.status).toBe(403);
    const body = await res.json();
    expect(body.detail).toBe('You do not have permission to delete user data.');
    expect(body.traceId).toMatch(/^[\da-f]{32}$/);
    expect(lines[0]).toMatchObject({
      level: 40,
      traceId: body.traceId,
      err: { level: 'warn', status: 403, name: 'ForbiddenError' },
    });
    const [span] = exporter.getFinishedSpans();
    expect(span?.status.code).toBe(SpanStatusCode.UNSET);
    expect(span?.attributes).toEqual({ 'http.response.status_code': 403 });
    expect(span?.events.map((e) => e.name)).toEqual(['exception']);
  });

  it('success: no log line, a clean span', async () => {
    const res = await fetch(`${origin}/orders`);
    expect(await res.text()).toBe('ok');
    expect(lines).toEqual([]);
    expect(exporter.getFinishedSpans()[0]?.status.code).toBe(SpanStatusCode.UNSET);
  });
});
