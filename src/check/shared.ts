// What every family of checks reads (the answers to the planned requests) and the few helpers
// they share to word a verdict and its evidence. Everything that came from the server under
// test is untrusted: it is made printable before it goes into a report.

import { reasonPhrase } from '../status/lookup.js';
import type { CheckEvidence, CheckExchange, CheckGroup, CheckResult, Verdict } from './types.js';

/** One request and its response as the checks read it. */
export interface Answer {
  /** The index of the exchange in the report. */
  index: number;
  exchange: CheckExchange;
  /** Whether the request carried credentials (a valid token or the caller's own fields). */
  authorized: boolean;
  /** The response status; `undefined` when no response came. */
  status: number | undefined;
  /** The response fields, lower-case names. */
  headers: Record<string, string>;
  /** The body as received, up to the body limit. */
  text: string;
  /** Whether the body was longer than the limit (so it was not read whole). */
  truncated: boolean;
}

/** The requests of the plan, by what they try; see plan() in requests.ts. */
export type ProbeName =
  | 'anonymous'
  | 'invalidToken'
  | 'token'
  | 'head'
  | 'method'
  | 'sibling'
  | 'siblingJson'
  | 'siblingProblem'
  | 'siblingHtml'
  | 'siblingAnonymous';

/** All answers of one run of the check. */
export interface Run {
  target: URL;
  sibling: URL;
  /** Whether the caller gave credentials, so that some requests carried them. */
  credentials: boolean;
  answers: Answer[];
  by: Partial<Record<ProbeName, Answer>>;
}

/** The GET of the target with the caller's credentials (without any when none were given). */
export const baseline = (run: Run): Answer => (run.by.token ?? run.by.anonymous) as Answer;

/** What a check is, independent of a run. */
export interface CheckDefinition {
  id: string;
  group: CheckGroup;
  title: string;
  spec?: string;
  url?: string;
}

/**
 * A check citing `RFC n §section` (or an appendix, `A`) with the link to that section, or
 * another document given as `[name, url]`.
 */
export function define(
  id: string,
  group: CheckGroup,
  title: string,
  cite?: [number, string] | [string, string],
): CheckDefinition {
  if (cite === undefined) return { id, group, title };
  const [n, section] = cite;
  if (typeof n === 'string') return { id, group, title, spec: n, url: section };
  const appendix = /^[A-Z]$/.test(section);
  return {
    id,
    group,
    title,
    spec: appendix ? `RFC ${n} Appendix ${section}` : `RFC ${n} §${section}`,
    url: `https://www.rfc-editor.org/rfc/rfc${n}.html#${appendix ? 'appendix' : 'section'}-${section}`,
  };
}

/** Evidence items kept per check: enough to show a pattern, short enough to read. */
const MAX_EVIDENCE = 5;

/** A verdict on one check. */
export function verdict(
  definition: CheckDefinition,
  outcome: Verdict,
  message: string,
  evidence: CheckEvidence[] = [],
  advice?: string,
): CheckResult {
  // The same finding on several exchanges is one line: the message gives the count.
  const notes = new Set<string>();
  const kept = evidence.filter((e) => !notes.has(e.note) && notes.add(e.note));
  const result: CheckResult = {
    ...definition,
    verdict: outcome,
    message,
    evidence: kept.slice(0, MAX_EVIDENCE),
  };
  if (advice !== undefined && (outcome === 'warn' || outcome === 'fail')) result.advice = advice;
  return result;
}

/** `1 response`, `2 responses`. */
export const plural = (n: number, one: string, many = `${one}s`): string =>
  `${n} ${n === 1 ? one : many}`;

/** `401 Unauthorized`, with the registered phrase (the one sent is the server's to choose). */
export function statusLine(answer: Answer): string {
  const status = answer.status;
  // A response has a status text (maybe empty); a request without one has an error.
  if (status === undefined) return answer.exchange.error as string;
  return `${status} ${reasonPhrase(status) ?? answer.exchange.statusText}`.trim();
}

/** Evidence from one answer: its status line, then what shows the finding. */
export function seen(answer: Answer, detail?: string): CheckEvidence {
  const line = statusLine(answer);
  return { exchange: answer.index, note: detail === undefined ? line : `${line}; ${detail}` };
}

// Controls (C0, DEL, C1), bidirectional overrides and invisible format characters: a report is
// read on terminals, and a server's body must not be able to move the cursor or reorder text.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]+/g;

/** Server text made safe to print: unprintable runs become one space, spaces collapsed. */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, ' ').replace(/ {2,}/g, ' ').trim();
}

/**
 * `“…around the match…”`: the match, up to 60 characters before it and `after` characters after
 * it, made printable.
 */
export function excerpt(text: string, at: number, length: number, after = 60): string {
  const start = Math.max(0, at - 60);
  const end = Math.min(text.length, at + length + after);
  const body = printable(text.slice(start, end));
  return `“${start > 0 ? '…' : ''}${body}${end < text.length ? '…' : ''}”`;
}

/** A field value as evidence: `name: value` (made printable, at most 120 characters). */
export function field(name: string, value: string | undefined): string {
  if (value === undefined) return `no ${name} field`;
  const shown = printable(value);
  return `${name}: ${shown.length > 120 ? `${shown.slice(0, 120)}…` : shown}`;
}

/** The media type of an answer, lower-case, without parameters; `''` when there is none. */
export function mediaType(answer: Answer): string {
  return (answer.headers['content-type'] ?? '').replace(/;.*/s, '').trim().toLowerCase();
}

/** Whether the answer is an error response (4xx or 5xx). */
export const isError = (answer: Answer): boolean => (answer.status ?? 0) >= 400;

/**
 * Fields that differ from one response to the next for reasons of their own (time, request
 * ids, tracing, framing, cookies), left out when two responses' fields are compared.
 */
export const VOLATILE = new Set([
  'age',
  'cf-ray',
  'connection',
  'content-length',
  'date',
  'etag',
  'expires',
  'keep-alive',
  'last-modified',
  'request-id',
  'server-timing',
  'set-cookie',
  'traceparent',
  'tracestate',
  'transfer-encoding',
  'via',
  'x-amz-cf-id',
  'x-amzn-requestid',
  'x-correlation-id',
  'x-request-id',
  'x-response-time',
  'x-trace-id',
]);

/** The names of an answer's fields that two equivalent responses share. */
export function stableNames(answer: Answer): string[] {
  return Object.keys(answer.headers)
    .filter((name) => !VOLATILE.has(name))
    .sort();
}
