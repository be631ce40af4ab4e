/**
 * The tables of loyalty segments, shared by the command-line tool and the report: their sizes,
 * their profiles (one column per segment) and the tests of differences across them. Sizes and
 * shares of the segments are unweighted counts; the profiles are weighted when the profile was,
 * and the rows say which.
 *
 * @module segmentation/segmentRows
 * @internal
 */
import { EMPTY_CELL, numberCell, textCell, type PathKey, type ResultRows, type RowCell } from '../internal/resultRows.js';
import type { ProfileSegmentsResult } from './profileTypes.js';
import type { LoyaltySegment, SegmentLoyaltyResult } from './segmentLoyalty.js';
import { segmentLabel } from './segmentLabel.js';

/** Columns of {@link segmentRows}. */
export type SegmentColumn = 'segment' | 'label' | 'count' | 'share';

/** One row per segment: its size and unweighted share; paths relative to the segments result. */
export function segmentRows(seg: SegmentLoyaltyResult): ResultRows<SegmentColumn, { readonly segment: LoyaltySegment }> {
  return {
    columns: {
      segment: { text: 'segment', title: 'Segment', numeric: false },
      label: { text: 'label', title: 'Segment', numeric: false },
      count: { text: 'count', title: 'Respondents', numeric: true },
      share: { text: 'share (unweighted)', title: 'Share (unweighted)', numeric: true },
    },
    rows: seg.segments.map((s) => ({
      meta: { segment: s },
      segment: textCell(s),
      label: textCell(segmentLabel(s), segmentLabel(s, true)),
      count: numberCell(seg.counts[s], ['counts', s]),
      share: numberCell(seg.shares[s], ['shares', s]),
    })),
  };
}

/** What a profile row measures. */
export interface ProfileMeta {
  readonly kind: 'size' | 'share' | 'nps' | 'revenueShare' | 'revenueMean' | 'mean' | 'level';
  /** The variable (mean, level). */
  readonly variable?: string;
  /** The category (level). */
  readonly level?: string;
  /** Whether the figure is weighted (shares, means, NPS and revenue of a weighted profile). */
  readonly weighted: boolean;
}

/** Columns of {@link profileRows}: the measure, then one per segment. */
export type ProfileColumn = 'measure' | LoyaltySegment;

/**
 * One row per measure of the profile (size, share, NPS, revenue, a mean per numeric variable, a
 * share per category), a column per segment, in the order of the profile's variables; paths
 * relative to the profile result. A weighted profile's share row reads `share (weighted)`.
 */
export function profileRows(profile: ProfileSegmentsResult): ResultRows<ProfileColumn, ProfileMeta> {
  const segs = profile.segments;
  const w = profile.weighted;
  const rows: ResultRows<ProfileColumn, ProfileMeta>['rows'][number][] = [];
  const add = (meta: ProfileMeta, text: string, cell: (s: LoyaltySegment) => RowCell) => {
    const row: Record<string, RowCell> = { measure: textCell(text) };
    for (const s of segs) row[s] = cell(s);
    rows.push({ ...(row as Record<ProfileColumn, RowCell>), meta });
  };
  const at = (s: LoyaltySegment, ...keys: PathKey[]) => ['profiles', s, ...keys];
  add({ kind: 'size', weighted: false }, 'size', (s) => numberCell(profile.profiles[s].n, at(s, 'n')));
  add({ kind: 'share', weighted: w }, w ? 'share (weighted)' : 'share', (s) => numberCell(profile.profiles[s].share, at(s, 'share')));
  if (segs.some((s) => profile.profiles[s].nps))
    add({ kind: 'nps', weighted: w }, 'NPS', (s) => numberCell(profile.profiles[s].nps?.estimate, at(s, 'nps', 'estimate')));
  if (segs.some((s) => profile.profiles[s].revenue)) {
    add({ kind: 'revenueShare', weighted: w }, 'revenue share', (s) =>
      numberCell(profile.profiles[s].revenue?.share, at(s, 'revenue', 'share')),
    );
    add({ kind: 'revenueMean', weighted: w }, 'revenue mean', (s) =>
      numberCell(profile.profiles[s].revenue?.mean, at(s, 'revenue', 'mean')),
    );
  }
  for (const v of profile.variables) {
    if (v.type === 'numeric') {
      add({ kind: 'mean', variable: v.name, weighted: w }, `mean ${v.name}`, (s) =>
        numberCell(profile.profiles[s].numeric[v.name]?.mean, at(s, 'numeric', v.name, 'mean')),
      );
    } else {
      const levels = [...new Set(segs.flatMap((s) => Object.keys(profile.profiles[s].categorical[v.name]?.shares ?? {})))];
      for (const level of levels) {
        add({ kind: 'level', variable: v.name, level, weighted: w }, `share ${v.name} = ${level}`, (s) => {
          const share = profile.profiles[s].categorical[v.name]?.shares[level];
          return share === undefined ? EMPTY_CELL : numberCell(share, at(s, 'categorical', v.name, 'shares', level));
        });
      }
    }
  }
  const columns: Record<string, { text: string; title: string; numeric: boolean }> = {
    measure: { text: 'measure', title: 'Measure', numeric: false },
  };
  for (const s of segs) columns[s] = { text: s, title: segmentLabel(s, true), numeric: true };
  return { columns: columns as Record<ProfileColumn, { text: string; title: string; numeric: boolean }>, rows };
}

