// The tables the command-line tool and the report print from the same results (issue 13, item 9):
// the decimals of a column of the tool's text tables, a level and its change in one unit, weighted
// and unweighted figures labelled, and a figure computed on a subset saying so. The tool's tables
// are rendered from the example survey's analysis in-process (analysisSections + renderTables, as
// `analyze --format table` does); the report is the example report of test/report/example.ts.
import { beforeAll, describe, expect, it } from 'vitest';
import { columnDecimals, formatCell, MAX_DECIMALS, renderTables, type Table } from '../../src/cli/output.js';
import { analysisSections } from '../../src/cli/sections.js';
import type { Analysis } from '../../src/index.js';
import { exampleReport, flat, sectionOf } from '../report/example.js';
import type { Element, ParsedTable } from '../report/html.js';

let expected: Analysis;
let tables: Table[];
let doc: Element;
let reportTables: ParsedTable[];

beforeAll(async () => {
  const example = await exampleReport();
  ({ expected, doc } = example);
  reportTables = example.tables;
  tables = analysisSections(expected).map((s) => s.table);
});

/** A table as the tool prints it, cut into cells by the widths of its dashed line. */
function printed(t: Table): { columns: string[]; rows: string[][] } {
  const lines = renderTables([t]).split('\n');
  const dashes = lines[3]!;
  const spans: [number, number][] = [];
  for (const m of dashes.matchAll(/-+/g)) spans.push([m.index!, m.index! + m[0].length]);
  const cut = (line: string) => spans.map(([a, b]) => line.slice(a, b).trim());
  const end = lines.indexOf('', 4);
  return { columns: cut(lines[2]!), rows: lines.slice(4, end).map(cut) };
}

function toolTable(titleStart: string): Table {
  const found = tables.filter((t) => t.title.startsWith(titleStart));
  expect(found.length, `one table titled "${titleStart}..."`).toBe(1);
  return found[0]!;
}

/** The printed cell of the row whose first cells read `labels`, under `column`. */
function printedCell(t: Table, labels: readonly string[], column: string): string {
  const p = printed(t);
  const row = p.rows.filter((r) => labels.every((l, j) => r[j] === l));
  expect(row.length, `${t.title}: one row ${labels.join(' / ')}`).toBe(1);
  const j = p.columns.indexOf(column);
  expect(j, `${t.title}: column ${column} in ${p.columns.join(', ')}`).toBeGreaterThanOrEqual(0);
  return row[0]![j]!;
}

const decimalsOf = (text: string) => (text.includes('.') ? text.split('.')[1]!.length : 0);
const fixed = (text: string) => /^-?\d+(\.\d+)?$/.test(text);

