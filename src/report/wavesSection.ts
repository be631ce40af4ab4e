/**
 * Report section: indices, driver means and importance per wave, and the tests of their
 * changes between waves, with the trend charts.
 * @internal
 */
import { changeLabel, type ChangeLabel } from '../monitoring/changeLabel.js';
import type { CompareMeansResult } from '../monitoring/compareMeans.js';
import type { CompareNpsResult } from '../monitoring/compareNps.js';
import type { CompareProportionsResult } from '../monitoring/compareProportions.js';
import type { CompareWavesResult, WaveComparison } from '../monitoring/waveTypes.js';
import { at, LEVEL, listOf, name, NONE, num, type NumberFormat, pText, type Ref, table } from './markup.js';
import type { ReportSection, SectionContext } from './section.js';

const TESTS: Readonly<Record<string, string>> = {
  'nps-difference': 'z test', 'two-proportion': 'two-proportion test', 'welch-t': 'Welch t test', 'student-t': 'Student t test',
  'design-based-t': 'design-based t test', 'bootstrap percentile': 'bootstrap percentile interval',
};

/** One tested change: where it sits in the comparison, how to show it. */
interface Change {
  readonly label: string;
  readonly keys: readonly (string | number)[];
  readonly format: NumberFormat;
  readonly unit: string;
  /** p-value (tests) or null (bootstrap interval only). */
  readonly pValue: number | null;
  /** The change's reading (direction and significance), from {@link changeLabel}. */
  readonly reading: ChangeLabel;
  readonly test: string;
}

/** Every change a comparison reports, in reading order. */
function changesOf(c: WaveComparison): Change[] {
  const out: Change[] = [];
  const test = (label: string, keys: readonly (string | number)[], r: CompareNpsResult | CompareProportionsResult | CompareMeansResult | null, format: NumberFormat, unit: string) => {
    if (r) out.push({ label, keys, format, unit, pValue: r.pValue, reading: changeLabel(r), test: r.method });
  };
  test('NPS', ['nps'], c.nps, { digits: 1 }, ' points');
  test('CSAT', ['csat'], c.csat, { digits: 1, points: true }, ' points');
  test('retention', ['retention'], c.retention, { digits: 1, points: true }, ' points');
  test('Customer Loyalty Index', ['customerLoyaltyIndex'], c.customerLoyaltyIndex, { digits: 1 }, ' points');
  for (const [d, r] of Object.entries(c.drivers ?? {})) test(d, ['drivers', d], r, { digits: 2 }, '');
  for (const [d, r] of Object.entries(c.importance?.drivers ?? {})) {
    out.push({ label: `importance of ${d}`, keys: ['importance', 'drivers', d], format: { digits: 3 }, unit: ' R²', pValue: null, reading: changeLabel(r), test: 'bootstrap percentile' });
  }
  return out;
}

function reading(w: CompareWavesResult, r: Ref): string {
  const level = num(r, 'confidenceLevel', { ...LEVEL, complement: true });
  const several = w.comparisons.length > 1;
  const found: string[] = [];
  w.comparisons.forEach((c, k) => {
    for (const change of changesOf(c)) {
      if (!change.reading.significant) continue;
      const cr = at(r, 'comparisons', k, ...change.keys);
      const p = change.pValue === null ? '' : `, ${pText(cr, 'pValue')}`;
      const when = several ? ` from ${name(c.from)} to ${name(c.to)}` : '';
      found.push(`${name(change.label)}${when} (${num(cr, 'estimate', { ...change.format, signed: true })}${change.unit}${p})`);
    }
  });
  const between = several ? 'between waves' : `between waves ${name(w.comparisons[0]!.from)} and ${name(w.comparisons[0]!.to)}`;
  if (found.length === 0) return `No change ${between} is significant at ${level}.`;
  return `No change ${between} is significant at ${level} except ${listOf(found)}.`;
}

