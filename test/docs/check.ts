/**
 * `// => expected` checker for documentation snippets. Understands: numbers (a trailing "..."
 * means "this many digits shown"), quoted strings, booleans, JSON arrays, and `{ key: value, ... }`
 * partial objects (each listed scalar key is checked; "..." means more keys exist). Text in
 * parentheses after the value is commentary and ignored.
 */
function near(actual: unknown, expected: string): boolean {
  const t = expected.trim();
  if (/^-?[\d.]+(e[-+]?\d+)?\.\.\.$/.test(t)) {
    const digits = t.slice(0, -3);
    const decimals = (digits.split('.')[1] ?? '').length;
    return typeof actual === 'number' && Math.abs(actual - Number(digits)) < 1.0000001 * 10 ** -decimals;
  }
  if (/^-?[\d.]+(e[-+]?\d+)?$/.test(t)) {
    const e = Number(t);
    return typeof actual === 'number' && Math.abs(actual - e) <= 1e-9 * Math.max(1, Math.abs(e));
  }
  if (t === 'true' || t === 'false') return actual === (t === 'true');
  if (/^'.*'$/.test(t)) return actual === t.slice(1, -1);
  return false;
}

function scalarPairs(body: string): [string, string][] {
  const pairs: [string, string][] = [];
  // Top-level `key: value` pairs whose value is a number, string or boolean.
  let depth = 0;
  let current = '';
  for (const ch of body) {
    if ('[{('.includes(ch)) depth++;
    if (']})'.includes(ch)) depth--;
    if (ch === ',' && depth === 0) {
      pairs.push(...parsePair(current));
      current = '';
    } else current += ch;
  }
  pairs.push(...parsePair(current));
  return pairs;
}

function parsePair(text: string): [string, string][] {
  const m = /^\s*(\w+):\s*(-?[\d.]+(?:e[-+]?\d+)?(?:\.\.\.)?|'[^']*'|true|false)\s*$/.exec(text);
  return m ? [[m[1]!, m[2]!]] : [];
}

export function check(actual: unknown, expectedText: string, source: string, logged = false): void {
  if (logged) {
    // console.log(a, b): the expected text lists the printed values separated by spaces.
    const values = actual as unknown[];
    const parts = values.length === 1 ? [expectedText] : expectedText.replace(/\s+\(.*\)\s*$/, '').trim().split(/\s+/);
    values.forEach((v, i) => check(v, parts[i] ?? '', source));
    return;
  }
  let t = expectedText.replace(/\s+\(.*\)\s*$/, '').replace(/\s+\/\/.*$/, '').trim();
  const fail = (why: string) => {
    throw new Error(`${source}: example says ${expectedText}, got ${JSON.stringify(actual)} (${why})`);
  };
  if (t.startsWith('{')) {
    t = t.replace(/^\{|\}$/g, '').replace(/(,\s*)?(\.\.\.|…)\s*$/, '');
    for (const [key, value] of scalarPairs(t)) {
      if (!near((actual as Record<string, unknown>)[key], value)) fail(`field ${key}`);
    }
    return;
  }
  if (t.startsWith('[') && !t.slice(1).includes('[')) {
    // Flat array: each element may carry its own "..." precision.
    const parts = t.slice(1, -1).split(',').map((x) => x.trim()).filter((x) => x.length > 0);
    if (!Array.isArray(actual) || actual.length !== parts.length || !parts.every((p, i) => near(actual[i], p))) fail('array');
    return;
  }
  if (t.startsWith('[')) {
    const expected = JSON.parse(t.replace(/'/g, '"').replace(/\.\.\./g, '')) as unknown;
    const walk = (a: unknown, e: unknown): boolean =>
      Array.isArray(e) ? Array.isArray(a) && a.length === e.length && e.every((x, i) => walk(a[i], x)) : near(a, JSON.stringify(e).replace(/"/g, "'"));
    if (!walk(actual, expected)) fail('array');
    return;
  }
  if (!near(actual, t)) fail('value');
}
