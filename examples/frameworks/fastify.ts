import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import {
  BadRequestError,
  NotFoundError,
  type RenderOptions,
  renderError,
  type ValidationIssue,
} from 'http-error-kit';

const toToken = (name: string) => name.replaceAll('~', '~0').replaceAll('/', '~1');
const fromToken = (token: string) => token.replaceAll('~1', '/').replaceAll('~0', '~');

/**
 * Fastify's schema validation error (`FST_ERR_VALIDATION`) as a 400 with one `errors[]` entry
 * per failure: a JSON Pointer into the body, or the name of the query or path `parameter` or
 * of the `header`; `detail` is ajv's message.
 */
export function validationError(err: FastifyError): BadRequestError {
  const errors = (err.validation ?? []).map((failure): ValidationIssue => {
    const detail = failure.message ?? 'is not valid';
    // ajv points at the object that lacks a `required` property, not at the property.
    const missing = failure.params.missingProperty;
    const path = failure.instancePath + (typeof missing === 'string' ? `/${toToken(missing)}` : '');
    if (err.validationContext === 'body') return { detail, pointer: `#${path}` };
    const name = fromToken(path.split('/')[1] ?? '');
    return err.validationContext === 'headers'
      ? { detail, header: name }
      : { detail, parameter: name };
  });
  return new BadRequestError(err.message, { errors, cause: err });
}

/** Problem details for every error of the app (validation included) and for unknown routes. */
export function problemDetails(app: FastifyInstance, options?: RenderOptions): void {
  const send = (err: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const { status, headers, body } = renderError(err, {
      ...options,
      accept: request.headers.accept,
    });
    if (status >= 500) request.log.error({ err }, 'request failed');
    // A Buffer: Fastify would add "; charset=utf-8" to the JSON media type of a string.
    return reply.code(status).headers(headers).send(Buffer.from(body));
  };
  app.setErrorHandler((err: FastifyError, request, reply) =>
    send(Array.isArray(err?.validation) ? validationError(err) : err, request, reply),
  );
  app.setNotFoundHandler((request, reply) => send(new NotFoundError(), request, reply));
}

export const app = Fastify();
problemDetails(app);

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
