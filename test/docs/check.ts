/**
 * The `// =>` checker of documentation examples (TSDoc `@example` blocks under src/, the README,
 * the guides that test/docs/site.test.ts runs). examples.ts finds each `// =>` and the code it
 * belongs to; this file reads the expected value and compares it. Anything the checker cannot
 * read is an error naming the file, the example and the line: a `// =>` never checks nothing.
 *
 * WHERE a `// =>` may stand (anything else is an error):
 *   - after an expression statement, on its last line:      `nps(x).estimate; // => 20`
 *   - on the line after one (for a long call or value):      `nps(x, { ... });` / `// => { ... }`
 *   - after `const name = value;` (checks `name`):            `const rows = f(df); // => [...]`
 *   - after `console.log(a, b);`: the logged values, separated by spaces: `// => 'string' -16.2`
 *   One `// =>` per statement; it may be inside a block (a `catch`, a loop), but it must run:
 *   an example whose `// =>` line is never reached fails ("never ran").
 *
 * WHAT may follow `// =>`: one value (or, after console.log, one per argument), then optionally
 * commentary in parentheses, which is not checked: `// => 0.85  ((210 - 40) / 200)`.
 *   - number, written in full: equal to within 1e-12 relative (1e-12 absolute at 0), i.e. the
 *     value as JavaScript prints it: `// => 0.44047619047619047`, `// => 2375`, `// => 1e-8`.
 *   - number ending in `...`: the value to the digits written, truncated or rounded at the last
 *     digit: `0.829...` accepts [0.8285, 0.830), not 0.8284 or 0.8301. Use it for every number
 *     shown to fewer digits than JavaScript prints (a rounded number without `...` fails).
 *   - string in single (or double) quotes, with \' \" \\ \n escapes: equal exactly.
 *   - `true`, `false`, `null`, `undefined`: identical.
 *   - array `[a, b]`: same length, each element by these rules; `[a, b, ...]`: at least these
 *     first elements.
 *   - object `{ key: value }`: exactly these keys (keys whose value is undefined do not count),
 *     each value by these rules; `{ key: value, ... }` (or `…`): these keys, others may exist.
 *     Keys are names, numbers or quoted strings (`{ 0: 0, 'confidenceInterval.lower': 1 }`).
 *     Values nest: `{ a: { b: [1, 2.5...] }, ... }`.
 * Nothing else is a value: prose (`about 0.8`, `x 0.5 y 0.7`) is an error.
 */

export type Expected =
  | { readonly kind: 'number'; readonly value: number; readonly text: string; readonly digits: number | null }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'literal'; readonly value: boolean | null | undefined; readonly text: string }
  | { readonly kind: 'array'; readonly items: readonly Expected[]; readonly partial: boolean }
  | { readonly kind: 'object'; readonly entries: readonly (readonly [string, Expected])[]; readonly partial: boolean };

/** An expected text the checker cannot read. `column` is 0-based in the text after `// =>`. */
export class ExpectedSyntaxError extends Error {
  constructor(
    message: string,
    readonly column: number,
  ) {
    super(message);
    this.name = 'ExpectedSyntaxError';
  }
}

