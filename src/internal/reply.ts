// The response an error describes, on the client side: an HttpError (from fromResponse, or
// thrown), a Fetch Response, or the `response` of an HTTP client's error (ky's HTTPError,
// ofetch's FetchError, axios's AxiosError). Read defensively: a getter that throws reads as
// absent.

type Loose = Record<string, unknown>;

/**
 * Whether `x` is an object (not `null`) whose members can be read.
 * @internal
 */
export const isObject = (x: unknown): x is Loose => typeof x === 'object' && x !== null;

/**
 * The response `x` describes: its `response` when that is an object, else `x` itself.
 * @internal
 */
export function replyOf(x: unknown): Loose | undefined {
  if (!isObject(x)) return undefined;
  return isObject(x.response) ? x.response : x;
}

/**
 * The `status` (or `statusCode`) of `x` when it is a whole number from `min` to 599, else
 * `undefined`; throws when reading `x` does.
 * @internal
 */
export function statusOf(x: unknown, min: number): number | undefined {
  const status = (x as Loose | undefined)?.status ?? (x as Loose | undefined)?.statusCode;
  return Number.isInteger(status) && (status as number) >= min && (status as number) < 600
    ? (status as number)
    : undefined;
}

/**
 * The HTTP status, 100–599, of the response `x` is or describes, or `undefined`.
 * @internal
 */
export function replyStatus(x: unknown): number | undefined {
  try {
    return statusOf(replyOf(x), 100);
  } catch {
    return undefined;
  }
}

/**
 * One header field (lower-case `name`) of the response `x` is or describes: from a `Headers`
 * object (or anything with `get`) or a plain record of strings; `undefined` when absent.
 * @internal
 */
export function replyField(x: unknown, name: string): string | undefined {
  try {
    const headers = replyOf(x)?.headers;
    if (!isObject(headers)) return undefined;
    const value =
      typeof headers.get === 'function'
        ? (headers.get as (name: string) => unknown).call(headers, name)
        : Object.hasOwn(headers, name) && headers[name];
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}
