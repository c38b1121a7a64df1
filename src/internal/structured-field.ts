// RFC 9651 Structured Field Values: the serializers for the bare items the rate-limit fields
// write (String, Integer, Byte Sequence), and a parser for whole List fields. Parsing follows
// §4.2 to the letter — any syntax error fails the whole field, which the caller then ignores —
// and is linear: one forward pass, no regular expressions over the input.

import { isTchar } from './syntax.js';

/** A bare item (RFC 9651 §3.3) as parsed; the tag keeps Strings and Tokens apart. */
export type BareItem =
  | { type: 'integer' | 'decimal' | 'date'; value: number }
  | { type: 'string' | 'token' | 'displaystring'; value: string }
  | { type: 'binary'; value: Uint8Array }
  | { type: 'boolean'; value: boolean };

/** An Item or Inner List member of a List, with its Parameters (§3.1, §3.1.2). */
export type ListMember = {
  item: BareItem | BareItem[];
  params: Map<string, BareItem>;
};

const MAX_INTEGER = 999_999_999_999_999;

/** §3.3.1: an Integer is at most 15 digits. */
export function isSfInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && Math.abs(value) <= MAX_INTEGER;
}

/** §3.3.3: a String holds printable ASCII only (%x20-7E). */
export function isSfString(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

/** §4.1.6: a String, `"` and `\` escaped. The caller has checked {@link isSfString}. */
export function serializeString(value: string): string {
  let out = '"';
  for (const ch of value) out += ch === '"' || ch === '\\' ? `\\${ch}` : ch;
  return `${out}"`;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** §4.1.8: a Byte Sequence, base64 (RFC 4648 §4) with padding, between colons. */
export function serializeBinary(bytes: Uint8Array): string {
  let out = ':';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] as number;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += B64[n >> 18];
    out += B64[(n >> 12) & 63];
    out += b === undefined ? '=' : B64[(n >> 6) & 63];
    out += c === undefined ? '=' : B64[n & 63];
  }
  return `${out}:`;
}

type Decoder = new (
  label: string,
  options: { fatal: boolean },
) => { decode(input: Uint8Array): string };

/** §4.2.3.3 key characters after the first: lcalpha, DIGIT, `_`, `-`, `.`, `*`. */
function isKeyChar(c: number): boolean {
  return (
    (c >= 0x61 && c <= 0x7a) ||
    (c >= 0x30 && c <= 0x39) ||
    c === 0x5f ||
    c === 0x2d ||
    c === 0x2e ||
    c === 0x2a
  );
}

/** §4.2.6 token characters after the first: tchar (RFC 9110 §5.6.2), `:` and `/`. */
function isTokenChar(c: number): boolean {
  return isTchar(c) || c === 0x3a || c === 0x2f;
}

class Fail extends Error {}

/** A cursor over one field value; each method consumes what it reads or throws {@link Fail}. */
class Parser {
  i = 0;
  constructor(readonly s: string) {}

  peek(): number {
    return this.s.charCodeAt(this.i); // NaN at the end, which matches no test below
  }

  fail(): never {
    throw new Fail();
  }

  skipSp(): void {
    while (this.peek() === 0x20) this.i++;
  }

  skipOws(): void {
    while (this.peek() === 0x20 || this.peek() === 0x09) this.i++;
  }

  /** §4.2.1 */
  list(): ListMember[] {
    const members: ListMember[] = [];
    while (this.i < this.s.length) {
      members.push(this.peek() === 0x28 ? this.innerList() : this.item());
      this.skipOws();
      if (this.i >= this.s.length) return members;
      if (this.peek() !== 0x2c) this.fail();
      this.i++;
      this.skipOws();
      if (this.i >= this.s.length) this.fail(); // a trailing comma
    }
    return members;
  }

  /** §4.2.1.2 */
  innerList(): ListMember {
    this.i++; // (
    const items: BareItem[] = [];
    for (;;) {
      this.skipSp();
      if (this.peek() === 0x29) {
        this.i++;
        return { item: items, params: this.params() };
      }
      // Parameters of the items of an inner list are parsed and not kept: nothing here uses them.
      items.push(this.bareItem());
      this.params();
      const c = this.peek();
      if (c !== 0x20 && c !== 0x29) this.fail();
    }
  }

  /** §4.2.3 */
  item(): ListMember {
    const item = this.bareItem();
    return { item, params: this.params() };
  }

  /** §4.2.3.2: a repeated key keeps its last value. */
  params(): Map<string, BareItem> {
    const params = new Map<string, BareItem>();
    while (this.peek() === 0x3b) {
      this.i++;
      this.skipSp();
      const key = this.key();
      let value: BareItem = { type: 'boolean', value: true };
      if (this.peek() === 0x3d) {
        this.i++;
        value = this.bareItem();
      }
      params.set(key, value);
    }
    return params;
  }

  /** §4.2.3.3: lcalpha or `*`, then lcalpha, DIGIT, `_`, `-`, `.`, `*`. */
  key(): string {
    const start = this.i;
    const first = this.peek();
    if (!((first >= 0x61 && first <= 0x7a) || first === 0x2a)) this.fail();
    this.i++;
    return this.scan(start, isKeyChar);
  }

  /** Advances over the characters `ok` accepts (none at the end); the text from `start`. */
  scan(start: number, ok: (c: number) => boolean): string {
    while (ok(this.peek())) this.i++;
    return this.s.slice(start, this.i);
  }

