/**
 * Report section: attitude x behaviour loyalty segments (Dick and Basu) with their profiles and
 * the tests of differences across segments.
 * @internal
 */
import { at, escapeHtml, messages, name, num, type Ref, table } from './markup.js';
import type { ReportSection, SectionContext } from './section.js';
import { segmentLabel } from '../segmentation/segmentLabel.js';

const SIDES: Readonly<Record<string, readonly [string, string]>> = {
  true: ['high', 'high'], latent: ['high', 'low'], spurious: ['low', 'high'], none: ['low', 'low'],
};

function cutText(c: Ref, rule: string, high: string): string {
  const side = high === 'above' ? 'above' : 'at or above';
  return `${side} ${num(c, 'value', { digits: 3, trim: true })}${rule === 'median' ? ' (the median)' : ''}`;
}

/** The segments section, or undefined when the model has no segmentation. */
export function segmentsSection(ctx: SectionContext): ReportSection | undefined {
  const segmentation = ctx.analysis.segmentation;
  if (!segmentation) return undefined;
  const { segments: seg, profile } = segmentation;
  const s = at(ctx.root, 'segmentation', 'segments');
  const share = (segment: string) => num(s, ['shares', segment], { percent: true, digits: 1 });
  const lockIn = ctx.analysis.model.segmentation?.lockIn;
  const lockShares = lockIn ? profile.profiles.spurious?.categorical[lockIn]?.shares : undefined;
  const lockLevel = lockShares ? ['1', 'true', 'yes'].find((l) => lockShares[l] !== undefined) : undefined;
  const lock = lockIn && lockLevel !== undefined && profile.profiles.spurious.n > 0
    ? `, ${num(at(ctx.root, 'segmentation', 'profile', 'profiles', 'spurious', 'categorical', lockIn, 'shares'), lockLevel, { percent: true, digits: 1 })} of them with ${name(lockIn)}`
    : '';
  const reading = `${share('true')} of the respondents are truly loyal (high attitude, high behaviour) and ${share('none')} not loyal; ${share('spurious')} buy without the attitude (spurious loyalty${lock}) and ${share('latent')} like the brand but buy little (latent loyalty).`;

  const ac = at(s, 'cuts', 'attitude');
  const bc = at(s, 'cuts', 'behaviour');
  let body = ctx.figure('segments');
  body += table(
    `Loyalty segments: attitude ${name(seg.measures.attitude.name)} ${cutText(ac, seg.cuts.attitude.rule, seg.cuts.attitude.high)}, behaviour ${name(seg.measures.behaviour.name)} ${cutText(bc, seg.cuts.behaviour.rule, seg.cuts.behaviour.high)}`,
    [{ label: 'Segment' }, { label: 'Attitude' }, { label: 'Behaviour' }, { label: 'Respondents', numeric: true }, { label: 'Share', numeric: true }],
    seg.segments.map((k) => [escapeHtml(segmentLabel(k, true)), SIDES[k]?.[0] ?? '', SIDES[k]?.[1] ?? '', num(s, ['counts', k], { digits: 0, grouped: true }), share(k)]),
    `${num(s, 'n', { digits: 0, grouped: true })} respondents segmented; ${num(s, ['missing', 'rowsDropped'], { digits: 0, grouped: true })} without a segment (attitude or behaviour missing or undefined).`,
  );

  const p = at(ctx.root, 'segmentation', 'profile');
  const cols = profile.segments;
  const rows: string[][] = [];
  const row = (label: string, cell: (segment: string, r: Ref) => string) => rows.push([label, ...cols.map((k) => cell(k, at(p, 'profiles', k)))]);
  row('Respondents', (_, r) => num(r, 'n', { digits: 0, grouped: true }));
  row('Share', (_, r) => num(r, 'share', { percent: true, digits: 1 }));
  if (cols.some((k) => profile.profiles[k].nps)) row('NPS', (_, r) => num(r, ['nps', 'estimate'], { digits: 1 }));
  if (cols.some((k) => profile.profiles[k].revenue)) {
    const revenue = name(ctx.analysis.model.segmentation?.revenue ?? 'revenue');
    row(`Share of ${revenue}`, (_, r) => num(r, ['revenue', 'share'], { percent: true, digits: 1 }));
    row(`Mean ${revenue}`, (_, r) => num(r, ['revenue', 'mean'], { digits: 2 }));
  }
  for (const v of profile.variables) {
    if (v.type === 'numeric') {
      row(`Mean ${name(v.name)}`, (_, r) => num(r, ['numeric', v.name, 'mean'], { digits: 2 }));
    } else {
      const levels = [...new Set(cols.flatMap((k) => Object.keys(profile.profiles[k].categorical[v.name]?.shares ?? {})))];
      for (const level of levels) row(`${name(v.name)} = ${name(level)}`, (_, r) => num(r, ['categorical', v.name, 'shares', level], { percent: true, digits: 1 }));
    }
  }
  body += table(
    `Segment profiles${profile.weighted ? ' (weighted)' : ''}`,
    [{ label: 'Measure' }, ...cols.map((k) => ({ label: segmentLabel(k, true), numeric: true }))],
    rows,
    'Shares of a categorical variable are within each segment; means use the respondents who answered.',
  );

  const tests: string[][] = [];
  const t = at(p, 'tests');
  for (const [v, test] of Object.entries(profile.tests.numeric)) {
    if (test.anova) tests.push([name(v), 'one-way ANOVA, F', num(t, ['numeric', v, 'anova', 'statistic'], { digits: 2 }), `${num(t, ['numeric', v, 'anova', 'dfBetween'], { digits: 0 })}, ${num(t, ['numeric', v, 'anova', 'dfWithin'], { digits: 0, grouped: true })}`, num(t, ['numeric', v, 'anova', 'pValue'], { pValue: true })]);
    if (test.kruskalWallis) tests.push([name(v), 'Kruskal-Wallis, H', num(t, ['numeric', v, 'kruskalWallis', 'statistic'], { digits: 2 }), num(t, ['numeric', v, 'kruskalWallis', 'df'], { digits: 0 }), num(t, ['numeric', v, 'kruskalWallis', 'pValue'], { pValue: true })]);
  }
  for (const [v, test] of Object.entries(profile.tests.categorical)) {
    if (test) tests.push([name(v), 'chi-square', num(t, ['categorical', v, 'statistic'], { digits: 2 }), num(t, ['categorical', v, 'df'], { digits: 0 }), num(t, ['categorical', v, 'pValue'], { pValue: true })]);
  }
  if (profile.tests.nps) tests.push(['NPS categories', 'chi-square', num(t, ['nps', 'statistic'], { digits: 2 }), num(t, ['nps', 'df'], { digits: 0 }), num(t, ['nps', 'pValue'], { pValue: true })]);
  if (profile.tests.revenue?.anova) tests.push([name(ctx.analysis.model.segmentation?.revenue ?? 'revenue'), 'one-way ANOVA, F', num(t, ['revenue', 'anova', 'statistic'], { digits: 2 }), `${num(t, ['revenue', 'anova', 'dfBetween'], { digits: 0 })}, ${num(t, ['revenue', 'anova', 'dfWithin'], { digits: 0, grouped: true })}`, num(t, ['revenue', 'anova', 'pValue'], { pValue: true })]);
  if (tests.length > 0) {
    body += table(
      'Do the segments differ? Tests across segments (unweighted)',
      [{ label: 'Variable' }, { label: 'Test' }, { label: 'Statistic', numeric: true }, { label: 'Degrees of freedom', numeric: true }, { label: 'p', numeric: true }],
      tests,
    );
  }
  body += messages(profile.warnings.map((w) => w.message));
  return { id: 'segments', title: 'Loyalty segments and profiles', reading, body };
}
