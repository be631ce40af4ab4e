/**
 * Report section: reliability of the driver scales (alpha with its interval, omega, AVE),
 * discriminant validity (HTMT) and the driver correlations.
 * @internal
 */
import { at, escapeHtml, LEVEL, listOf, messages, name, num, rule, sentenceName, table } from './markup.js';
import type { ReportSection, SectionContext } from './section.js';
import { correlationRows, htmtRows, reliabilityRows, withDriver } from '../measurement/measurementRows.js';
import { reportRows } from './resultCells.js';

/** Nunnally's rule of thumb for a scale used to compare groups. */
const ALPHA_RULE = 0.7;

const INTERVALS: Readonly<Record<string, string>> = { feldt: 'Feldt', duhachek: 'Duhachek', percentile: 'bootstrap percentile' };

/** The reliability section, or undefined without driver scales. */
export function reliabilitySection(ctx: SectionContext): ReportSection | undefined {
  const measurement = ctx.analysis.measurement;
  if (!measurement) return undefined;
  const rel = measurement.reliability;
  const m = at(ctx.root, 'measurement');
  const scales = at(m, 'reliability', 'scales');
  const names = rel.scaleNames;

  // Reading: the weakest and strongest alpha, and the largest HTMT.
  const byAlpha = [...names].sort((x, y) => rel.scales[x]!.estimate - rel.scales[y]!.estimate);
  const low = byAlpha[0]!;
  const high = byAlpha[byAlpha.length - 1]!;
  const weak = byAlpha.filter((s) => rel.scales[s]!.estimate < ALPHA_RULE);
  let reading: string;
  if (weak.length === 0) {
    reading =
      names.length === 1
        ? `${sentenceName(low)} is reliable (Cronbach's alpha ${num(scales, [low, 'estimate'], { digits: 3 })}, at least ${rule(ALPHA_RULE, "Nunnally's threshold for alpha", { digits: 1 })})`
        : `Every scale is reliable (Cronbach's alpha from ${num(scales, [low, 'estimate'], { digits: 3 })} for ${name(low)} to ${num(scales, [high, 'estimate'], { digits: 3 })} for ${name(high)}, all at least ${rule(ALPHA_RULE, "Nunnally's threshold for alpha", { digits: 1 })})`;
  } else {
    const listed = listOf(weak.map((s) => `${name(s)} (${num(scales, [s, 'estimate'], { digits: 3 })})`));
    reading = `Cronbach's alpha is below ${rule(ALPHA_RULE, "Nunnally's threshold for alpha", { digits: 1 })} for ${listed}: read ${weak.length === 1 ? 'that driver' : 'those drivers'} with care`;
  }
  const validity = measurement.htmt;
  const defined = validity
    ? validity.pairs.map((p, k) => ({ value: p.value, k })).filter((p): p is { value: number; k: number } => p.value !== null)
    : [];
  if (validity && defined.length > 0) {
    const top = defined.reduce((best, p) => (p.value > best.value ? p : best)).k;
    const pair = validity.pairs[top]! as { first: string; second: string; value: number };
    const h = at(m, 'htmt');
    reading +=
      pair.value < validity.thresholds.conservative
        ? `, and the drivers are distinct (largest HTMT ${num(h, ['pairs', top, 'value'], { digits: 2 })}, below ${num(h, ['thresholds', 'conservative'], { digits: 2 })})`
        : `, but ${name(pair.first)} and ${name(pair.second)} overlap (HTMT ${num(h, ['pairs', top, 'value'], { digits: 2 })}, above ${num(h, ['thresholds', 'conservative'], { digits: 2 })}): their separate effects are hard to tell apart`;
  }
  reading += '.';

  const level = num(at(scales, names[0]!), 'confidenceLevel', LEVEL);
  let body = ctx.figure('reliability');
  const three = { digits: 3 };
  const relTable = reportRows(reliabilityRows(rel), at(m, 'reliability'), [
    { id: 'scale', format: 'name' },
    { id: 'items', format: 'text', render: (meta) => meta.items.map(name).join(', ') },
    { id: 'n', format: { digits: 0, grouped: true } },
    { id: 'alpha', format: three },
    { id: 'lower', format: three },
    { id: 'upper', format: three },
    { id: 'standardizedAlpha', format: three },
    { id: 'omegaTotal', format: three },
    { id: 'ave', format: three },
  ]);
  body += table(
    `Reliability of the driver scales (${escapeHtml(INTERVALS[String(rel.scales[names[0]!]!.intervalMethod)] ?? String(rel.scales[names[0]!]!.intervalMethod))} ${level} interval of alpha)`,
    relTable.columns,
    relTable.rows,
    "Omega total and AVE (average variance extracted) come from a one-factor model of each scale's items.",
  );
  if (validity) {
    const h = at(m, 'htmt');
    const htmtTable = reportRows(htmtRows(validity), h, [
      { id: 'scale', format: 'name' },
      { id: 'otherScale', format: 'name' },
      { id: 'value', format: three },
    ]);
    body += table(
      `Discriminant validity: heterotrait-monotrait ratio (HTMT; distinct below ${num(h, ['thresholds', 'conservative'], { digits: 2 })}, or ${num(h, ['thresholds', 'liberal'], { digits: 2 })} leniently)`,
      htmtTable.columns,
      htmtTable.rows,
    );
  }
  const correlations = measurement.driverCorrelations;
  if (correlations) {
    const c = at(m, 'driverCorrelations');
    const two = { digits: 2 };
    const corTable = reportRows(correlationRows(correlations), c, [
      { id: 'driver', format: 'name' },
      ...correlations.drivers.map((d) => ({ id: withDriver(d), format: three, html: name(d) })),
      { id: 'vif', format: two },
      { id: 'mean', format: two },
      { id: 'sd', format: two },
    ]);
    body += table(
      `Correlations of the driver scores (n = ${num(c, 'n', { digits: 0, grouped: true })}; condition number ${num(c, 'conditionNumber', { digits: 2 })})`,
      corTable.columns,
      corTable.rows,
      'VIF: variance inflation factor of each driver given the others.',
    );
  }
  body += messages([...rel.warnings, ...(validity?.warnings ?? []), ...(correlations?.warnings ?? [])].map((w) => w.message));
  return { id: 'reliability', title: 'Driver reliability and validity', reading, body };
}
