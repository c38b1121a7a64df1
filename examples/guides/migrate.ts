import Boom from '@hapi/boom';
import { renderError, toHttpError } from 'http-error-kit';
import createError from 'http-errors';

// Errors your code (or a dependency) still throws the old way render the new way: status,
// headers and the expose flag are kept.
const legacy = toHttpError(createError(404, 'No order 42 here.'));
// NotFoundError, detail 'No order 42 here.'

const boom = renderError(Boom.unauthorized('Token expired', 'Bearer'));

// 401 with WWW-Authenticate: Bearer error="Token expired", and a problem+json body

export { boom, legacy };
