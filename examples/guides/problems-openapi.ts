import { problemOpenApi } from 'http-error-kit';
import { OutOfCredit } from './problems.js';

const { schemas, responses } = problemOpenApi([OutOfCredit]);

export const document = {
  openapi: '3.1.0',
  info: { title: 'Messages', version: '1.0.0' },
  paths: {
    '/account/{id}/msgs': {
      post: {
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          '201': { description: 'Sent.' },
          '403': { $ref: '#/components/responses/OutOfCreditProblem' },
        },
      },
    },
  },
  components: { schemas, responses },
};
