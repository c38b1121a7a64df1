import { ForbiddenError, UnauthorizedError } from 'http-error-kit';
import { ensureOk } from 'http-error-kit/fetch';

/** Deletes a user's data; tells the caller what went wrong in terms they can act on. */
export async function deleteUserData(baseUrl: string, id: string, token?: string): Promise<string> {
  try {
    const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
    await ensureOk(await fetch(`${baseUrl}/user-data/${id}`, { method: 'DELETE', headers }));
    return 'deleted';
  } catch (err) {
    if (err instanceof UnauthorizedError)
      return `sign in first (${err.headers['www-authenticate']})`;
    if (err instanceof ForbiddenError) return `not allowed: ${err.detail}`;
    throw err;
  }
}
