import { describe, isToken, refuse } from '../internal/syntax.js';
import { type HttpErrorOptions, NamedError, optionsOf, setHeader } from './http-error.js';

/**
 * Options of {@link UpgradeRequiredError}; `upgrade` is required.
 *
 * @example
 * const options: UpgradeRequiredOptions = { upgrade: 'HTTP/2.0' };
 */
export interface UpgradeRequiredOptions extends HttpErrorOptions {
  /** The protocol(s) to switch to, sent as `Upgrade`: `name` or `name/version` each. */
  upgrade: string | readonly string[];
}

/**
 * 426 Upgrade Required (RFC 9110 §15.5.22): the server refuses this request over the current
 * protocol; the `Upgrade` field names the ones it would accept.
 *
 * @example
 * throw new UpgradeRequiredError('Use TLS 1.3.', { upgrade: 'TLS/1.3' });
 */
export class UpgradeRequiredError extends NamedError<426> {
  /** The status `instanceof` recognises in an error of any copy of the package. @internal */
  static readonly '~status' = 426;

  constructor(detail: string | undefined, options: UpgradeRequiredOptions);
  constructor(options: UpgradeRequiredOptions);
  constructor(a?: string | UpgradeRequiredOptions, b?: UpgradeRequiredOptions) {
    super(426, 'Upgrade Required', 'UpgradeRequiredError', a, b);
    const upgrade = optionsOf(a, b)?.upgrade;
    if (upgrade !== undefined) {
      const list: readonly unknown[] = typeof upgrade === 'string' ? [upgrade] : upgrade;
      for (const protocol of list) {
        if (!isProtocol(protocol)) {
          refuse(
            'UpgradeRequiredError',
            `options.upgrade must list protocols as name or name/version tokens, got ${describe(protocol)}`,
          );
        }
      }
      setHeader(this, 'upgrade', list.join(', '));
    }
  }
}

/** RFC 9110 §7.8: protocol = protocol-name ["/" protocol-version], both tokens. */
function isProtocol(x: unknown): boolean {
  if (typeof x !== 'string') return false;
  const slash = x.indexOf('/');
  return slash === -1 ? isToken(x) : isToken(x.slice(0, slash)) && isToken(x.slice(slash + 1));
}
