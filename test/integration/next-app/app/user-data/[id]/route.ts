// app/user-data/[id]/route.ts: the request and the context are typed without annotations.
import { ForbiddenError, UnauthorizedError } from 'http-error-kit';
import { handle } from 'http-error-kit/next';

export const DELETE = handle(
  async (request, { params }) => {
    const { id } = await params;
    const user = request.headers.get('authorization')?.replace(/^Bearer user-/, '');
    if (!user) throw new UnauthorizedError('Sign in to delete user data.');
    if (user !== id) throw new ForbiddenError('You do not have permission to delete user data.');
    return new Response(null, { status: 204 });
  },
  { instance: (request) => request.nextUrl.pathname },
);
