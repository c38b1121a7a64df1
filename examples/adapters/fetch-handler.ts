import { ForbiddenError, UnauthorizedError } from 'http-error-kit';
import { handle } from 'http-error-kit/fetch';

// One handler for every runtime that speaks Request/Response:
//   Deno:    Deno.serve(app.fetch)
//   Bun:     Bun.serve(app)
//   Workers: export default app
export const app = {
  fetch: handle(async (request: Request) => {
    const role = request.headers.get('authorization')?.replace(/^Bearer /, '');
    if (!role) throw new UnauthorizedError('Sign in to see the admin dashboard.');
    if (role !== 'admin') throw new ForbiddenError('The admin dashboard is for administrators.');
    return Response.json({ widgets: ['users', 'billing'] });
  }),
};