const NUMBER = /^-?(?:\d+(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?(?:\.\.\.)?/i;
const IDENT = /^[A-Za-z_$][\w$]*/;

class Reader {
  pos = 0;
  constructor(readonly text: string) {}
  fail(what: string): never {
    const near = this.text.slice(this.pos, this.pos + 20);
    throw new ExpectedSyntaxError(`${what} at column ${this.pos + 1}${near ? ` (at "${near}")` : ' (at the end)'}`, this.pos);
  }
  space(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos]!)) this.pos++;
  }
  rest(): string {
    return this.text.slice(this.pos);
  }
  eat(s: string): boolean {
    this.space();
    if (this.text.startsWith(s, this.pos)) {
      this.pos += s.length;
      return true;
    }
    return false;
  }
  ellipsis(): boolean {
    return this.eat('...') || this.eat('…');
  }
  value(): Expected {
    this.space();
    const c = this.text[this.pos];
    if (c === '[') return this.array();
    if (c === '{') return this.object();
    if (c === "'" || c === '"') return { kind: 'string', value: this.string() };
    const num = NUMBER.exec(this.rest());
    if (num && !/^[\w$]/.test(this.text.slice(this.pos + num[0].length))) {
      this.pos += num[0].length;
      return number(num[0]);
    }
    const word = IDENT.exec(this.rest());
    if (word) {
      const literals: Record<string, boolean | null | undefined> = { true: true, false: false, null: null, undefined };
      if (Object.hasOwn(literals, word[0])) {
        this.pos += word[0].length;
        return { kind: 'literal', value: literals[word[0]], text: word[0] };
      }
    }
    return this.fail('expected a value (number, quoted string, true/false/null/undefined, [array] or { object })');
  }
  string(): string {
    const quote = this.text[this.pos]!;
    let out = '';
    this.pos++;
    while (this.pos < this.text.length) {
      const c = this.text[this.pos]!;
      if (c === quote) {
        this.pos++;
        return out;
      }
      if (c === '\\') {
        const e = this.text[this.pos + 1];
        const map: Record<string, string> = { n: '\n', t: '\t', '\\': '\\', "'": "'", '"': '"' };
        if (e === undefined || map[e] === undefined) this.fail('unknown escape in string');
        out += map[e]!;
        this.pos += 2;
      } else {
        out += c;
        this.pos++;
      }
    }
    return this.fail('unterminated string');
  }
  array(): Expected {
    this.pos++; // [
    const items: Expected[] = [];
    let partial = false;
    if (this.eat(']')) return { kind: 'array', items, partial };
    for (;;) {
      if (this.ellipsis()) {
        partial = true;
        if (!this.eat(']')) this.fail('"..." must end an array');
        return { kind: 'array', items, partial };
      }
      items.push(this.value());
      if (this.eat(']')) return { kind: 'array', items, partial };
      if (!this.eat(',')) this.fail('expected "," or "]" in array');
    }
  }
  object(): Expected {
    this.pos++; // {
    const entries: [string, Expected][] = [];
    let partial = false;
    if (this.eat('}')) return { kind: 'object', entries, partial };
    for (;;) {
      if (this.ellipsis()) {
        partial = true;
        if (!this.eat('}')) this.fail('"..." must end an object');
        return { kind: 'object', entries, partial };
      }
      this.space();
      let key: string;
      const c = this.text[this.pos];
      if (c === "'" || c === '"') key = this.string();
      else {
        const m = /^(?:[A-Za-z_$][\w$]*|\d+)/.exec(this.rest());
        if (!m) this.fail('expected a key in object');
        key = m[0];
        this.pos += key.length;
      }
      if (!this.eat(':')) this.fail(`expected ":" after key ${key}`);
      if (entries.some(([k]) => k === key)) this.fail(`key ${key} twice`);
      entries.push([key, this.value()]);
      if (this.eat('}')) return { kind: 'object', entries, partial };
      if (!this.eat(',')) this.fail('expected "," or "}" in object');
    }
  }
  /** Optional commentary: one balanced parenthesised group, then the end of the text. */
  commentary(): void {
    this.space();
    if (this.pos === this.text.length) return;
    if (this.text[this.pos] !== '(') this.fail('unexpected text after the value (commentary goes in parentheses)');
    let depth = 0;
    for (; this.pos < this.text.length; this.pos++) {
      const c = this.text[this.pos];
      if (c === '(') depth++;
      if (c === ')' && --depth === 0) {
        this.pos++;
        this.space();
        if (this.pos < this.text.length) this.fail('unexpected text after the commentary');
        return;
      }
    }
    this.fail('unclosed "(" in the commentary');
  }
}

function number(text: string): Expected {
  const dots = text.endsWith('...');
  const body = dots ? text.slice(0, -3) : text;
  const value = Number(body);
  if (!Number.isFinite(value)) throw new ExpectedSyntaxError(`not a finite number: ${text}`, 0);
  if (!dots) return { kind: 'number', value, text, digits: null };
  const [mantissa, exponent] = body.toLowerCase().split('e');
  const decimals = (mantissa!.split('.')[1] ?? '').length - Number(exponent ?? 0);
  return { kind: 'number', value, text, digits: decimals };
}

/**
 * Reads the text after `// =>`: `count` values separated by white space (1 unless the line
 * logs several), then optional commentary in parentheses.
 */
export function parseExpected(text: string, count = 1): Expected[] {
  const r = new Reader(text);
  const values: Expected[] = [];
  for (let i = 0; i < count; i++) {
    if (i > 0 && !/^\s/.test(r.rest())) r.fail(`expected ${count} values separated by spaces (one per console.log argument)`);
    values.push(r.value());
  }
  r.commentary();
  return values;
}

function show(e: Expected): string {
  switch (e.kind) {
    case 'number':
      return e.text;
    case 'string':
      return JSON.stringify(e.value);
    case 'literal':
      return e.text;
    case 'array':
      return `[${[...e.items.map(show), ...(e.partial ? ['...'] : [])].join(', ')}]`;
    case 'object':
      return `{ ${[...e.entries.map(([k, v]) => `${k}: ${show(v)}`), ...(e.partial ? ['...'] : [])].join(', ')} }`;
  }
}

