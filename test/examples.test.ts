import { describe, expect, it } from 'vitest';
import {
  authenticate,
  deleteUserData,
  openAdminDashboard,
  readDocument,
  readReports,
  type User,
} from '../examples/guides/authorize.js';
import { boom, legacy } from '../examples/guides/migrate.js';
import { crash, debugged, notFound, traced } from '../examples/guides/redaction.js';
import { forbidden, mayRetry, mustSend, phrase } from '../examples/guides/status.js';
import { NotFoundError, renderError } from '../src/index.js';

/** What a client receives for whatever `run` throws. */
function outcome(run: () => void) {
  try {
    run();
  } catch (err) {
    const { status, headers, body } = renderError(err);
    return { status, challenge: headers['www-authenticate'], detail: JSON.parse(body).detail };
  }
  return 'allowed';
}

describe('guide: 401 or 403 (the table in docs/401-or-403.md)', () => {
  const user = authenticate('Bearer user-token');
  const admin = authenticate('Bearer admin-token');
  it.each([
    ['no token', () => authenticate(undefined), 401, 'Bearer realm="api"', 'Sign in to continue.'],
    [
      'bad token',
      () => authenticate('Bearer nope'),
      401,
      'Bearer realm="api", error="invalid_token"',
      'The access token is invalid or has expired.',
    ],
    [
      "user deletes user 456's data",
      () => deleteUserData(user, '456'),
      403,
      undefined,
      'You do not have permission to delete user data.',
    ],
    [
      'user opens the admin dashboard',
      () => openAdminDashboard(user),
      403,
      undefined,
      'The admin dashboard is for administrators.',
    ],
    [
      'token without reports:read',
      () => readReports(user),
      403,
      'Bearer error="insufficient_scope", scope="reports:read"',
      'Reading reports needs the reports:read scope.',
    ],
    [
      "someone else's document",
      () => readDocument(user, { owner: '9' }),
      404,
      undefined,
      undefined,
    ],
  ])('%s', (_, run, status, challenge, detail) => {
    expect(outcome(run)).toEqual({ status, challenge, detail });
  });

  it('lets the right people through', () => {
    expect(outcome(() => deleteUserData(user, '123'))).toBe('allowed');
    expect(outcome(() => deleteUserData(admin, '456'))).toBe('allowed');
    expect(outcome(() => openAdminDashboard(admin))).toBe('allowed');
    expect(outcome(() => readReports(admin))).toBe('allowed');
    expect(outcome(() => readDocument(user, { owner: '123' }))).toBe('allowed');
  });

  it('a concealed 403 is indistinguishable from a real 404', () => {
    let concealed: unknown;
    try {
      readDocument(user, { owner: '9' });
    } catch (err) {
      concealed = err;
    }
    expect(renderError(concealed)).toEqual(renderError(new NotFoundError()));
  });

  it('accepts the typed User shape', () => {
    const u: User = { id: 'x', role: 'user', scopes: [] };
    expect(outcome(() => openAdminDashboard(u))).toMatchObject({ status: 403 });
  });
});

describe('guide: problem details and redaction', () => {
  it('renders what the comments say', () => {
    expect(notFound.body).toBe(
      '{"type":"about:blank","title":"Not Found","status":404,"detail":"No order 42 here.","orderId":42}',
    );
    expect(crash.body).toBe('{"type":"about:blank","title":"Internal Server Error","status":500}');
    expect(traced.body).toBe(
      '{"type":"about:blank","title":"Internal Server Error","status":500,"traceId":"4bf92f3577b34da6a3ce929d0e0e4736"}',
    );
    const debug = JSON.parse(debugged.body);
    // The plain error is the problem itself: its message as detail, its stack once, no cause.
    expect(Object.keys(debug)).toEqual(['type', 'title', 'status', 'detail', 'stack']);
    expect(debug.detail).toBe('disk full');
    expect(debug.stack).toMatch(/^Error: disk full\n {4}at /);
  });
});

describe('guide: status metadata', () => {
  it('answers as the comments say', () => {
    expect(forbidden.retry).toBe('no');
    expect(phrase).toBe('Content Too Large');
    expect(mustSend).toEqual(['Allow']);
  });

  it.each([
    [503, 'POST', true],
    [502, 'GET', true],
    [502, 'POST', false],
    [403, 'GET', false],
    [401, 'GET', false],
    [200, 'GET', false],
    [499, 'GET', false],
  ])('mayRetry(%i, %s) is %s', (status, method, expected) => {
    expect(mayRetry(status, method)).toBe(expected);
  });
});

describe('guide: migrating', () => {
  it('keeps errors thrown the old way', () => {
    expect(legacy.name).toBe('NotFoundError');
    expect(legacy.detail).toBe('No order 42 here.');
    expect(boom.status).toBe(401);
    expect(boom.headers['www-authenticate']).toBe('Bearer error="Token expired"');
    expect(boom.headers['content-type']).toBe('application/problem+json');
  });
});
