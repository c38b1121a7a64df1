import express, {
  type ErrorRequestHandler,
  type Request,
  type RequestHandler,
  Router,
} from 'express';
import { describe, expectTypeOf, it } from 'vitest';
import {
  type ErrorHandlerOptions,
  type ExpressRequest,
  errorHandler,
  notFound,
} from '../../src/adapters/express.js';

describe('http-error-kit/express with @types/express 5', () => {
  it('app.use accepts errorHandler() and notFound()', () => {
    const app = express();
    app.use(notFound());
    app.use(errorHandler());
    app.use(notFound({ detail: 'No route matches this path.' }));
    app.use(
      errorHandler({
        instance: (req) => req.originalUrl,
        extensions: (req) => ({ traceId: req.headers['x-request-id'] }),
        debug: true,
        onError: (error, original) => {
          expectTypeOf(error.status).toBeNumber();
          expectTypeOf(original).toBeUnknown();
        },
      }),
    );
    const router = Router();
    router.use(notFound());
    router.use(errorHandler());
    app.use('/api', router, notFound(), errorHandler());
  });

  it('the middleware are Express handlers of the right arity', () => {
    expectTypeOf(errorHandler()).toExtend<ErrorRequestHandler>();
    expectTypeOf(errorHandler()).not.toExtend<RequestHandler>();
    expectTypeOf(notFound()).toExtend<RequestHandler>();
    expectTypeOf(errorHandler()).parameters.toEqualTypeOf<
      [unknown, ExpressRequest, import('node:http').ServerResponse, (err?: unknown) => void]
    >();
  });

  it('instance and extensions receive the request; an explicit type gives Express fields', () => {
    errorHandler({
      instance: (req) => {
        expectTypeOf(req).toEqualTypeOf<ExpressRequest>();
        return req.originalUrl;
      },
    });
    errorHandler<Request>({ instance: (req) => req.path });
    expectTypeOf<ErrorHandlerOptions<Request>['instance']>().toEqualTypeOf<
      string | ((req: Request) => string | undefined) | undefined
    >();
  });

  it('refuses options of the wrong type', () => {
    // @ts-expect-error: instance is a string or a function returning one
    errorHandler({ instance: 42 });
    // @ts-expect-error: accept always comes from the request
    errorHandler({ accept: 'text/html' });
    // @ts-expect-error: extensions is an object or a function returning one
    errorHandler({ extensions: (req: ExpressRequest) => req.originalUrl });
    // @ts-expect-error: what is request-level is errorHandler's
    notFound({ instance: (req: ExpressRequest) => req.originalUrl });
  });
});
