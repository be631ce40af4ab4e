/**
 * Seeded damage of a CSV text, of the kinds real exports suffer: a byte deleted, inserted or
 * flipped, a line doubled or lost, a cut-off file, missing-value strings in numbers, another
 * delimiter or line end, a byte-order mark, a renamed column, an extra field. Shared by the
 * command-line fuzz test and the columnar reader's equivalence test.
 */
import type { Random } from '../../src/internal/random.js';

export const pick = <T>(r: Random, xs: readonly T[]): T => xs[r.integer(xs.length)]!;

/** One seeded edit of a text: the damage of a bad export. */
export const edits: readonly ((t: string, r: Random) => string)[] = [
  (t, r) => {
    const i = r.integer(t.length);
    return t.slice(0, i) + t.slice(i + 1);
  },
  (t, r) => {
    const i = r.integer(t.length);
    return t.slice(0, i) + pick(r, ['"', ',', ';', '\t', '\n', '\r', '\0', '{', ']', '\\', 'é', '\uFFFD']) + t.slice(i);
  },
  (t, r) => {
    const i = r.integer(t.length);
    return t.slice(0, i) + String.fromCharCode(t.charCodeAt(i) ^ (1 << r.integer(7))) + t.slice(i + 1);
  },
  (t, r) => {
    const l = t.split('\n');
    const i = r.integer(l.length);
    l.splice(i, 0, l[i]!);
    return l.join('\n');
  },
  (t, r) => {
    const l = t.split('\n');
    l.splice(r.integer(l.length), 1);
    return l.join('\n');
  },
  (t, r) => t.slice(0, r.integer(t.length)),
  (t, r) =>
    t.replace(/\d+(\.\d+)?/g, (m) =>
      r.uniform() < 0.02 ? pick(r, ['', 'NA', 'n/a', '-', 'x', '1e308', '-99', '99999999999999999999', '5,5', 'Infinity', 'NaN']) : m,
    ),
  (t) => t.replace(/,/g, ';'),
  (t) => t.replace(/\n/g, '\r\n'),
  (t) => `\uFEFF${t}`,
  (t, r) => t.replace(pick(r, ['recommend', 'sat1', 'wave', 'weight', 'retained', 'tru2', 'spend_12m']), 'renamed'),
  (t, r) => {
    const l = t.split('\n');
    const i = 1 + r.integer(l.length - 1);
    l[i] = `${l[i]},extra`;
    return l.join('\n');
  },
];

/** The text after 1 to 3 edits drawn with `r` (which goes on from there). */
export function mutateCsv(text: string, r: Random): string {
  let t = text;
  const times = 1 + r.integer(3);
  for (let k = 0; k < times; k++) t = pick(r, edits)(t, r);
  return t;
}
