// Prerendered at build time unless it reads the request: `headers()` then throws Next's
// DYNAMIC_SERVER_USAGE, which must reach Next for the route to become dynamic (a wrapper that
// answered it would bake a 500 into the build).

import { handle } from 'http-error-kit/next';
import { headers } from 'next/headers';

export const revalidate = 3600;

export const GET = handle(async () => {
  const agent = (await headers()).get('x-agent');
  return Response.json({ agent });
});
