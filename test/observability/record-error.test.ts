import { type Span, SpanKind, SpanStatusCode } from '@opentelemetry/api';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import createError from 'http-errors';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ForbiddenError,
  fromIssues,
  InternalServerError,
  NotFoundError,
  type RecordErrorOptions,
  recordError,
  ServiceUnavailableError,
  type SpanLike,
} from '../../src/index.js';

const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const tracer = provider.getTracer('http-error-kit-test');

afterEach(() => exporter.reset());

/** Records `err` on a real span of that kind, ends it, and returns what the exporter got. */
function recorded(err: unknown, kind: 'server' | 'client', options?: RecordErrorOptions) {
  const span: Span = tracer.startSpan('request', {
    kind: kind === 'server' ? SpanKind.SERVER : SpanKind.CLIENT,
  });
  recordError(span, err, options ?? { kind });
  span.end();
  const [finished] = exporter.getFinishedSpans() as ReadableSpan[];
  if (finished === undefined) throw new Error('no span exported');
  const events = finished.events.map((e) => ({ name: e.name, attributes: e.attributes }));
  return { attributes: finished.attributes, status: finished.status, events };
}

describe('recordError on real OpenTelemetry spans', () => {
  it('server span, 5xx: status ERROR, error.type the code, an exception event', () => {
    const err = new ServiceUnavailableError('maintenance');
    const { attributes, status, events } = recorded(err, 'server');
    expect(attributes).toEqual({ 'http.response.status_code': 503, 'error.type': '503' });
    expect(status).toEqual({ code: SpanStatusCode.ERROR });
    expect(events).toHaveLength(1);
    expect(events[0]?.name).toBe('exception');
    expect(events[0]?.attributes).toMatchObject({
      'exception.type': 'ServiceUnavailableError',
      'exception.message': 'maintenance',
    });
    expect(String(events[0]?.attributes?.['exception.stacktrace'])).toContain(
      'ServiceUnavailableError: maintenance',
    );
  });

  it.each([
    new NotFoundError(),
    new ForbiddenError('You do not have permission to delete user data.'),
    fromIssues([{ message: 'x' }]),
    createError(409, 'conflict'),
  ])('server span, 4xx (%s): status unset, no error.type, still the event', (err) => {
    const { attributes, status, events } = recorded(err, 'server');
    expect(attributes).toEqual({ 'http.response.status_code': (err as { status: number }).status });
    expect(status).toEqual({ code: SpanStatusCode.UNSET });
    expect(events.map((e) => e.name)).toEqual(['exception']);
  });

  it('server span, anything without a status is answered 500', () => {
    const { attributes, status, events } = recorded(new TypeError('x is undefined'), 'server');
    expect(attributes).toEqual({ 'http.response.status_code': 500, 'error.type': '500' });
    expect(status).toEqual({ code: SpanStatusCode.ERROR });
    expect(events[0]?.attributes).toMatchObject({
      'exception.type': 'TypeError',
      'exception.message': 'x is undefined',
    });
  });

  it('the default kind is server', () => {
    const { attributes, status } = recorded(new NotFoundError(), 'server', {});
    expect(attributes).toEqual({ 'http.response.status_code': 404 });
    expect(status).toEqual({ code: SpanStatusCode.UNSET });
  });

  it('client span, 4xx and 5xx received: ERROR', async () => {
    const res = new Response('{}', { status: 404 });
    const four = recorded(res, 'client');
    expect(four.attributes).toEqual({ 'http.response.status_code': 404, 'error.type': '404' });
    expect(four.status).toEqual({ code: SpanStatusCode.ERROR });
    exporter.reset();
    const five = recorded(
      { name: 'HTTPError', message: 'Bad', response: { status: 502 } },
      'client',
    );
    expect(five.attributes).toEqual({ 'http.response.status_code': 502, 'error.type': '502' });
    expect(five.status).toEqual({ code: SpanStatusCode.ERROR });
  });

  it('client span, a network failure: no status code, error.type the error name', async () => {
    const failure = await fetch('http://127.0.0.1:1/').catch((e: unknown) => e);
    const { attributes, status, events } = recorded(failure, 'client');
    expect(attributes).toEqual({ 'error.type': 'TypeError' });
    expect(status).toEqual({ code: SpanStatusCode.ERROR });
    expect(events[0]?.attributes?.['exception.message']).toBe('fetch failed');
    exporter.reset();
    expect(recorded('boom', 'client').attributes).toEqual({ 'error.type': '_OTHER' });
  });

  it('a value that is no error is recorded as a string', () => {
    const { events } = recorded('plain string', 'server');
    expect(events[0]?.attributes).toMatchObject({ 'exception.message': 'plain string' });
  });

  it('never throws, whatever the span does; refuses an unknown kind', () => {
    const broken: SpanLike = {
      setAttribute: () => {
        throw new Error('no');
      },
      recordException: () => {
        throw new Error('no');
      },
      setStatus: () => {
        throw new Error('no');
      },
    };
    expect(() => recordError(broken, new InternalServerError())).not.toThrow();
    expect(() => recordError(null as never, new InternalServerError())).not.toThrow();
    expect(() =>
      recordError(broken, new InternalServerError(), { kind: 'internal' as never }),
    ).toThrow(
      new TypeError("recordError: options.kind must be 'server' or 'client', got internal"),
    );
  });

  it('calls exactly these methods of a duck-typed span', () => {
    const calls: unknown[][] = [];
    const span: SpanLike = {
      setAttribute: (...args) => calls.push(['setAttribute', ...args]),
      recordException: (...args) => calls.push(['recordException', ...args]),
      setStatus: (...args) => calls.push(['setStatus', ...args]),
    };
    const err = new InternalServerError();
    recordError(span, err);
    expect(calls).toEqual([
      ['setAttribute', 'http.response.status_code', 500],
      ['setAttribute', 'error.type', '500'],
      ['setStatus', { code: 2 }],
      ['recordException', err],
    ]);
  });
});
