import { problemOpenApi } from 'http-error-kit';
import { OutOfCredit } from './problems.js';

// The defined problem types, and the generic errors the routes may send as well.
const { schemas, responses } = problemOpenApi([OutOfCredit], { statuses: [401, 404, 429] });

export const document = {
  openapi: '3.1.0',
  info: { title: 'Messages', version: '1.0.0' },
  paths: {
    '/account/{id}/msgs': {
      post: {
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          '201': { description: 'Sent.' },
          '401': { $ref: '#/components/responses/UnauthorizedError' },
          '403': { $ref: '#/components/responses/OutOfCreditProblem' },
          '404': { $ref: '#/components/responses/NotFoundError' },
          '429': { $ref: '#/components/responses/TooManyRequestsError' },
        },
      },
    },
  },
  components: { schemas, responses },
};
