import { isErrorStatus, reasonPhrase, STATUS, statusInfo } from 'http-error-kit';

const forbidden = statusInfo(STATUS.FORBIDDEN);
// forbidden.retry === 'no': the server knows who you are and refuses

/** Decides whether a client may retry a failed request, from the status alone. */
export function mayRetry(status: number, method: string): boolean {
  const info = statusInfo(status);
  if (info === undefined || !isErrorStatus(status)) return false;
  switch (info.retry) {
    case 'later':
      return true; // after Retry-After
    case 'idempotent':
      return ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE'].includes(method);
    default:
      return false; // 'no', and 'authenticate' needs new credentials first
  }
}

const phrase = reasonPhrase(413); // 'Content Too Large' (RFC 9110; formerly "Payload Too Large")
const mustSend = statusInfo(405).headers; // ['Allow']

export { forbidden, mustSend, phrase };
