/**
 * Report section: indices, driver means and importance per wave, and the tests of their
 * changes between waves, with the trend charts.
 * @internal
 */
import { waveChangeRows, waveEstimateRows, type WaveChangeMeta, type WaveEstimateMeta } from '../monitoring/waveRows.js';
import type { CompareWavesResult } from '../monitoring/waveTypes.js';
import { at, escapeHtml, LEVEL, listOf, messages, name, num, type NumberFormat, pText, type Ref, table } from './markup.js';
import { reportRows } from './resultCells.js';
import type { ReportSection, SectionContext } from './section.js';

/** How each kind of change is shown: its number format and unit. */
const FORMATS: Readonly<Record<WaveChangeMeta['measure'], NumberFormat>> = {
  nps: { digits: 1 },
  csat: { digits: 1, points: true },
  retention: { digits: 1, points: true },
  customerLoyaltyIndex: { digits: 1 },
  driver: { digits: 2 },
  importance: { digits: 3 },
};
/** How each kind of per-wave estimate is shown. */
const ESTIMATE_FORMATS: Readonly<Record<WaveEstimateMeta['measure'], NumberFormat>> = {
  nps: { digits: 1 },
  csat: { digits: 1 },
  retention: { percent: true, digits: 1 },
  customerLoyaltyIndex: { digits: 1 },
  driver: { digits: 2 },
  importance: { digits: 3 },
};
const UNITS: Readonly<Record<WaveChangeMeta['measure'], string>> = {
  nps: ' points',
  csat: ' points',
  retention: ' points',
  customerLoyaltyIndex: ' points',
  driver: '',
  importance: ' R²',
};

function reading(w: CompareWavesResult, r: Ref): string {
  const level = num(r, 'confidenceLevel', { ...LEVEL, complement: true });
  const several = w.comparisons.length > 1;
  const found: string[] = [];
  const rows = waveChangeRows(w).rows;
  for (const row of rows) {
    const m = row.meta;
    if (!m.reading.significant) continue;
    const cr = at(r, 'comparisons', m.comparison, ...m.keys);
    const p = m.pValue === null ? '' : `, ${pText(cr, 'pValue')}`;
    const when = several ? ` from ${name(m.from)} to ${name(m.to)}` : '';
    found.push(
      `${name(row.measure.title ?? row.measure.value)}${when} (${num(cr, 'estimate', { ...FORMATS[m.measure], signed: true })}${UNITS[m.measure]}${p})`,
    );
  }
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

  const estimateFormat = (m: WaveEstimateMeta): NumberFormat => ESTIMATE_FORMATS[m.measure];
  const perWave = reportRows(waveEstimateRows(w), r, [
    { id: 'measure', format: 'name' },
    { id: 'wave', format: 'name' },
    { id: 'estimate', format: estimateFormat },
    { id: 'lower', format: estimateFormat },
    { id: 'upper', format: estimateFormat },
    {
      id: 'standardError',
      format: (m) => (m.measure === 'importance' ? { digits: 3 } : { ...estimateFormat(m), digits: (estimateFormat(m).digits ?? 2) + 1 }),
    },
    { id: 'n', format: { digits: 0, grouped: true } },
  ]);
  const level = num(r, 'confidenceLevel', LEVEL);
  let body = figures;
  body += table(
    `Estimates per wave of ${name(w.wave)} (${level} intervals${w.weighted ? ', weighted' : ''})`,
    perWave.columns,
    perWave.rows,
    'CSAT in percent satisfied, retention in percent, the Customer Loyalty Index from zero to a hundred, driver means on their scale, importance in R² units (its bootstrap interval when the analysis ran a bootstrap).',
  );

  const formatOf = (m: WaveChangeMeta): NumberFormat => FORMATS[m.measure];
  const changes = reportRows(waveChangeRows(w), r, [
    { id: 'measure', format: 'name' },
    { id: 'waves', format: 'text', render: (m) => `${name(m.from)} to ${name(m.to)}` },
    { id: 'estimate', format: (m) => ({ ...formatOf(m), signed: true }) },
    { id: 'lower', format: (m) => ({ ...formatOf(m), signed: false }) },
    { id: 'upper', format: (m) => ({ ...formatOf(m), signed: false }) },
    { id: 'statistic', format: { digits: 2 } },
    { id: 'pValue', format: { pValue: true } },
    { id: 'test', format: 'name' },
  ]);
  body += table(
    `Changes between waves (later minus earlier; ${level} intervals)`,
    changes.columns,
    changes.rows,
    'NPS, CSAT and retention changes in points (percentage points for CSAT and retention); driver means on their scale; importance in R² units with bootstrap percentile intervals.',
  );
  w.comparisons.forEach((c, k) => {
    if (c.transitions) body += transitionsTable(c.transitions, at(r, 'comparisons', k, 'transitions'));
  });
  body += messages(w.warnings.map((x) => x.message));
  return { id: 'waves', title: 'Changes between waves', reading: reading(w, r), body };
}

const SEGMENT_NAMES: Readonly<Record<string, string>> = {
  true: 'True loyalty',
  latent: 'Latent',
  spurious: 'Spurious',
  none: 'No loyalty',
};

/** The transition matrix of a panel: counts and row shares, the two tests, NPS and revenue changes. */
function transitionsTable(t: NonNullable<CompareWavesResult['comparisons'][number]['transitions']>, r: Ref): string {
  const columns = [
    { label: 'From / to', html: `${name(String(t.from))} / ${name(String(t.to))}` },
    ...t.segments.map((s) => ({ label: SEGMENT_NAMES[s] ?? s, numeric: true })),
  ];
  const rows = t.segments.map((from, i) => [
    escapeHtml(SEGMENT_NAMES[from] ?? from),
    ...t.segments.map((_, j) => {
      const k = i * t.segments.length + j;
      const share = t.cells[k]!.rowShare;
      return `${num(r, ['counts', i, j], { digits: 0, grouped: true })}${share ? ` (${num(r, ['cells', k, 'rowShare', 'estimate'], { percent: true, digits: 0 })})` : ''}`;
    }),
  ]);
  const test = (key: 'marginalHomogeneity' | 'symmetry', label: string) =>
    t[key]
      ? `${label}: chi-square ${num(r, [key, 'statistic'], { digits: 2 })} on ${num(r, [key, 'df'], { digits: 0 })} df, ${pText(r, [key, 'pValue'])}`
      : `${label}: not computed`;
  const nps = t.nps
    ? ` NPS of these respondents moved by ${num(r, ['nps', 'estimate'], { digits: 1, signed: true })} points (${num(r, ['nps', 'confidenceInterval', 0], { digits: 1 })} to ${num(r, ['nps', 'confidenceInterval', 1], { digits: 1 })}).`
    : '';
  const revenue = t.revenue ? ` Revenue per respondent moved by ${num(r, ['revenue', 'estimate'], { digits: 2, signed: true })}.` : '';
  return table(
    `How the ${num(r, 'n', { digits: 0, grouped: true })} respondents in both waves moved between the loyalty segments (count and share of the earlier segment)`,
    columns,
    rows,
    `${num(r, 'stayed', { percent: true, digits: 0 })} stayed in their segment. ${test('marginalHomogeneity', 'Stuart-Maxwell test that the segment shares did not change')}; ${test('symmetry', 'McNemar-Bowker test that moves each way are as frequent')}.${nps}${revenue} Both waves are segmented with the earlier wave's cuts.`,
  );
}
