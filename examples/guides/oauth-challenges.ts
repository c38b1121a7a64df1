import {
  BadRequestError,
  bearerChallenge,
  dpopChallenge,
  ForbiddenError,
  readChallenge,
  UnauthorizedError,
} from 'http-error-kit';
import { fromResponse } from 'http-error-kit/fetch';

// Where clients (MCP clients among them) learn which authorization server to ask (RFC 9728).
const METADATA = 'https://api.example.com/.well-known/oauth-protected-resource';

export interface Session {
  user: string;
  acr: string; // how the user signed in, e.g. 'urn:example:password' or 'urn:example:mfa'
  authTime: number; // when, in seconds since the epoch
  scopes: string[];
}

/** No token at all: offer DPoP first, then Bearer, and say where the metadata is. */
export function signInFirst(): never {
  throw new UnauthorizedError('Sign in to continue.', {
    challenge: [
      dpopChallenge({ algs: ['ES256', 'EdDSA'], resourceMetadata: METADATA }),
      bearerChallenge({ resourceMetadata: METADATA }),
    ],
  });
}

/** A DPoP proof without the nonce this server wants: a 401 that hands out the nonce. */
export function useNonce(nonce: string): never {
  throw new UnauthorizedError('Send the DPoP proof again with the nonce.', {
    challenge: dpopChallenge({ algs: ['ES256', 'EdDSA'], error: 'use_dpop_nonce' }),
    dpopNonce: nonce,
  });
}

/** The same at a token endpoint, which answers with a 400 (RFC 9449 §8). */
export function tokenNeedsNonce(nonce: string): never {
  throw new BadRequestError('Authorization server requires nonce in DPoP proof', {
    dpopNonce: nonce,
    extensions: { error: 'use_dpop_nonce' },
  });
}

/** DELETE /account: a valid token, but this needs a multi-factor sign-in in the last 5 minutes. */
export function deleteAccount(session: Session, now: number): void {
  if (session.acr !== 'urn:example:mfa' || now - session.authTime > 300) {
    throw new UnauthorizedError('Deleting the account needs a recent multi-factor sign-in.', {
      challenge: bearerChallenge({
        error: 'insufficient_user_authentication',
        acrValues: ['urn:example:mfa'],
        maxAge: 300,
      }),
    });
  }
  if (!session.scopes.includes('account:delete')) {
    throw new ForbiddenError('Deleting the account needs the account:delete scope.', {
      scope: 'account:delete',
    });
  }
}

/** On the client: what the server wants before the request can succeed. */
export async function nextStep(res: Response): Promise<string> {
  const err = await fromResponse(res);
  if (!(err instanceof UnauthorizedError || err instanceof ForbiddenError)) return 'nothing';
  for (const challenge of err.challenges) {
    const asked = readChallenge(challenge, { nonce: res.headers.get('dpop-nonce') });
    if (asked?.nonce) return `retry with DPoP nonce ${asked.nonce}`;
    if (asked?.error === 'insufficient_user_authentication') {
      return `sign in again with ${asked.acrValues?.join(' or ')} within ${asked.maxAge} s`;
    }
    if (asked?.error === 'insufficient_scope') return `ask for scope ${asked.scope?.join(' ')}`;
    if (asked?.resourceMetadata) return `discover ${asked.resourceMetadata}`;
  }
  return 'sign in';
}
