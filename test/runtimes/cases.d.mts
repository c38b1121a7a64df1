// Types of cases.mjs, for the TypeScript tests that import it.

export declare const SEED: string;
/** The Content-Security-Policy of every HTML error page. */
export declare const HTML_CSP: string;

/** The expected body: exact text, or what an HTML page must start with, contain and lack. */
export type ExpectedBody =
  | string
  | { startsWith?: string; includes?: readonly string[]; excludes?: readonly string[] };

export interface Case {
  name: string;
  path: string;
  init?: RequestInit;
  status: number;
  /** Each field's value; `set-cookie` as the list of its lines. */
  headers: Record<string, string | readonly string[]>;
  body: ExpectedBody;
}

export interface Reply {
  status: number;
  /** Each field's value (lines joined with `, `); `set-cookie` as the list of its lines. */
  headers: Record<string, string | readonly string[]>;
  body: string;
  /** The Content-Length field as sent, or `null`. */
  length: string | null;
}

export declare const CASES: readonly Case[];
export declare const IGNORED: readonly string[];
/** The fields of a Fetch `Headers` less IGNORED; `set-cookie` as the list of its lines. */
export declare function fieldsOf(fields: Headers): Record<string, string | string[]>;
export declare function reply(url: string, init?: RequestInit, timeoutMs?: number): Promise<Reply>;
export declare function compare(kase: Omit<Case, 'name' | 'path'>, got: Reply): string[];
export declare function check(origin: string, kase: Case): Promise<string[]>;
