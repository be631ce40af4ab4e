/**
 * Report section: attitude x behaviour loyalty segments (Dick and Basu) with their profiles and
 * the tests of differences across segments.
 * @internal
 */
import { at, messages, name, num, type NumberFormat, type Ref, table } from './markup.js';
import { reportRows } from './resultCells.js';
import type { ReportSection, SectionContext } from './section.js';
import { profileRows, segmentRows, segmentTestRows, type ProfileMeta, type SegmentTestMeta } from '../segmentation/segmentRows.js';

const SIDES: Readonly<Record<string, readonly [string, string]>> = {
  true: ['high', 'high'],
  latent: ['high', 'low'],
  spurious: ['low', 'high'],
  none: ['low', 'low'],
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
  const lock =
    lockIn && lockLevel !== undefined && profile.profiles.spurious.n > 0
      ? `, ${num(at(ctx.root, 'segmentation', 'profile', 'profiles', 'spurious', 'categorical', lockIn, 'shares'), lockLevel, { percent: true, digits: 1 })} of them with ${name(lockIn)}`
      : '';
  const reading = `${share('true')} of the respondents are truly loyal (high attitude, high behaviour) and ${share('none')} not loyal; ${share('spurious')} buy without the attitude (spurious loyalty${lock}) and ${share('latent')} like the brand but buy little (latent loyalty).`;

  const ac = at(s, 'cuts', 'attitude');
  const bc = at(s, 'cuts', 'behaviour');
  let body = ctx.figure('segments');
  const sizes = reportRows(segmentRows(seg), s, [
    { id: 'label', format: 'text' },
    { id: 'segment', format: 'text', label: 'Attitude', render: (m) => SIDES[m.segment]?.[0] ?? '' },
    { id: 'segment', format: 'text', label: 'Behaviour', render: (m) => SIDES[m.segment]?.[1] ?? '' },
    { id: 'count', format: { digits: 0, grouped: true } },
    { id: 'share', format: { percent: true, digits: 1 } },
  ]);
  body += table(
    `Loyalty segments: attitude ${name(seg.measures.attitude.name)} ${cutText(ac, seg.cuts.attitude.rule, seg.cuts.attitude.high)}, behaviour ${name(seg.measures.behaviour.name)} ${cutText(bc, seg.cuts.behaviour.rule, seg.cuts.behaviour.high)}`,
    sizes.columns,
    sizes.rows,
    `${num(s, 'n', { digits: 0, grouped: true })} respondents segmented; ${num(s, ['missing', 'rowsDropped'], { digits: 0, grouped: true })} without a segment (attitude or behaviour missing or undefined). Counts and shares are unweighted.`,
  );

  const p = at(ctx.root, 'segmentation', 'profile');
  const revenue = name(ctx.analysis.model.segmentation?.revenue ?? 'revenue');
  const weightedText = (m: ProfileMeta) => (m.weighted ? ' (weighted)' : '');
  const LABELS: Readonly<Record<ProfileMeta['kind'], (m: ProfileMeta) => string>> = {
    size: () => 'Respondents',
    share: (m) => `Share${weightedText(m)}`,
    nps: () => 'NPS',
    revenueShare: () => `Share of ${revenue}`,
    revenueMean: () => `Mean ${revenue}`,
    mean: (m) => `Mean ${name(m.variable)}`,
    level: (m) => `${name(m.variable)} = ${name(m.level)}`,
  };
  const FORMATS: Readonly<Record<ProfileMeta['kind'], NumberFormat>> = {
    size: { digits: 0, grouped: true },
    share: { percent: true, digits: 1 },
    nps: { digits: 1 },
    revenueShare: { percent: true, digits: 1 },
    revenueMean: { digits: 2 },
    mean: { digits: 2 },
    level: { percent: true, digits: 1 },
  };
  const profileTable = reportRows(profileRows(profile), p, [
    { id: 'measure', format: 'text', render: (m) => LABELS[m.kind](m) },
    ...profile.segments.map((k) => ({ id: k, format: (m: ProfileMeta) => FORMATS[m.kind] })),
  ]);
  body += table(
    `Segment profiles${profile.weighted ? ' (weighted)' : ''}`,
    profileTable.columns,
    profileTable.rows,
    `${profile.weighted ? 'Respondents are counts; shares, means, NPS and revenue are weighted. ' : ''}Shares of a categorical variable are within each segment; means use the respondents who answered.`,
  );

  const dfText = (m: SegmentTestMeta) =>
    m.df.map((path, j) => num(p, path, j === 1 ? { digits: 0, grouped: true } : { digits: 0 })).join(', ');
  const tests = reportRows(segmentTestRows(profile, ctx.analysis.model.segmentation?.revenue ?? 'revenue'), p, [
    { id: 'variable', format: 'name' },
    { id: 'test', format: 'text' },
    { id: 'statistic', format: { digits: 2 } },
    { id: 'df', format: 'text', render: dfText },
    { id: 'pValue', format: { pValue: true } },
  ]);
  if (tests.rows.length > 0) {
    body += table('Do the segments differ? Tests across segments (unweighted)', tests.columns, tests.rows);
  }
  body += messages(profile.warnings.map((w) => w.message));
  return { id: 'segments', title: 'Loyalty segments and profiles', reading, body };
}