/** Columns of {@link segmentTestRows}. */
export type SegmentTestColumn = 'variable' | 'test' | 'statistic' | 'df' | 'pValue';

/** What a test row is about: the variable (`null`: the NPS categories; `revenue`: the revenue column). */
export interface SegmentTestMeta {
  readonly variable: string | null;
  readonly revenue: boolean;
  /** Paths of the degrees of freedom (two for an ANOVA). */
  readonly df: readonly (readonly PathKey[])[];
}

/** One row per test of a difference across segments (unweighted); paths relative to the profile result. */
export function segmentTestRows(profile: ProfileSegmentsResult, revenueName = 'revenue'): ResultRows<SegmentTestColumn, SegmentTestMeta> {
  const rows: ResultRows<SegmentTestColumn, SegmentTestMeta>['rows'][number][] = [];
  const anova = (
    v: string,
    keys: readonly PathKey[],
    t: { statistic: number; dfBetween: number; dfWithin: number; pValue: number },
    revenue: boolean,
  ) =>
    rows.push({
      meta: {
        variable: v,
        revenue,
        df: [
          [...keys, 'dfBetween'],
          [...keys, 'dfWithin'],
        ],
      },
      variable: textCell(v),
      test: textCell('one-way ANOVA F', 'one-way ANOVA, F'),
      statistic: numberCell(t.statistic, [...keys, 'statistic']),
      df: textCell(`${t.dfBetween}, ${t.dfWithin}`),
      pValue: numberCell(t.pValue, [...keys, 'pValue']),
    });
  const single = (
    v: string | null,
    text: string,
    title: string,
    keys: readonly PathKey[],
    t: { statistic: number; df: number; pValue: number },
  ) =>
    rows.push({
      meta: { variable: v, revenue: false, df: [[...keys, 'df']] },
      variable: textCell(v ?? 'NPS categories'),
      test: textCell(text, title),
      statistic: numberCell(t.statistic, [...keys, 'statistic']),
      df: textCell(String(t.df)),
      pValue: numberCell(t.pValue, [...keys, 'pValue']),
    });
  for (const [v, t] of Object.entries(profile.tests.numeric)) {
    if (t.anova) anova(v, ['tests', 'numeric', v, 'anova'], t.anova, false);
    if (t.kruskalWallis) single(v, 'Kruskal-Wallis H', 'Kruskal-Wallis, H', ['tests', 'numeric', v, 'kruskalWallis'], t.kruskalWallis);
  }
  for (const [v, t] of Object.entries(profile.tests.categorical))
    if (t) single(v, 'chi-square', 'chi-square', ['tests', 'categorical', v], t);
  if (profile.tests.nps) single(null, 'chi-square', 'chi-square', ['tests', 'nps'], profile.tests.nps);
  if (profile.tests.revenue?.anova) anova(revenueName, ['tests', 'revenue', 'anova'], profile.tests.revenue.anova, true);
  return {
    columns: {
      variable: { text: 'variable', title: 'Variable', numeric: false },
      test: { text: 'test', title: 'Test', numeric: false },
      statistic: { text: 'statistic', title: 'Statistic', numeric: true },
      df: { text: 'df', title: 'Degrees of freedom', numeric: true },
      pValue: { text: 'p value', title: 'p', numeric: true },
    },
    rows,
  };
}
