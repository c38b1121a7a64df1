import { describe, expectTypeOf, it } from 'vitest';
import { fromResponse, type ProblemClass } from '../../src/adapters/fetch/index.js';
import {
  type DefinedProblem,
  type DefinedProblemClass,
  defineProblem,
  type ErrorStatus,
  type HttpError,
  type ParsedProblem,
  type ProblemDefinition,
  type ProblemDetails,
  type ProblemOptions,
  parseProblem,
  problemOpenApi,
} from '../../src/index.js';
import { type Credit, defineOutOfCredit } from '../helpers/out-of-credit.js';

const OutOfCredit = defineOutOfCredit();

const Plain = defineProblem({
  type: 'https://example.com/probs/not-your-turn',
  status: 409,
  title: 'It is not your turn.',
});

const Hinted = defineProblem<{ retryIn?: number; hint?: string }>({
  type: 'https://example.com/probs/busy',
  status: 503,
  title: 'Busy.',
});

const credit = { balance: 30, accounts: ['/account/12345'] };

describe('defineProblem: the constructor', () => {
  it('requires extensions when Ext has a required member', () => {
    new OutOfCredit('Your current balance is 30.', { extensions: credit });
    new OutOfCredit({ detail: 'Your current balance is 30.', extensions: credit });
    new OutOfCredit(undefined, { extensions: credit, instance: '/account/12345/msgs/abc' });
    // @ts-expect-error the options are required
    new OutOfCredit();
    // @ts-expect-error the options are required
    new OutOfCredit('Your current balance is 30.');
    // @ts-expect-error extensions are required
    new OutOfCredit('Your current balance is 30.', {});
    // @ts-expect-error accounts is missing
    new OutOfCredit('x', { extensions: { balance: 30 } });
    // @ts-expect-error balance must be a number
    new OutOfCredit('x', { extensions: { balance: '30', accounts: [] } });
    // @ts-expect-error accounts must be strings
    new OutOfCredit('x', { extensions: { balance: 30, accounts: [1] } });
    // @ts-expect-error no member beyond Ext
    new OutOfCredit('x', { extensions: { ...credit, overdraft: true } });
  });

  it('fixes type and title: the options do not take them', () => {
    // @ts-expect-error type comes from the spec
    new OutOfCredit('x', { extensions: credit, type: 'https://example.com/other' });
    // @ts-expect-error title comes from the spec
    new OutOfCredit('x', { extensions: credit, title: 'Other' });
    expectTypeOf<ProblemOptions<Credit>>().toHaveProperty('expose');
    expectTypeOf<ProblemOptions<Credit>>().toHaveProperty('headers');
  });

  it('lets the options go when Ext has only optional members, or none', () => {
    new Hinted();
    new Hinted('Try again.');
    new Hinted({ extensions: { retryIn: 5 } });
    new Hinted('Try again.', { extensions: {} });
    // @ts-expect-error retryIn must be a number
    new Hinted({ extensions: { retryIn: '5' } });
    new Plain();
    new Plain('Player 2 is to move.', { instance: '/games/7' });
    // @ts-expect-error a problem type without Ext takes no extension members
    new Plain('x', { extensions: { player: 2 } });
  });
});

describe('defineProblem: the class and its occurrences', () => {
  it('types the statics', () => {
    expectTypeOf(OutOfCredit.type).toEqualTypeOf<string>();
    expectTypeOf(OutOfCredit.title).toEqualTypeOf<string>();
    expectTypeOf(OutOfCredit.name).toEqualTypeOf<string>();
    // With Ext given explicitly, TypeScript cannot infer S as well: it is the default.
    expectTypeOf(OutOfCredit.status).toEqualTypeOf<ErrorStatus>();
    // Without Ext, the status is inferred as its literal.
    expectTypeOf(Plain.status).toEqualTypeOf<409>();
    expectTypeOf(new Plain().status).toEqualTypeOf<409>();
  });

  it('makes HttpErrors with typed extensions', () => {
    const err = new OutOfCredit('x', { extensions: credit });
    expectTypeOf(err).toExtend<HttpError>();
    expectTypeOf(err.extensions.balance).toEqualTypeOf<number>();
    expectTypeOf(err.extensions.accounts).toEqualTypeOf<string[]>();
    // @ts-expect-error extensions are read-only
    err.extensions.balance = 0;
    expectTypeOf(new Hinted().extensions.retryIn).toEqualTypeOf<number | undefined>();
  });

  it('narrows with is() and with instanceof', () => {
    const caught: unknown = new OutOfCredit('x', { extensions: credit });
    if (OutOfCredit.is(caught)) {
      expectTypeOf(caught).toEqualTypeOf<DefinedProblem<Credit, ErrorStatus>>();
      expectTypeOf(caught.extensions.balance).toEqualTypeOf<number>();
      expectTypeOf(caught.detail).toEqualTypeOf<string | undefined>();
    }
    if (caught instanceof OutOfCredit) expectTypeOf(caught.extensions.balance).toBeNumber();
    const { is } = Plain;
    if (is(caught)) expectTypeOf(caught.status).toEqualTypeOf<409>();
  });

  it('can be subclassed', () => {
    class WithRetry extends OutOfCredit {
      readonly topUpUrl = '/account/12345/top-up';
    }
    const err = new WithRetry('x', { extensions: credit });
    expectTypeOf(err.extensions.balance).toBeNumber();
    expectTypeOf(err.topUpUrl).toBeString();
  });
});