function shown(actual: unknown): string {
  if (actual === undefined) return 'undefined';
  if (typeof actual === 'number' && !Number.isFinite(actual)) return String(actual);
  try {
    const s = JSON.stringify(actual);
    return s.length > 200 ? `${s.slice(0, 200)}...` : s;
  } catch {
    return String(actual);
  }
}

function numberMatches(actual: number, e: Extract<Expected, { kind: 'number' }>): boolean {
  if (e.digits === null)
    return Math.abs(actual - e.value) <= 1e-12 * Math.max(1, Math.abs(e.value)) && (e.value !== 0 || Math.abs(actual) <= 1e-12);
  const unit = 10 ** -e.digits;
  const slack = 1e-9 * unit; // the decimal digits themselves are not exact in binary
  const diff = actual - e.value;
  const rounded = Math.abs(diff) <= unit / 2 + slack;
  const toward = e.value === 0 ? Math.abs(diff) : Math.sign(e.value) * diff; // truncation moves towards 0
  const truncated = toward >= -slack && toward < unit - slack;
  return rounded || truncated;
}

/** Where `actual` differs from `expected`: a description, or null when it matches. */
export function mismatch(actual: unknown, expected: Expected, path = ''): string | null {
  const here = path || 'the value';
  const differs = (what: string): string => `${here}: expected ${what}, got ${shown(actual)}`;
  switch (expected.kind) {
    case 'number':
      if (typeof actual !== 'number' || !numberMatches(actual, expected)) {
        return differs(expected.digits === null ? expected.text : `${expected.text} (${expected.digits} decimals, truncated or rounded)`);
      }
      return null;
    case 'string':
      return actual === expected.value ? null : differs(JSON.stringify(expected.value));
    case 'literal':
      return actual === expected.value ? null : differs(expected.text);
    case 'array': {
      if (!Array.isArray(actual)) return differs(`an array ${show(expected)}`);
      const n = expected.items.length;
      if (expected.partial ? actual.length < n : actual.length !== n) {
        return differs(`${expected.partial ? 'at least ' : ''}${n} elements ${show(expected)}`);
      }
      for (let i = 0; i < n; i++) {
        const m = mismatch(actual[i], expected.items[i]!, `${path}[${i}]`);
        if (m) return m;
      }
      return null;
    }
    case 'object': {
      if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) return differs(`an object ${show(expected)}`);
      const record = actual as Record<string, unknown>;
      for (const [key, value] of expected.entries) {
        const child = /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
        if (!(key in record))
          return `${child}: expected ${show(value)}, but there is no such key (keys: ${Object.keys(record).join(', ')})`;
        const m = mismatch(record[key], value, child);
        if (m) return m;
      }
      if (!expected.partial) {
        const listed = new Set(expected.entries.map(([k]) => k));
        const extra = Object.keys(record).filter((k) => !listed.has(k) && record[k] !== undefined);
        if (extra.length > 0)
          return `${here}: has keys the example does not list: ${extra.join(', ')} (end the object with ", ..." if that is meant)`;
      }
      return null;
    }
  }
}

export interface CheckSite {
  /** `file:line (example of name)` */
  readonly where: string;
  /** The text after `// =>`. */
  readonly text: string;
  /** How many values the line checks: the number of console.log arguments, else 1. */
  readonly count: number;
  /** A console.log line: the value passed to the checker is the array of its arguments. */
  readonly logged: boolean;
}

/** A failed `// =>` check. */
export class ExampleCheckError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExampleCheckError';
  }
}

/**
 * The checker a materialized example calls: `check(i, value)` for site i (with console.log,
 * `value` is the array of logged values), and `check.done()` at the end, which fails if a site
 * never ran.
 */
export function checker(sites: readonly CheckSite[]): ((i: number, actual: unknown) => void) & { done: () => void } {
  const ran = new Set<number>();
  const check = (i: number, actual: unknown): void => {
    const site = sites[i]!;
    ran.add(i);
    const expected = parseExpected(site.text, site.count);
    const values = site.logged ? (actual as unknown[]) : [actual];
    expected.forEach((e, k) => {
      const m = mismatch(values[k], e, site.count === 1 ? '' : `logged value ${k + 1}`);
      if (m) throw new ExampleCheckError(`${site.where}: "// => ${site.text}" does not hold: ${m}`);
    });
  };
  return Object.assign(check, {
    done: (): void => {
      const missed = sites.filter((_, i) => !ran.has(i));
      if (missed.length > 0)
        throw new ExampleCheckError(`${missed.map((s) => s.where).join('; ')}: "// =>" line never ran, so it checks nothing`);
    },
  });
}