  /** §4.2.3.1 */
  bareItem(): BareItem {
    const c = this.peek();
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return this.number();
    if (c === 0x22) return { type: 'string', value: this.string() };
    if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x2a) return this.token();
    if (c === 0x3a) return { type: 'binary', value: this.binary() };
    if (c === 0x3f) return this.boolean();
    if (c === 0x40) return this.date();
    if (c === 0x25) return { type: 'displaystring', value: this.displayString() };
    return this.fail();
  }

  /** §4.2.4 */
  number(): BareItem {
    const start = this.i;
    if (this.peek() === 0x2d) this.i++;
    const digitsStart = this.i;
    let dot = -1;
    for (;;) {
      const c = this.peek();
      if (c >= 0x30 && c <= 0x39) {
        this.i++;
      } else if (c === 0x2e && dot === -1 && this.i > digitsStart) {
        dot = this.i;
        this.i++;
      } else {
        break;
      }
      const length = this.i - digitsStart;
      if ((dot === -1 && length > 15) || (dot !== -1 && length > 16)) this.fail();
    }
    if (this.i === digitsStart) this.fail();
    const text = this.s.slice(start, this.i);
    if (dot === -1) return { type: 'integer', value: Number(text) };
    const fraction = this.i - dot - 1;
    if (dot - digitsStart > 12 || fraction < 1 || fraction > 3) this.fail();
    return { type: 'decimal', value: Number(text) };
  }

  /** §4.2.5 */
  string(): string {
    this.i++; // "
    let out = '';
    let start = this.i;
    for (;;) {
      const c = this.peek();
      if (c === 0x5c) {
        const next = this.s.charCodeAt(this.i + 1);
        if (next !== 0x22 && next !== 0x5c) this.fail();
        out += this.s.slice(start, this.i);
        start = this.i + 1;
        this.i += 2;
      } else if (c === 0x22) {
        out += this.s.slice(start, this.i);
        this.i++;
        return out;
      } else if (c >= 0x20 && c <= 0x7e) {
        this.i++;
      } else {
        this.fail(); // a control, non-ASCII or the end before the closing quote
      }
    }
  }

  /** §4.2.6: ALPHA or `*`, then tchar, `:` or `/`. */
  token(): BareItem {
    const start = this.i;
    this.i++;
    return { type: 'token', value: this.scan(start, isTokenChar) };
  }

  /**
   * §4.2.7: lenient about missing `=` padding and non-zero pad bits, as it recommends; a length
   * that no padding can make whole (one character left over) is not base64 and fails.
   */
  binary(): Uint8Array {
    this.i++; // :
    const bytes: number[] = [];
    let bits = 0;
    let count = 0;
    let chars = 0;
    let padding = false;
    for (;;) {
      const ch = this.s[this.i];
      if (ch === undefined) this.fail();
      this.i++;
      if (ch === ':') {
        if (chars % 4 === 1) this.fail();
        return Uint8Array.from(bytes);
      }
      if (ch === '=') {
        padding = true;
        continue;
      }
      const v = B64.indexOf(ch);
      if (v === -1 || padding) this.fail();
      chars++;
      bits = (bits << 6) | v;
      count += 6;
      if (count >= 8) {
        count -= 8;
        bytes.push((bits >> count) & 0xff);
        bits &= (1 << count) - 1;
      }
    }
  }

  /** §4.2.8 */
  boolean(): BareItem {
    const c = this.s.charCodeAt(this.i + 1);
    if (c !== 0x30 && c !== 0x31) this.fail();
    this.i += 2;
    return { type: 'boolean', value: c === 0x31 };
  }

  /** §4.2.9 */
  date(): BareItem {
    this.i++; // @
    const n = this.number();
    if (n.type !== 'integer') this.fail();
    return { type: 'date', value: n.value as number };
  }

  /** §4.2.10: percent-encoded UTF-8 between `%"` and `"`. */
  displayString(): string {
    if (this.s.charCodeAt(this.i + 1) !== 0x22) this.fail();
    this.i += 2;
    const bytes: number[] = [];
    for (;;) {
      const c = this.peek();
      if (c === 0x25) {
        const hex = this.s.slice(this.i + 1, this.i + 3);
        if (!/^[0-9a-f]{2}$/.test(hex)) this.fail();
        bytes.push(Number.parseInt(hex, 16));
        this.i += 3;
      } else if (c === 0x22) {
        this.i++;
        const TextDecoder = (globalThis as unknown as { TextDecoder: Decoder }).TextDecoder;
        return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bytes));
      } else if (c >= 0x20 && c <= 0x7e) {
        bytes.push(c);
        this.i++;
      } else {
        this.fail();
      }
    }
  }
}

/**
 * Parses a List field (RFC 9651 §4.2 with §4.2.1): the field lines already joined with `, `.
 * Returns `undefined` when the value is not a valid List, as §4.2 has the whole field ignored
 * then. Never throws.
 */
export function parseList(value: string): ListMember[] | undefined {
  const parser = new Parser(value);
  try {
    parser.skipSp();
    const members = parser.list();
    parser.skipSp();
    return parser.i === value.length ? members : undefined;
  } catch {
    // Fail, or a TextDecoder refusing the bytes of a Display String: not a valid List.
    return undefined;
  }
}