/** The waves section, or undefined without a wave comparison. */
export function wavesSection(ctx: SectionContext): ReportSection | undefined {
  const w = ctx.analysis.waves;
  if (!w) return undefined;
  const r = at(ctx.root, 'waves');
  const figures = `<div class="chart-grid">\n${['nps', 'csat', 'customerLoyaltyIndex', 'retention', 'drivers', 'importance'].map((m) => ctx.figure(`trend:${m}`)).join('')}</div>\n`;

  const rows: string[][] = [];
  const estimate = (label: string, keys: readonly (string | number)[], format: NumberFormat) => {
    w.waves.forEach((s, k) => {
      const e = at(r, 'waves', k, ...keys);
      rows.push([label, name(s.wave), num(e, 'estimate', format), num(e, ['confidenceInterval', 0], format), num(e, ['confidenceInterval', 1], format), num(e, 'standardError', { ...format, digits: (format.digits ?? 2) + 1 }), num(e, 'n', { digits: 0, grouped: true })]);
    });
  };
  if (w.waves.some((s) => s.nps)) estimate('NPS', ['nps'], { digits: 1 });
  if (w.waves.some((s) => s.csat)) estimate('CSAT', ['csat'], { digits: 1 });
  if (w.waves.some((s) => s.customerLoyaltyIndex)) estimate('Customer Loyalty Index', ['customerLoyaltyIndex'], { digits: 1 });
  if (w.waves.some((s) => s.retention)) estimate('Retention', ['retention'], { percent: true, digits: 1 });
  const drivers = [...new Set(w.waves.flatMap((s) => Object.keys(s.drivers?.means ?? {})))];
  for (const d of drivers) {
    w.waves.forEach((s, k) => {
      const e = at(r, 'waves', k, 'drivers');
      rows.push([`Mean ${name(d)}`, name(s.wave), num(e, ['means', d, 'mean'], { digits: 2 }), NONE, NONE, num(e, ['means', d, 'standardError'], { digits: 3 }), num(e, 'n', { digits: 0, grouped: true })]);
    });
  }
  for (const d of drivers) {
    if (!w.waves.some((s) => s.importance)) break;
    w.waves.forEach((s, k) => {
      const e = at(r, 'waves', k, 'importance');
      rows.push([`Importance of ${name(d)}, R² units`, name(s.wave), num(e, ['importance', d], { digits: 3 }), num(e, ['intervals', d, 'confidenceInterval', 0], { digits: 3 }), num(e, ['intervals', d, 'confidenceInterval', 1], { digits: 3 }), num(e, ['intervals', d, 'standardError'], { digits: 3 }), num(e, 'n', { digits: 0, grouped: true })]);
    });
  }
  const level = num(r, 'confidenceLevel', LEVEL);
  let body = figures;
  body += table(
    `Estimates per wave of ${name(w.wave)} (${level} intervals${w.weighted ? ', weighted' : ''})`,
    [{ label: 'Measure' }, { label: 'Wave' }, { label: 'Estimate', numeric: true }, { label: 'Lower', numeric: true }, { label: 'Upper', numeric: true }, { label: 'Standard error', numeric: true }, { label: 'n', numeric: true }],
    rows,
    'CSAT in percent satisfied, retention in percent, the Customer Loyalty Index from zero to a hundred, driver means on their scale, importance in R² units (its bootstrap interval when the analysis ran a bootstrap).',
  );

  const changes: string[][] = [];
  w.comparisons.forEach((c, k) => {
    for (const change of changesOf(c)) {
      const cr = at(r, 'comparisons', k, ...change.keys);
      const plain: NumberFormat = { ...change.format, signed: false };
      const bootstrap = change.pValue === null;
      changes.push([
        `${name(change.label)}`, `${name(c.from)} to ${name(c.to)}`, num(cr, 'estimate', { ...change.format, signed: true }),
        num(cr, ['confidenceInterval', 0], plain), num(cr, ['confidenceInterval', 1], plain),
        bootstrap ? NONE : num(cr, 'statistic', { digits: 2 }), bootstrap ? NONE : num(cr, 'pValue', { pValue: true }), name(TESTS[change.test] ?? change.test),
      ]);
    }
  });
  body += table(
    `Changes between waves (later minus earlier; ${level} intervals)`,
    [{ label: 'Measure' }, { label: 'Waves' }, { label: 'Change', numeric: true }, { label: 'Lower', numeric: true }, { label: 'Upper', numeric: true }, { label: 'Statistic', numeric: true }, { label: 'p', numeric: true }, { label: 'Test' }],
    changes,
    'NPS, CSAT and retention changes in points (percentage points for CSAT and retention); driver means on their scale; importance in R² units with bootstrap percentile intervals.',
  );
  return { id: 'waves', title: 'Changes between waves', reading: reading(w, r), body };
}
