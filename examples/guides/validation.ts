// Validation with any Standard Schema (zod here; valibot and arktype work the same): what the
// schema rejects becomes a 422 (or, for the query, a 400) problem with one entry per issue,
// each with a JSON Pointer into the body or the name of the query parameter.
import { BadRequestError, validate } from 'http-error-kit';
import { handle } from 'http-error-kit/fetch';
import { z } from 'zod';

const Order = z.object({
  items: z.array(z.object({ sku: z.string().min(1), quantity: z.int().positive() })).min(1),
  note: z.string().max(200).optional(),
});

const Page = z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) });

async function body(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    throw new BadRequestError('The request body is not JSON.');
  }
}

export const orders = handle(async (request: Request) => {
  if (request.method === 'POST') {
    const order = await validate(Order, await body(request));
    return Response.json({ accepted: order.items.length }, { status: 201 });
  }
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const { limit } = await validate(Page, query, { status: 400, in: 'query' });
  return Response.json({ limit });
});
