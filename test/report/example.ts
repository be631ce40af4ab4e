/**
 * The example survey (examples/data) read as the command-line tool reads it, its analysis, and
 * helpers that tie the report's marked-up numbers back to the analysis.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { analyze, type Analysis } from '../../src/index.js';
import { readData, readModel } from '../../src/io/index.js';
import type { LoyaltyModel } from '../../src/model/types.js';
import type { Row } from '../../src/types.js';
import { renderReport } from '../../src/report/index.js';
import { byTag, elements, findAll, hasClass, parseHtml, tables, textOf, type Element, type ParsedTable } from './html.js';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DATA = join(ROOT, 'examples', 'data', 'loyalty-survey.csv');
export const MODEL = join(ROOT, 'examples', 'data', 'model.json');

export async function loadExample(): Promise<{ rows: readonly Row[]; model: LoyaltyModel }> {
  const model = await readModel(MODEL);
  const { rows } = await readData(DATA, { model });
  return { rows, model };
}

/** The library's result after a JSON round trip (what `analyze --format json` prints). */
export function plainAnalysis(rows: readonly Row[], model: LoyaltyModel, options: Parameters<typeof analyze>[2] = {}): Analysis {
  return JSON.parse(JSON.stringify(analyze(rows, model, options))) as Analysis;
}

/** The value an RFC 6901 pointer locates (undefined when it does not exist). */
export function resolvePointer(root: unknown, pointer: string): unknown {
  expect(pointer.startsWith('/')).toBe(true);
  let value: unknown = root;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (value === null || typeof value !== 'object' || !Object.prototype.hasOwnProperty.call(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** The number as shown: value, complemented and scaled as the markup says. */
export function shownQuantity(e: Element): number {
  const value = Number(e.attributes['value']);
  const complemented = 'data-complement' in e.attributes ? 1 - value : value;
  return complemented * (e.attributes['data-scale'] === undefined ? 1 : Number(e.attributes['data-scale']));
}

/**
 * Checks that a `<data>` element's text is its value correctly rounded: the text parsed back
 * (`%`, `+` and thousands commas dropped) is within half a unit of its last decimal of the
 * value; `< 0.001` requires the value below 0.001.
 */
export function expectShownCorrectly(e: Element): void {
  const text = textOf(e).trim();
  const x = shownQuantity(e);
  const where = `${e.attributes['data-path'] ?? e.attributes['data-rule']}: "${text}" for ${x}`;
  if (text.startsWith('< ')) {
    expect(x, where).toBeLessThan(Number(text.slice(2)));
    return;
  }
  expect(text, where).toMatch(/^[+-]?\d{1,3}(,\d{3})*(\.\d+)?%?$|^[+-]?\d+(\.\d+)?%?$/);
  const cleaned = text.replace(/[,%+]/g, '');
  const shown = Number(cleaned);
  const decimals = (cleaned.split('.')[1] ?? '').length;
  expect(Math.abs(shown - x), where).toBeLessThanOrEqual(0.5 * 10 ** -decimals * (1 + 1e-12) + 1e-12);
  if (text.startsWith('+')) expect(x, where).toBeGreaterThan(0);
  if (shown !== 0 && !text.startsWith('-')) expect(x, where).toBeGreaterThan(0);
}

const DOMINANCE_WORDS: Record<string, string> = { 1: 'dominates', 0.5: 'neither', 0: 'is dominated' };

/**
 * Every `<data>` of the page: a number with a path must be identical (toBe) to the value the
 * path locates in `expected` and shown correctly rounded; a coded one must be the word of its
 * value; a rule is collected. Returns how many numbers there are and the rules used.
 */
export function expectMarkedNumbers(doc: Element, expected: unknown): { count: number; rules: string[] } {
  const data = byTag(doc, 'data');
  const rules = new Set<string>();
  for (const d of data) {
    const a = d.attributes;
    if (a['data-rule'] !== undefined) {
      rules.add(`${a['data-rule']}=${a['value']}`);
      expectShownCorrectly(d);
      continue;
    }
    const actual = resolvePointer(expected, a['data-path']!);
    if (a['data-coded'] !== undefined) {
      expect(String(actual), a['data-path']).toBe(a['value']);
      expect(textOf(d)).toBe(DOMINANCE_WORDS[a['value']!]);
      continue;
    }
    expect(typeof actual, a['data-path']).toBe('number');
    expect(Number(a['value']), a['data-path']).toBe(actual);
    expectShownCorrectly(d);
  }
  return { count: data.length, rules: [...rules] };
}

/**
 * No digit in the page's text outside `<data>`, the charts, names (`span.name`) and the
 * library's own messages; every numeric table cell holds a marked-up number or the dash.
 */
export function expectNoStrayFigures(doc: Element): void {
  const body = byTag(doc, 'body')[0]!;
  const text = textOf(body, (e) => e.tag === 'data' || e.tag === 'svg' || hasClass(e, 'name') || hasClass(e, 'message'));
  const stray = [...text.matchAll(/[0-9]/g)].map((m) => text.slice(Math.max(0, m.index! - 30), m.index! + 30));
  expect(stray).toEqual([]);
  for (const td of findAll(doc, (e) => e.tag === 'td' && hasClass(e, 'num'))) {
    const marked = byTag(td, 'data').length >= 1 || (elements(td).length === 1 && hasClass(elements(td)[0]!, 'none'));
    expect(marked, textOf(td)).toBe(true);
  }
}

/** The example survey's report as the tool renders it, parsed, with its expected analysis. */
export interface ExampleReport {
  readonly rows: readonly Row[];
  readonly model: LoyaltyModel;
  /** The analysis after a JSON round trip (what the report's numbers point into). */
  readonly expected: Analysis;
  readonly html: string;
  readonly doc: Element;
  readonly tables: ParsedTable[];
}

export async function exampleReport(): Promise<ExampleReport> {
  const { rows, model } = await loadExample();
  const html = await renderReport(analyze(rows, model), { rows });
  const doc = parseHtml(html); // throws on any unbalanced or misnested tag
  return { rows, model, expected: plainAnalysis(rows, model), html, doc, tables: tables(doc) };
}

/** A report section by id, its opening reading, and an element's whitespace-collapsed text. */
export const sectionOf = (doc: Element, id: string): Element => findAll(doc, (e) => e.tag === 'section' && e.attributes['id'] === id)[0]!;
export const readingOf = (doc: Element, id: string): Element => elements(sectionOf(doc, id)).find((e) => hasClass(e, 'reading'))!;
export const flat = (e: Element): string => textOf(e).replace(/\s+/g, ' ').trim();
