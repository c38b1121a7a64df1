import { bearerChallenge, ForbiddenError, UnauthorizedError } from 'http-error-kit';

export interface User {
  id: string;
  role: 'user' | 'admin';
  scopes: string[];
}

const users = new Map<string, User>([
  ['user-token', { id: '123', role: 'user', scopes: ['profile'] }],
  ['admin-token', { id: '1', role: 'admin', scopes: ['profile', 'reports:read'] }],
]);

/** Who is calling? When the answer is "we cannot tell", that is a 401. */
export function authenticate(authorization: string | undefined): User {
  if (!authorization?.startsWith('Bearer ')) {
    // No credentials at all: a bare challenge, no error code (RFC 6750 §3.1).
    throw new UnauthorizedError('Sign in to continue.', {
      challenge: bearerChallenge({ realm: 'api' }),
    });
  }
  const user = users.get(authorization.slice('Bearer '.length));
  if (!user) {
    // Credentials that do not work: say so in the challenge, so the client can refresh them.
    throw new UnauthorizedError('The access token is invalid or has expired.', {
      challenge: bearerChallenge({ realm: 'api', error: 'invalid_token' }),
    });
  }
  return user;
}

/** DELETE /user-data/:id — known caller, not their data: 403. */
export function deleteUserData(user: User, ownerId: string): void {
  if (user.id !== ownerId && user.role !== 'admin') {
    throw new ForbiddenError('You do not have permission to delete user data.');
  }
}

/** GET /admin-dashboard — known caller, wrong role: 403. */
export function openAdminDashboard(user: User): void {
  if (user.role !== 'admin') {
    throw new ForbiddenError('The admin dashboard is for administrators.');
  }
}

/** GET /reports — a valid token without the scope: 403 with insufficient_scope. */
export function readReports(user: User): void {
  if (!user.scopes.includes('reports:read')) {
    throw new ForbiddenError('Reading reports needs the reports:read scope.', {
      scope: 'reports:read',
    });
  }
}

/** GET /documents/:id — do not even reveal that someone else's document exists: 404. */
export function readDocument(user: User, document: { owner: string }): void {
  if (document.owner !== user.id) {
    throw new ForbiddenError('Document belongs to another user.', { conceal: true });
  }
}