describe('defineProblem: the spec', () => {
  it('needs type, a registered error status and title', () => {
    // @ts-expect-error status must be a registered 4xx or 5xx code
    defineProblem({ type: 'https://example.com/probs/x', status: 200, title: 'X' });
    // @ts-expect-error title is required
    defineProblem({ type: 'https://example.com/probs/x', status: 400 });
    // @ts-expect-error type is required
    defineProblem({ status: 400, title: 'X' });
    defineProblem({ type: 'https://example.com/probs/x', status: 400, title: 'X', name: 'X' });
  });

  it('ties the schema to Ext: every member described, no other, required ones by name', () => {
    defineProblem<Credit>({
      type: 'https://example.com/probs/out-of-credit',
      status: 403,
      title: 'T',
      // @ts-expect-error accounts is not described
      schema: { type: 'object', properties: { balance: { type: 'number' } } },
    });
    defineProblem<Credit>({
      type: 'https://example.com/probs/out-of-credit',
      status: 403,
      title: 'T',
      schema: {
        type: 'object',
        properties: {
          balance: { type: 'number' },
          accounts: { type: 'array' },
          // @ts-expect-error balanc is not a member of Ext
          balanc: { type: 'number' },
        },
      },
    });
    defineProblem<Credit>({
      type: 'https://example.com/probs/out-of-credit',
      status: 403,
      title: 'T',
      schema: {
        properties: { balance: { type: 'number' }, accounts: { type: 'array' } },
        // @ts-expect-error required names members of Ext
        required: ['balanc'],
      },
    });
    defineProblem<Credit>({
      type: 'https://example.com/probs/out-of-credit',
      status: 403,
      title: 'T',
      schema: {
        properties: {
          // @ts-expect-error not a JSON Schema type name
          balance: { type: 'float' },
          accounts: { type: 'array' },
        },
      },
    });
  });
});

describe('the other ends', () => {
  it('fromResponse and problemOpenApi accept defined classes', () => {
    expectTypeOf(OutOfCredit).toExtend<ProblemClass>();
    expectTypeOf(Plain).toExtend<ProblemClass>();
    expectTypeOf(OutOfCredit).toExtend<ProblemDefinition>();
    expectTypeOf(fromResponse).toBeCallableWith(new Response(), {
      problems: [OutOfCredit, Plain, Hinted],
    });
    expectTypeOf(problemOpenApi).toBeCallableWith([OutOfCredit, Plain, Hinted]);
    const anyProblemType: DefinedProblemClass = Plain;
    expectTypeOf(anyProblemType.status).toEqualTypeOf<ErrorStatus>();
    const classes: DefinedProblemClass<Credit>[] = [OutOfCredit];
    expectTypeOf(classes).toExtend<readonly ProblemClass[]>();
  });
});

describe('parseProblem: the status it promises', () => {
  it('returns ProblemDetails with a numeric response status, ParsedProblem without', () => {
    expectTypeOf(parseProblem('{}', { status: 403 })).toEqualTypeOf<ProblemDetails | undefined>();
    expectTypeOf(parseProblem('{}')).toEqualTypeOf<ParsedProblem | undefined>();
    expectTypeOf(parseProblem('{}', {})).toEqualTypeOf<ParsedProblem | undefined>();
    const status: number | undefined = undefined;
    expectTypeOf(parseProblem('{}', { status })).toEqualTypeOf<ParsedProblem | undefined>();
    expectTypeOf<ParsedProblem['status']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<ProblemDetails>().toExtend<ParsedProblem>();
    const parsed = parseProblem('{}');
    // @ts-expect-error status may be absent
    const required: number = parsed?.status;
    void required;
  });
});
