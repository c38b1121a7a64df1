import Fastify from 'fastify';
import { errorPlugin } from 'http-error-kit/fastify';

export const app = Fastify();
await app.register(errorPlugin);

app.post(
  '/users',
  {
    schema: {
      body: {
        type: 'object',
        required: ['name', 'age'],
        properties: { name: { type: 'string' }, age: { type: 'integer', minimum: 0 } },
      },
    },
  },
  async (request, reply) => reply.code(201).send(request.body),
);
