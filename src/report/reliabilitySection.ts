/**
 * Report section: reliability of the driver scales (alpha with its interval, omega, AVE),
 * discriminant validity (HTMT) and the driver correlations.
 * @internal
 */
import { at, escapeHtml, LEVEL, listOf, messages, name, num, rule, sentenceName, table } from './markup.js';
import type { ReportSection, SectionContext } from './section.js';

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
    reading = names.length === 1
      ? `${sentenceName(low)} is reliable (Cronbach's alpha ${num(scales, [low, 'estimate'], { digits: 3 })}, at least ${rule(ALPHA_RULE, "Nunnally's threshold for alpha", { digits: 1 })})`
      : `Every scale is reliable (Cronbach's alpha from ${num(scales, [low, 'estimate'], { digits: 3 })} for ${name(low)} to ${num(scales, [high, 'estimate'], { digits: 3 })} for ${name(high)}, all at least ${rule(ALPHA_RULE, "Nunnally's threshold for alpha", { digits: 1 })})`;
  } else {
    const listed = listOf(weak.map((s) => `${name(s)} (${num(scales, [s, 'estimate'], { digits: 3 })})`));
    reading = `Cronbach's alpha is below ${rule(ALPHA_RULE, "Nunnally's threshold for alpha", { digits: 1 })} for ${listed}: read ${weak.length === 1 ? 'that driver' : 'those drivers'} with care`;
  }
  const validity = measurement.htmt;
  const defined = validity ? validity.pairs.map((p, k) => ({ value: p.value, k })).filter((p): p is { value: number; k: number } => p.value !== null) : [];
  if (validity && defined.length > 0) {
    const top = defined.reduce((best, p) => (p.value > best.value ? p : best)).k;
    const pair = validity.pairs[top]! as { first: string; second: string; value: number };
    const h = at(m, 'htmt');
    reading += pair.value < validity.thresholds.conservative
      ? `, and the drivers are distinct (largest HTMT ${num(h, ['pairs', top, 'value'], { digits: 2 })}, below ${num(h, ['thresholds', 'conservative'], { digits: 2 })})`
      : `, but ${name(pair.first)} and ${name(pair.second)} overlap (HTMT ${num(h, ['pairs', top, 'value'], { digits: 2 })}, above ${num(h, ['thresholds', 'conservative'], { digits: 2 })}): their separate effects are hard to tell apart`;
  }
  reading += '.';

  const level = num(at(scales, names[0]!), 'confidenceLevel', LEVEL);
  let body = ctx.figure('reliability');
  body += table(
    `Reliability of the driver scales (${escapeHtml(INTERVALS[String(rel.scales[names[0]!]!.intervalMethod)] ?? String(rel.scales[names[0]!]!.intervalMethod))} ${level} interval of alpha)`,
    [
      { label: 'Scale' }, { label: 'Items' }, { label: 'n', numeric: true }, { label: 'Alpha', numeric: true }, { label: 'Lower', numeric: true },
      { label: 'Upper', numeric: true }, { label: 'Standardized alpha', numeric: true }, { label: 'Omega total', numeric: true }, { label: 'AVE', numeric: true },
    ],
    names.map((s) => {
      const r = at(scales, s);
      return [
        name(s), rel.scales[s]!.items.map(name).join(', '), num(r, 'n', { digits: 0, grouped: true }), num(r, 'estimate', { digits: 3 }),
        num(r, ['confidenceInterval', 0], { digits: 3 }), num(r, ['confidenceInterval', 1], { digits: 3 }), num(r, 'standardizedAlpha', { digits: 3 }),
        num(r, 'omegaTotal', { digits: 3 }), num(r, 'averageVarianceExtracted', { digits: 3 }),
      ];
    }),
    'Omega total and AVE (average variance extracted) come from a one-factor model of each scale\'s items.',
  );
  if (validity) {
    const h = at(m, 'htmt');
    body += table(
      `Discriminant validity: heterotrait-monotrait ratio (HTMT; distinct below ${num(h, ['thresholds', 'conservative'], { digits: 2 })}, or ${num(h, ['thresholds', 'liberal'], { digits: 2 })} leniently)`,
      [{ label: 'Scale' }, { label: 'Other scale' }, { label: 'HTMT', numeric: true }],
      validity.pairs.map((p, k) => [name(p.first), name(p.second), num(h, ['pairs', k, 'value'], { digits: 3 })]),
    );
  }
  const correlations = measurement.driverCorrelations;
  if (correlations) {
    const c = at(m, 'driverCorrelations');
    body += table(
      `Correlations of the driver scores (n = ${num(c, 'n', { digits: 0, grouped: true })}; condition number ${num(c, 'conditionNumber', { digits: 2 })})`,
      [{ label: 'Driver' }, ...correlations.drivers.map((d) => ({ label: d, html: name(d), numeric: true })), { label: 'VIF', numeric: true }, { label: 'Mean', numeric: true }, { label: 'SD', numeric: true }],
      correlations.drivers.map((d, j) => [
        name(d), ...correlations.drivers.map((_, k) => num(c, ['correlation', j, k], { digits: 3 })),
        num(c, ['vif', d], { digits: 2 }), num(c, ['means', d], { digits: 2 }), num(c, ['standardDeviations', d], { digits: 2 }),
      ]),
      'VIF: variance inflation factor of each driver given the others.',
    );
  }
  body += messages([...rel.warnings, ...(validity?.warnings ?? []), ...(correlations?.warnings ?? [])].map((w) => w.message));
  return { id: 'reliability', title: 'Driver reliability and validity', reading, body };
}