describe('the tables of the command-line tool and the report', () => {
  it('a column shows all its numbers with the same decimals, chosen from its values', () => {
    // Every table of the example analysis: within a column (a row, for the segment profiles)
    // every number in fixed notation has the same decimals.
    let checked = 0;
    for (const table of tables) {
      const p = printed(table);
      const byRow = table.decimalsBy === 'row';
      const groups = byRow ? p.rows.map((r) => r.slice(1)) : p.columns.map((_, j) => p.rows.map((r) => r[j]!));
      const numeric = byRow
        ? groups.map(() => true)
        : p.columns.map((_, j) => table.rows.every((r) => typeof r[j] === 'number' || r[j] === null || r[j] === undefined));
      groups.forEach((cells, g) => {
        if (!numeric[g]) return;
        const shown = cells.filter(fixed);
        if (shown.length < 2) return;
        checked += 1;
        expect(
          new Set(shown.map(decimalsOf)).size,
          `${table.title}: ${byRow ? `row ${p.rows[g]![0]}` : `column ${p.columns[g]}`}: ${shown.join(' ')}`,
        ).toBe(1);
      });
    }
    expect(checked).toBeGreaterThan(50);
    // The segment shares of the issue, now 4 decimals each.
    const seg = expected.segmentation!.segments;
    const segments = toolTable('Loyalty segments');
    for (const s of seg.segments) expect(printedCell(segments, [s], 'share (unweighted)')).toBe(seg.shares[s].toFixed(4));
  });

  it('the rule: enough decimals for three significant digits of the smallest magnitude, at most four', () => {
    // The column of issue 13: the smallest non-zero magnitude, 0.000461, would need 6 decimals
    // for three significant digits (0.000461); the cap is 4.
    expect(MAX_DECIMALS).toBe(4);
    expect(columnDecimals([0.3464, 0.08503, 0.000461])).toBe(4);
    const t: Table = {
      title: 'shares',
      columns: ['segment', 'share'],
      rows: [
        ['a', 0.3464],
        ['b', 0.08503],
        ['c', 0.000461],
      ],
    };
    expect(printed(t).rows.map((r) => r[1])).toEqual(['0.3464', '0.0850', '0.0005']);
    // Three significant digits of the smallest magnitude m: 2 - floor(log10 m) decimals.
    expect(columnDecimals([0.3464, 0.08503])).toBe(4); // 2 - floor(log10 0.08503) = 2 + 2
    expect(columnDecimals([0.3464, 0.1534])).toBe(3); // 2 - floor(log10 0.1534) = 2 + 1
    expect(columnDecimals([-16.2, 53.21, 1.5])).toBe(2); // 2 - floor(log10 1.5) = 2
    expect(columnDecimals([664, 163])).toBe(0); // counts stay whole
    expect(columnDecimals([280.2, 185.03])).toBe(0); // 2 - floor(log10 185) = 0
    // Too small for the cap: e-notation, three significant digits; zero without a sign.
    expect(formatCell(6.538e-6, 3)).toBe('6.54e-6');
    expect(formatCell(-0.00001, 2)).toBe('-1.00e-5');
    expect(formatCell(-0.0004, 3)).toBe('-4.00e-4');
    expect(formatCell(0, 3)).toBe('0.000');
  });

  it('a level and its change are in the same unit, named in a unit column', () => {
    const w = expected.waves!;
    const cmp = w.comparisons[0]!;
    // CSAT is a percentage in each wave (53.47 % satisfied) and its change a difference of
    // proportions in the result (-0.005385): the tool shows the change times 100, in percentage points.
    const waves = toolTable('Waves (');
    expect(printedCell(waves, ['1', 'CSAT'], 'unit')).toBe('% satisfied');
    expect(Number(printedCell(waves, ['1', 'CSAT'], 'estimate'))).toBeCloseTo(w.waves[0]!.csat!.estimate, 3);
    expect(printedCell(waves, ['1', 'retention'], 'unit')).toBe('% retained');
    expect(Number(printedCell(waves, ['1', 'retention'], 'estimate'))).toBeCloseTo(100 * w.waves[0]!.retention!.estimate, 3);
    const changes = toolTable('Changes between waves');
    expect(printedCell(changes, ['1 -> 2', 'CSAT'], 'unit')).toBe('percentage points');
    const shown = printedCell(changes, ['1 -> 2', 'CSAT'], 'difference');
    expect(Number(shown)).toBeCloseTo(100 * cmp.csat!.estimate, decimalsOf(shown) - 1);
    expect(Number(printedCell(changes, ['1 -> 2', 'CSAT'], 'upper'))).toBeCloseTo(100 * cmp.csat!.confidenceInterval[1], 3);
    expect(printedCell(changes, ['1 -> 2', 'retention'], 'unit')).toBe('percentage points');
    expect(printedCell(changes, ['1 -> 2', 'NPS'], 'unit')).toBe('points');
    // The indices: retention and churn in percent, as the waves show them.
    const indices = toolTable('Loyalty indices');
    expect(printedCell(indices, ['Retention rate'], 'unit')).toBe('% retained');
    expect(Number(printedCell(indices, ['Churn rate'], 'estimate'))).toBeCloseTo(100 * (1 - expected.indices.retention!.estimate), 1);
    // The JSON is the library's result: unchanged (the CSAT change stays a proportion there).
    expect(Math.abs(cmp.csat!.estimate)).toBeLessThan(0.05);
  });

  it('weighted and unweighted figures are labelled', () => {
    const seg = expected.segmentation!;
    expect(seg.profile.weighted).toBe(true);
    // The tool: the segment shares are unweighted counts, the profile shares weighted.
    expect(printed(toolTable('Loyalty segments')).columns).toContain('share (unweighted)');
    expect(toolTable('Loyalty segments').note).toContain('Counts and shares are unweighted.');
    const profiles = toolTable('Segment profiles');
    expect(profiles.title).toBe('Segment profiles (weighted by weight)');
    expect(printed(profiles).rows.map((r) => r[0])).toContain('share (weighted)');
    expect(toolTable('Differences across segments').title).toBe('Differences across segments (unweighted)');
    // The report: the same labels.
    const sizes = reportTables.filter((t) => t.caption.startsWith('Loyalty segments'))[0]!;
    expect(sizes.headers).toContain('Share (unweighted)');
    const profile = reportTables.filter((t) => t.caption.startsWith('Segment profiles'))[0]!;
    expect(profile.rows.map((r) => flat(r[0]!))).toContain('Share (weighted)');
  });

  it('the what-if NPS says it is on the complete cases of the model', () => {
    const effect = expected.outcomes[0]!.whatIf![0]!;
    const headline = expected.indices.nps!;
    expect(effect.n).toBeLessThan(headline.n); // 1596 complete cases of 2000 answers
    expect(effect.nps!.baseline.estimate).not.toBeCloseTo(headline.estimate, 1);
    const t = toolTable('What if a driver rises');
    expect(t.note).toContain(`NPS now and predicted are on the ${effect.n} complete cases of the model`);
    expect(t.note).toContain(`The headline NPS, ${headline.estimate.toFixed(1)}, is on all ${headline.n} answers.`);
    const section = flat(sectionOf(doc, 'what-if'));
    expect(section).toContain(`NPS now and predicted are on the ${effect.n.toLocaleString('en-US')} complete cases of the model`);
    expect(section).toContain(`complete cases of the model.`);
  });
});
